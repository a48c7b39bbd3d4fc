import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogProvider } from '@faultline/fis-core';
import { buildServer, silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type CallToolResult, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../server';
import { ScenarioRuns } from './scenario-runs';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../examples/scenarios');

const BROKEN = `meta:
  id: Broken_ID
  title: broken on purpose
  colour: red
services:
  - name: web
    command: []
steady_state:
  interval: 100ms
  probes:
    - name: p
      type: http
      url: not-a-url
fault:
  type: latency
  target: nosuch
  latency_ms: -5
`;

let base: string;
let root: string;
let outside: string;
let runsDir: string;
let killSwitch: string;
let client: Client;

async function connect(
  options: { readOnly?: boolean; runsDir?: string; declineElicitation?: boolean } = {},
): Promise<Client> {
  const factory = () => ({
    server: createServer({
      catalogs: new CatalogProvider({
        cacheDir: join(base, 'cache'),
        credentialsAvailable: async () => false,
      }),
      defaultRegion: 'us-east-1',
      logger: silentLogger,
      scenarios: {
        root,
        runsDir: options.runsDir ?? runsDir,
        env: { FAULTLINE_KILL_SWITCH: killSwitch },
        runs: new ScenarioRuns(),
      },
    }).server,
  });
  const { server } = await buildServer(factory, {
    logger: silentLogger,
    readOnly: options.readOnly ?? false,
  });
  const connected = new Client(
    { name: 'test', version: '0' },
    { capabilities: options.declineElicitation ? { elicitation: {} } : {} },
  );
  if (options.declineElicitation)
    connected.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([connected.connect(clientTransport), server.connect(serverTransport)]);
  return connected;
}

async function call(name: string, args: Record<string, unknown>, through = client): Promise<CallToolResult> {
  return (await through.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
const body = <T>(result: CallToolResult) => result.structuredContent as T;
/** The code, message and data of a tool error (in `_meta`, or in `structuredContent.error` before it moved). */
const errorDetails = (result: CallToolResult) =>
  (result._meta?.['io.faultline/error'] ??
    (result.structuredContent as { error?: unknown } | undefined)?.error ??
    {}) as { code?: string; issues?: unknown[] };

beforeAll(async () => {
  // Prepare: a scenario root with scenarios, a broken one, a non-scenario YAML, and two ways out
  base = mkdtempSync(join(tmpdir(), 'faultline-scenario-tools-'));
  root = join(base, 'root');
  outside = join(base, 'outside');
  runsDir = join(base, 'runs');
  killSwitch = join(base, 'kill-switch');
  mkdirSync(join(root, 'nested'), { recursive: true });
  mkdirSync(outside);
  copyFileSync(join(EXAMPLES, 'mcp-process-kill.yaml'), join(root, 'mcp-process-kill.yaml'));
  copyFileSync(join(EXAMPLES, 'mcp-latency.yaml'), join(root, 'nested', 'mcp-latency.yaml'));
  writeFileSync(join(root, 'broken.yaml'), BROKEN);
  writeFileSync(join(root, 'docker-compose.yml'), 'services: {}\n');
  copyFileSync(join(EXAMPLES, 'mcp-process-kill.yaml'), join(outside, 'secret.yaml'));
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'escape.yaml'));
  symlinkSync(outside, join(root, 'linked-dir'));
  client = await connect();
});

afterAll(async () => {
  await client.close();
  rmSync(base, { recursive: true, force: true });
});

afterEach(() => {
  rmSync(killSwitch, { force: true });
});

describe('list_scenarios', () => {
  it('lists the scenarios under the root with id, title, fault kinds and validity, and never what lies outside', async () => {
    // Act
    const result = await call('list_scenarios', {});

    // Assess
    expect(result.isError).toBeFalsy();
    const listed = body<{
      root: string;
      count: number;
      scenarios: Array<{
        id: string;
        path: string;
        name: string;
        faultKinds: string[];
        valid: boolean;
        issueCount: number;
      }>;
      otherYamlFiles: number;
      skipped: Array<{ path: string; reason: string }>;
      runsDir: string;
      activeRuns: unknown[];
    }>(result);
    expect(listed.scenarios.map((s) => [s.path, s.id, s.valid, s.faultKinds])).toEqual([
      ['broken.yaml', 'broken', false, []],
      ['mcp-process-kill.yaml', 'mcp-process-kill', true, ['process-kill']],
      ['nested/mcp-latency.yaml', 'mcp-latency', true, ['latency']],
    ]);
    expect(listed.scenarios[0]?.issueCount).toBeGreaterThanOrEqual(4);
    expect(listed.scenarios[1]?.name).toBe('Process kill of the fis-recommender MCP server');
    expect(listed.otherYamlFiles).toBe(1);
    expect(listed.skipped).toEqual([
      { path: 'escape.yaml', reason: 'a symlink to outside the scenario root' },
    ]);
    expect(listed).toMatchObject({ count: 3, runsDir, activeRuns: [] });
    expect(JSON.stringify(listed)).not.toContain('secret.yaml');
  });

  it('leaves out the runs folder when it is inside the root (its runs hold copies of scenarios)', async () => {
    // Prepare
    const inside = join(root, 'runs');
    mkdirSync(join(inside, '20260101T000000Z-aaaaaa'), { recursive: true });
    copyFileSync(
      join(EXAMPLES, 'mcp-latency.yaml'),
      join(inside, '20260101T000000Z-aaaaaa', 'scenario.yaml'),
    );
    const other = await connect({ runsDir: inside });
    try {
      // Act
      const listed = body<{ scenarios: Array<{ path: string }> }>(await call('list_scenarios', {}, other));

      // Assess
      expect(listed.scenarios.map((s) => s.path)).toEqual([
        'broken.yaml',
        'mcp-process-kill.yaml',
        'nested/mcp-latency.yaml',
      ]);
    } finally {
      await other.close();
      rmSync(inside, { recursive: true, force: true });
    }
  });
});

describe('validate_scenario', () => {
  it('returns every issue of a file at once, each with line, column, path and a stable id', async () => {
    // Act
    const first = body<{
      valid: boolean;
      issues: Array<{
        id: string;
        line: number;
        column: number;
        path: string;
        message: string;
        kind: string;
      }>;
      formatted: string;
    }>(await call('validate_scenario', { path: 'broken.yaml' }));
    const again = body<{ issues: Array<{ id: string }> }>(
      await call('validate_scenario', { path: 'broken.yaml' }),
    );

    // Assess
    expect(first.valid).toBe(false);
    expect(first.issues.map((i) => [i.line, i.path])).toEqual(
      expect.arrayContaining([
        [2, 'meta.id'],
        [4, 'meta.colour'],
        [7, 'services[0].command'],
        [13, 'steady_state.probes[0].url'],
        [17, 'fault.latency_ms'],
      ]),
    );
    for (const issue of first.issues) {
      expect(issue.column).toBeGreaterThanOrEqual(1);
      expect(issue.id).toMatch(/^issue_[0-9a-z]{16}$/);
    }
    expect(again.issues.map((i) => i.id)).toEqual(first.issues.map((i) => i.id));
    expect(first.formatted).toMatch(/^broken\.yaml:2:\d+ meta\.id: /m);
  });

  it('validates inline YAML text, and a valid file with its id and fault kinds', async () => {
    const inline = body<{ valid: boolean; source: string; issues: Array<{ path: string }> }>(
      await call('validate_scenario', { yaml: 'meta: { id: x, title: y }\nsteady_state: { probes: [] }\n' }),
    );
    expect(inline).toMatchObject({ valid: false, source: 'inline' });
    expect(inline.issues.map((i) => i.path)).toContain('steady_state.probes');

    const good = await call('validate_scenario', {
      path: 'nested/mcp-latency.yaml',
      bindings: { port: 19001 },
    });
    expect(good.structuredContent).toMatchObject({
      valid: true,
      source: 'file',
      path: 'nested/mcp-latency.yaml',
      scenarioId: 'mcp-latency',
      faultKinds: ['latency'],
      issues: [],
    });
  });

  it('asks for exactly one of path and yaml, naming both', async () => {
    for (const args of [{}, { path: 'broken.yaml', yaml: 'meta: {}' }]) {
      const result = await call('validate_scenario', args);
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^CHAOS_INVALID_INPUT: path, yaml: give exactly one/);
    }
  });
});

