import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCommandLine, parseJsonLogLines } from '@faultline/server-runtime/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'index.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

describe('the built server over stdio, started as npx starts it', () => {
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    expect(existsSync(bin), 'run the build first (npm test does)').toBe(true);
    const transport = new StdioClientTransport({ command: process.execPath, args: [bin], stderr: 'pipe' });
    transport.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    client = new Client({ name: 'e2e', version: '0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('is the package’s single bin, with a shebang', () => {
    expect(Object.values(pkg.bin)).toEqual(['dist/index.js']);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('reports its name and version', () => {
    expect(client.getServerVersion()).toMatchObject({
      name: 'faultline-fis-recommender',
      version: pkg.version,
    });
  });

  it('walks a finding to a template through both tools', async () => {
    const recommended = (await client.callTool({
      name: 'recommend_fis_experiments',
      arguments: {
        finding: {
          id: 'inc-9',
          summary: 'Kinesis consumers hit ProvisionedThroughputExceededException for 20 minutes',
        },
      },
    })) as CallToolResult;
    const [top] = (recommended.structuredContent as { recommendations: Array<{ actionId: string }> })
      .recommendations;
    expect(top?.actionId).toBe('aws:kinesis:stream-provisioned-throughput-exception');
    const created = (await client.callTool({
      name: 'create_fis_template',
      arguments: { recommendation: top, target_config: { allowNoStopCondition: true } },
    })) as CallToolResult;
    expect(created.isError).toBeFalsy();
    const structured = created.structuredContent as {
      template: { stopConditions: unknown[] };
      warnings: string[];
    };
    expect(structured.template.stopConditions).toEqual([{ source: 'none' }]);
    expect(structured.warnings.join(' ')).toMatch(/explicitly waived/);
  });

  it('keeps stdout for MCP: logs are JSON lines on stderr', () => {
    expect(parseJsonLogLines(stderr).length).toBeGreaterThan(0);
  });
});

describe('the command line', () => {
  it('prints --version and --help, and refuses an unknown option with exit code 2 and the reason', () => {
    checkCommandLine(bin, { version: pkg.version, helpMentions: ['recommend_fis_experiments'] });
  });
});
