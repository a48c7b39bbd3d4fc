import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogProvider } from '@faultline/fis-core';
import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leak } from '../../../packages/server-runtime/test/support/tool-fuzz';
import { createServer } from '../src/server';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const examples = join(repo, 'examples/scenarios');

/** Scenario paths and run ids from a client: every escape from the scenario root or the runs folder is refused. */
describe('scenario tools: paths and run ids', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'faultline-scenario-paths-')));
  const root = join(base, 'scenarios');
  const runs = join(base, 'runs');
  const outside = join(base, 'outside');
  const saved = { root: process.env.FAULTLINE_SCENARIO_ROOT, runs: process.env.FAULTLINE_RUNS_DIR };
  let client: Client;
  let tools: Tool[] = [];

  beforeAll(async () => {
    mkdirSync(root, { recursive: true });
    mkdirSync(join(runs, 'real-run'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    const example = readdirSync(examples).find((f) => f.endsWith('.yaml')) as string;
    copyFileSync(join(examples, example), join(outside, 'outside.yaml'));
    copyFileSync(join(examples, example), join(root, 'inside.yaml'));
    writeFileSync(join(outside, 'journal.jsonl'), '{}\n');
    symlinkSync(join(outside, 'outside.yaml'), join(root, 'link-out.yaml'));
    symlinkSync('/etc/passwd', join(root, 'passwd.yaml'));
    symlinkSync(outside, join(root, 'dir-out'));
    symlinkSync(outside, join(runs, 'run-link-out'));
    process.env.FAULTLINE_SCENARIO_ROOT = root;
    process.env.FAULTLINE_RUNS_DIR = runs;
    const { server } = createServer({
      catalogs: new CatalogProvider({
        cacheDir: join(base, 'cache'),
        credentialsAvailable: async () => false,
      }),
      defaultRegion: 'us-east-1',
      logger: silentLogger,
    });
    client = new Client({ name: 'paths', version: '0' });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
    tools = (await client.listTools()).tools;
  });

  afterAll(async () => {
    await client.close();
    if (saved.root === undefined) delete process.env.FAULTLINE_SCENARIO_ROOT;
    else process.env.FAULTLINE_SCENARIO_ROOT = saved.root;
    if (saved.runs === undefined) delete process.env.FAULTLINE_RUNS_DIR;
    else process.env.FAULTLINE_RUNS_DIR = saved.runs;
    rmSync(base, { recursive: true, force: true });
  });

  const HOSTILE_PATHS = [
    '../outside/outside.yaml',
    '../../../../../../etc/passwd',
    `${outside}/outside.yaml`,
    '/etc/passwd',
    'link-out.yaml',
    'passwd.yaml',
    'dir-out/outside.yaml',
    'inside.yaml\u0000.txt',
    '%2e%2e%2foutside%2foutside.yaml',
    '..%2f..%2fetc%2fpasswd',
    '..\\outside\\outside.yaml',
    'file:///etc/passwd',
  ];
  const HOSTILE_RUN_IDS = [
    '..',
    '../outside',
    '../../etc',
    '/etc',
    `${outside}`,
    'run-link-out',
    'real-run/../../outside',
    'real-run\u0000',
    '%2e%2e',
    '..%2f..%2fetc',
    '.',
    '',
  ];

  function fieldTools(pattern: RegExp): Array<{ tool: Tool; field: string }> {
    return tools.flatMap((tool) =>
      Object.keys((tool.inputSchema.properties ?? {}) as Record<string, unknown>)
        .filter((field) => pattern.test(field))
        .map((field) => ({ tool, field })),
    );
  }

  async function refused(tool: Tool, field: string, value: string): Promise<void> {
    const args: Record<string, unknown> = { [field]: value };
    const result = (await client.callTool({ name: tool.name, arguments: args })) as CallToolResult;
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    expect(result.isError, `${tool.name}(${field}: ${JSON.stringify(value)}) → ${text.slice(0, 200)}`).toBe(
      true,
    );
    expect(text, `${tool.name} names the field`).toContain(field);
    expect(leak(text, [repo, base], JSON.stringify(args)), text).toBeUndefined();
  }

  it('refuses every scenario path that leaves the root (.., absolute, symlinks out, NUL, URL-encoded)', async () => {
    const targets = fieldTools(/^path$/);
    for (const { tool, field } of targets) {
      for (const value of HOSTILE_PATHS) await refused(tool, field, value);
    }
    console.log(
      `scenario paths: ${targets.length} tool fields × ${HOSTILE_PATHS.length} hostile paths refused`,
    );
  });

  it('refuses every run id that could name a folder outside the runs folder', async () => {
    const targets = fieldTools(/^run_?id$/);
    for (const { tool, field } of targets) {
      for (const value of HOSTILE_RUN_IDS) await refused(tool, field, value);
    }
    console.log(`run ids: ${targets.length} tool fields × ${HOSTILE_RUN_IDS.length} hostile run ids refused`);
  });

  it('still serves a scenario inside the root', async () => {
    const validate = tools.find((t) => t.name === 'validate_scenario');
    if (!validate) return;
    const result = (await client.callTool({
      name: 'validate_scenario',
      arguments: { path: 'inside.yaml' },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
  });
});