describe('paths that leave the scenario root', () => {
  const escapes = [
    ['../outside/secret.yaml', /"\.\." segment/],
    ['nested/../../outside/secret.yaml', /"\.\." segment/],
    ['/etc/passwd', /outside the scenario root/],
    ['escape.yaml', /through a symlink/],
    ['linked-dir/secret.yaml', /through a symlink/],
    ['mcp-process-kill.yaml\u0000.txt', /NUL byte/],
  ] as const;

  it.each(escapes)(
    '%j is refused by validate_scenario and run_scenario, naming the path field',
    async (path, why) => {
      for (const [tool, args] of [
        ['validate_scenario', { path }],
        ['run_scenario', { path }],
        ['run_scenario', { path, confirm: true }],
      ] as const) {
        const result = await call(tool, args);
        expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
        expect(text(result)).toMatch(/^CHAOS_PATH_NOT_ALLOWED: path: the path is not allowed/);
        expect(text(result)).toMatch(why);
        expect(text(result)).not.toContain(base);
      }
      expect(existsSync(runsDir)).toBe(false);
    },
  );

  it('refuses an absolute path outside the root, and accepts one inside it', async () => {
    const out = await call('validate_scenario', { path: join(outside, 'secret.yaml') });
    expect(text(out)).toMatch(/^CHAOS_PATH_NOT_ALLOWED: path: .*outside the scenario root/);
    const inside = await call('validate_scenario', { path: join(root, 'mcp-process-kill.yaml') });
    expect(inside.structuredContent).toMatchObject({ valid: true, path: 'mcp-process-kill.yaml' });
  });

  it('says when the file is missing or not a scenario file', async () => {
    expect(text(await call('validate_scenario', { path: 'nope.yaml' }))).toMatch(
      /^CHAOS_SCENARIO_NOT_FOUND: path: no file "nope.yaml"/,
    );
    expect(text(await call('validate_scenario', { path: 'nested' }))).toMatch(
      /^CHAOS_INVALID_INPUT: path: .* not a file/,
    );
  });

  it('refuses run ids that could leave the runs folder, before touching the disk', async () => {
    for (const runId of ['../etc', '..', 'a/b', '.hidden', 'a\u0000b']) {
      for (const tool of ['get_scenario_run', 'abort_scenario_run']) {
        const result = await call(tool, { run_id: runId });
        expect(result.isError).toBe(true);
        expect(text(result)).toMatch(/run_id/);
      }
    }
    const unknown = await call('get_scenario_run', { run_id: '20260101T000000Z-abcdef' });
    expect(text(unknown)).toMatch(/^CHAOS_RUN_NOT_FOUND: run_id: no run 20260101T000000Z-abcdef/);
  });
});

