import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBundle } from '@faultline/eks-node-diagnostics/testing';
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
  let bundles: string;
  let archive: string;
  let stderr = '';

  beforeAll(async () => {
    expect(existsSync(bin), 'run the build first (npm test does)').toBe(true);
    bundles = await mkdtemp(join(tmpdir(), 'faultline-nd-e2e-'));
    archive = (
      await generateBundle({ outDir: bundles, sizeMb: 0.2, inject: ['kernel.oom-kill'], keepFolder: false })
    ).archive as string;
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin],
      stderr: 'pipe',
      // no AWS credentials at all: local bundles must work
      env: {
        PATH: process.env.PATH ?? '',
        FAULTLINE_BUNDLE_ROOT: bundles,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    transport.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    client = new Client({ name: 'e2e', version: '0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    await rm(bundles, { recursive: true, force: true });
  });

  it('is the package’s single bin, with a shebang', () => {
    expect(Object.values(pkg.bin)).toEqual(['dist/index.js']);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('reports its name and version', () => {
    expect(client.getServerVersion()).toMatchObject({
      name: 'faultline-node-diagnostics',
      version: pkg.version,
    });
  });

  it('analyses a generated bundle by its name under the bundle root', async () => {
    const result = (await client.callTool({
      name: 'analyze_node_bundle',
      arguments: { bundle: archive.slice(bundles.length + 1) },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const { findings } = result.structuredContent as { findings: Array<{ rule: string }> };
    expect(findings.map((f) => f.rule)).toEqual(['kernel.oom-kill']);
  });

  it('keeps stdout for MCP: logs are JSON lines on stderr', () => {
    expect(parseJsonLogLines(stderr).length).toBeGreaterThan(0);
  });
});

describe('the command line', () => {
  it('prints --version and --help, and refuses an unknown option with exit code 2 and the reason', () => {
    checkCommandLine(bin, { version: pkg.version, helpMentions: ['analyze_node_bundle'] });
  });
});
