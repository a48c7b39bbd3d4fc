import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCommandLine } from '@faultline/server-runtime/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'index.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

describe('the built chaos-engineering server over stdio, with no AWS credentials', () => {
  let client: Client;
  const home = mkdtempSync(join(tmpdir(), 'faultline-home-'));

  beforeAll(async () => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--log-level', 'warn'],
      env,
      stderr: 'pipe',
    });
    client = new Client({ name: 'e2e', version: '0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('reports its name and version', () => {
    expect(client.getServerVersion()).toMatchObject({
      name: 'faultline-chaos-engineering',
      version: pkg.version,
    });
  });

  it('works offline: catalog from the bundled snapshot, validation of a broken template', async () => {
    const catalog = (await client.callTool({
      name: 'get_valid_fis_actions',
      arguments: {},
    })) as CallToolResult;
    expect((catalog.structuredContent as { status: string }).status).toBe('bundled');
    const result = (await client.callTool({
      name: 'validate_fis_template',
      arguments: {
        template: {
          description: 'stop one instance',
          targets: {
            web: {
              resourceType: 'aws:ec2:instance',
              resourceTags: { app: 'web' },
              selectionMode: 'COUNT(1)',
            },
          },
          actions: { stop: { actionId: 'aws:ec2:stop-instances', targets: { Instance: 'web' } } },
          stopConditions: [{ source: 'none' }],
          roleArn: 'arn:aws:iam::123456789012:user/alice',
        },
      },
    })) as CallToolResult;
    const body = result.structuredContent as {
      valid: boolean;
      errors: Array<{ code: string; path: string; suggestion?: string }>;
    };
    expect(body.valid).toBe(false);
    expect(body.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/actions/stop/targets/Instance', '/roleArn']),
    );
  });

  it('answers a live call with a clear error instead of failing', async () => {
    const result = (await client.callTool({
      name: 'list_experiments',
      arguments: { region: 'us-east-1' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    const message = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    expect(message).toMatch(/ListExperiments failed/);
  });
});

describe('the command line', () => {
  it('prints --version and --help, and refuses an unknown option with exit code 2 and the reason', () => {
    checkCommandLine(bin, { version: pkg.version, helpMentions: ['validate_fis_template'] });
  });
});

describe('the built chaos-engineering server over stdio with --read-only', () => {
  let client: Client;
  const home = mkdtempSync(join(tmpdir(), 'faultline-home-'));
  const runsDir = join(home, 'runs');

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bin, '--read-only', '--log-level', 'warn'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CACHE_HOME: join(home, 'cache'),
        AWS_EC2_METADATA_DISABLED: 'true',
        FAULTLINE_SCENARIO_ROOT: join(root, '..', '..', 'examples', 'scenarios'),
        FAULTLINE_RUNS_DIR: runsDir,
      },
      stderr: 'pipe',
    });
    client = new Client({ name: 'e2e', version: '0' });
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the scenarios of FAULTLINE_SCENARIO_ROOT, and refuses run_scenario: it is not offered', async () => {
    // Act
    const { tools } = await client.listTools();
    const listed = (await client.callTool({ name: 'list_scenarios', arguments: {} })) as CallToolResult;
    const run = (await client.callTool({
      name: 'run_scenario',
      arguments: { path: 'mcp-process-kill.yaml', confirm: true },
    })) as CallToolResult;

    // Assess
    expect(tools.map((t) => t.name)).not.toContain('run_scenario');
    expect(tools.map((t) => t.name)).not.toContain('abort_scenario_run');
    const scenarios = (listed.structuredContent as { scenarios: Array<{ id: string; valid: boolean }> })
      .scenarios;
    expect(scenarios.map((s) => s.id)).toContain('mcp-process-kill');
    expect(scenarios.every((s) => s.valid)).toBe(true);
    expect(run.isError).toBe(true);
    expect(run.content.map((c) => (c.type === 'text' ? c.text : '')).join('')).toMatch(
      /^TOOL_NOT_AVAILABLE: run_scenario is not available: the server runs with --read-only/,
    );
    expect(existsSync(runsDir)).toBe(false);
  });
});