describe('run_scenario dry run', () => {
  it('returns the plan without running anything: states, faults, probes, commands and the artifacts folder', async () => {
    // Act
    const result = await call('run_scenario', { path: 'mcp-process-kill.yaml', bindings: { port: 19002 } });

    // Assess
    expect(result.isError).toBeFalsy();
    const answer = body<{
      mode: string;
      plan: Record<string, unknown> & { commands: Array<{ argv: string[] }> };
    }>(result);
    expect(answer.mode).toBe('dry-run');
    expect(answer.plan).toMatchObject({
      states: ['INIT', 'PRECHECK', 'FAULT_INJECT', 'STABILIZE', 'VERIFY', 'PASS', 'CLEANUP'],
      skippedStates: expect.arrayContaining([
        { state: 'ASSISTANT_RCA', reason: 'the scenario has no assistant_rca step' },
      ]),
      control: false,
      faults: [
        {
          id: '1-process-kill-fis-recommender',
          type: 'process-kill',
          provider: 'local',
          target: 'fis-recommender',
          durationMs: null,
          abort: { max_duration: '20s' },
        },
      ],
      probes: [{ name: 'mcp-tools-list', type: 'mcp', target: 'tools/list over http://127.0.0.1:19002/mcp' }],
      commands: [{ phase: 'service', name: 'fis-recommender' }],
      limits: { maxDurationMs: 60_000, maxMttdMs: 2000, maxMttrMs: 15_000 },
      artifacts: { runsDir, runDir: join(runsDir, '<run id>') },
      killSwitch: { path: killSwitch, engaged: false },
      warnings: [],
    });
    expect(answer.plan.commands[0]?.argv).toEqual(expect.arrayContaining(['--port', '19002']));
    expect(existsSync(runsDir)).toBe(false);
  });

  it('a control run plans no fault, and says which states it skips', async () => {
    const answer = body<{
      plan: { states: string[]; faults: unknown[]; skippedStates: Array<{ reason: string }> };
    }>(await call('run_scenario', { path: 'mcp-process-kill.yaml', control: true }));
    expect(answer.plan.states).toEqual(['INIT', 'PRECHECK', 'VERIFY', 'PASS', 'CLEANUP']);
    expect(answer.plan.faults).toEqual([]);
    expect(answer.plan.skippedStates[0]?.reason).toBe('control run: no fault is injected');
  });

  it('refuses an invalid scenario with every issue, and refuses to run while the kill switch is engaged', async () => {
    const invalid = await call('run_scenario', { path: 'broken.yaml', confirm: true });
    expect(text(invalid)).toMatch(/^CHAOS_SCENARIO_INVALID: path: broken.yaml has \d+ problem/);
    expect(errorDetails(invalid).issues?.length).toBeGreaterThan(3);

    writeFileSync(killSwitch, 'game day paused\n');
    const plan = body<{ plan: { killSwitch: { engaged: boolean }; warnings: string[] } }>(
      await call('run_scenario', { path: 'mcp-process-kill.yaml' }),
    );
    expect(plan.plan.killSwitch.engaged).toBe(true);
    expect(plan.plan.warnings[0]).toMatch(/kill switch/);
    const refused = await call('run_scenario', { path: 'mcp-process-kill.yaml', confirm: true });
    expect(text(refused)).toMatch(/^CHAOS_REFUSED: the kill switch is engaged/);
    expect(existsSync(runsDir)).toBe(false);
  });

  it('asks the user through elicitation when the client can, and a decline runs nothing', async () => {
    const asking = await connect({ declineElicitation: true });
    const declined = await call('run_scenario', { path: 'mcp-process-kill.yaml', confirm: true }, asking);
    expect(text(declined)).toMatch(/^CHAOS_REFUSED: the user declined to run the scenario/);
    expect(existsSync(runsDir)).toBe(false);
    await asking.close();
  });

  it('names the field of a bad argument', async () => {
    const result = await call('run_scenario', { path: 'mcp-process-kill.yaml', bindings: { 'bad-name': 1 } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/bindings/);
    const wait = await call('run_scenario', { path: 'mcp-process-kill.yaml', wait_seconds: 0 });
    expect(text(wait)).toMatch(/wait_seconds/);
  });
});

describe('--read-only', () => {
  it('keeps list, validate and get, and refuses run_scenario and abort_scenario_run', async () => {
    // Prepare
    const readOnly = await connect({ readOnly: true });
    try {
      // Act
      const { tools } = await readOnly.listTools();
      const run = await call('run_scenario', { path: 'mcp-process-kill.yaml', confirm: true }, readOnly);
      const list = await call('list_scenarios', {}, readOnly);

      // Assess
      const names = tools.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining(['list_scenarios', 'validate_scenario', 'get_scenario_run']),
      );
      expect(names).not.toContain('run_scenario');
      expect(names).not.toContain('abort_scenario_run');
      expect(run.isError).toBe(true);
      expect(text(run)).toMatch(
        /^TOOL_NOT_AVAILABLE: run_scenario is not available: the server runs with --read-only/,
      );
      expect(list.isError).toBeFalsy();
      expect(existsSync(runsDir)).toBe(false);
    } finally {
      await readOnly.close();
    }
  });
});

describe('runs read back from their folder', () => {
  it('reports a run another process finished, from its report.json', async () => {
    // Prepare
    const runId = '20260101T000000Z-0a0b0c';
    mkdirSync(join(runsDir, runId), { recursive: true });
    writeFileSync(
      join(runsDir, runId, 'report.json'),
      JSON.stringify({
        schemaVersion: 1,
        runId,
        scenarioId: 'mcp-process-kill',
        title: 'Process kill',
        verdict: 'FAIL',
        reason: 'not recovered',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:05.000Z',
        durationMs: 5000,
        states: [{ state: 'INIT', at: 1767225600000 }],
        faults: [
          {
            id: '1-process-kill-web',
            type: 'process-kill',
            provider: 'local',
            target: 'web',
            status: 'injected',
            mttdMs: 120,
            mttrMs: null,
          },
        ],
        observations: [
          { id: 'obs_aaaaaaaaaaaaaaaa', kind: 'not-recovered', severity: 'error', message: 'x' },
        ],
      }),
    );
    writeFileSync(join(runsDir, runId, 'report.html'), '<html></html>');

    // Act
    const result = await call('get_scenario_run', { run_id: runId });

    // Assess
    expect(result.structuredContent).toMatchObject({
      runId,
      status: 'finished',
      verdict: 'FAIL',
      source: 'disk',
      faults: [{ id: '1-process-kill-web', mttdMs: 120, mttrMs: null }],
      reports: { html: join(runsDir, runId, 'report.html'), json: join(runsDir, runId, 'report.json') },
    });
    expect(
      body<{ alreadyFinished: boolean }>(await call('abort_scenario_run', { run_id: runId })).alreadyFinished,
    ).toBe(true);
  });

  it('rolls back, through abort_scenario_run, a run whose engine died before its cleanup', async () => {
    // Prepare: the journal of a run killed in PRECHECK (its pid is gone, its heartbeat never written)
    const runId = '20260101T000001Z-0d0e0f';
    const dir = join(runsDir, runId);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'journal.jsonl'),
      `${[
        {
          seq: 1,
          at: '2026-01-01T00:00:01.000Z',
          type: 'run-started',
          runId,
          pid: 2 ** 22 + 7,
          scenarioId: 'x',
        },
        { seq: 2, at: '2026-01-01T00:00:02.000Z', type: 'transition', from: 'INIT', to: 'PRECHECK' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n')}\n`,
    );
    writeFileSync(
      join(dir, 'scenario.json'),
      JSON.stringify({ meta: { id: 'x', title: 'A dead run' }, cleanup: { always: [] } }),
    );
    const before = body<{ status: string; state: string }>(await call('get_scenario_run', { run_id: runId }));
    expect(before).toMatchObject({ status: 'interrupted', state: 'PRECHECK' });

    // Act
    const result = await call('abort_scenario_run', { run_id: runId, reason: 'test' });

    // Assess
    expect(result.isError, text(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      runId,
      status: 'finished',
      verdict: 'ABORTED',
      aborted: true,
      alreadyFinished: false,
      recovery: { revertedFaults: [], errors: [] },
    });
  });

  it('refuses a run folder that is a symlink', async () => {
    symlinkSync(outside, join(runsDir, 'linked-run'));
    const result = await call('get_scenario_run', { run_id: 'linked-run' });
    expect(text(result)).toMatch(/^CHAOS_PATH_NOT_ALLOWED: run_id: /);
  });
});
