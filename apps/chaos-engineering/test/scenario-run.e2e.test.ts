import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer, connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogProvider } from '@faultline/fis-core';
import { readJournal, TargetLocks } from '@faultline/scenario-engine';
import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../src/server';
import type { RunView } from '../src/tools/scenario/run-view';
import { ScenarioRuns } from '../src/tools/scenario/scenario-runs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const EXAMPLES = join(REPO, 'examples', 'scenarios');
/** The built fis-recommender: the service the example scenarios break. */
const SERVER = join(REPO, 'apps', 'fis-recommender', 'dist', 'index.js');
const HELPER = join(REPO, 'packages', 'scenario-engine', 'dist', 'helper.js');

let base: string;
let runsDir: string;
let client: Client;
let runs: ScenarioRuns;

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

/** The run's processes (services and helpers) from its journal. */
function runProcesses(runDir: string): number[] {
  return readJournal(join(runDir, 'journal.jsonl'))
    .filter((e) => e.type === 'service-started' || e.type === 'helper-started')
    .map((e) => Number(e.pid));
}

const journalTypes = (runDir: string) => readJournal(join(runDir, 'journal.jsonl')).map((e) => e.type);
const transitions = (runDir: string) =>
  readJournal(join(runDir, 'journal.jsonl'))
    .filter((e) => e.type === 'transition')
    .map((e) => e.to);

async function latencyBindings() {
  return { server: SERVER, port: await freePort(), proxy_port: await freePort() };
}

describe.runIf(existsSync(SERVER) && existsSync(HELPER))(
  'scenario runs through the MCP tools, for real',
  () => {
    beforeAll(async () => {
      // Prepare: copies of two examples in a scenario root; their service is the built fis-recommender
      base = mkdtempSync(join(tmpdir(), 'faultline-scenario-runs-'));
      const root = join(base, 'scenarios');
      runsDir = join(base, 'runs');
      mkdirSync(root);
      for (const name of ['mcp-process-kill.yaml', 'mcp-latency.yaml'])
        copyFileSync(join(EXAMPLES, name), join(root, name));
      runs = new ScenarioRuns({ engine: { locks: new TargetLocks(join(base, 'locks')) } });
      const { server } = createServer({
        catalogs: new CatalogProvider({
          cacheDir: join(base, 'cache'),
          credentialsAvailable: async () => false,
        }),
        defaultRegion: 'us-east-1',
        logger: silentLogger,
        scenarios: { root, runsDir, env: { FAULTLINE_KILL_SWITCH: join(base, 'kill-switch') }, runs },
      });
      client = new Client({ name: 'e2e', version: '0' });
      const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
      await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
    });

    afterAll(async () => {
      await runs?.shutdown();
      await client?.close();
      if (base) rmSync(base, { recursive: true, force: true });
    });

    it('runs the process-kill scenario to PASS with progress at each transition, MTTD, MTTR and the reports', async () => {
      // Act
      const progress: Progress[] = [];
      const started = performance.now();
      const result = (await client.callTool(
        {
          name: 'run_scenario',
          arguments: {
            path: 'mcp-process-kill.yaml',
            confirm: true,
            bindings: { server: SERVER, port: await freePort() },
          },
        },
        undefined,
        { onprogress: (p) => progress.push(p), timeout: 90_000 },
      )) as CallToolResult;
      const elapsedMs = Math.round(performance.now() - started);

      // Assess: the verdict, the measurements and the files
      expect(result.isError, text(result)).toBeFalsy();
      const { run } = result.structuredContent as { run: RunView };
      expect(run, run.reason).toMatchObject({
        status: 'finished',
        state: 'CLEANUP',
        verdict: 'PASS',
        source: 'memory',
      });
      const [fault] = run.faults;
      expect(fault).toMatchObject({
        id: '1-process-kill-fis-recommender',
        type: 'process-kill',
        status: 'injected',
      });
      expect(fault?.mttdMs).toEqual(expect.any(Number));
      expect(fault?.mttdMs).toBeLessThan(2000);
      expect(fault?.mttrMs).toEqual(expect.any(Number));
      for (const file of ['html', 'json', 'markdown', 'junit', 'journal', 'samples'] as const) {
        expect(existsSync(run.reports[file] as string), file).toBe(true);
      }
      expect(run.reports.html).toBe(join(runsDir, run.runId, 'report.html'));
      expect(JSON.parse(readFileSync(run.reports.json as string, 'utf8'))).toMatchObject({
        verdict: 'PASS',
        runId: run.runId,
      });
      expect(run.observations.map((o) => o.id)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^obs_[0-9a-z]{16}$/)]),
      );

      // Assess: one notification per transition, in order, with progress going up to the total
      const states = progress.map((p) => p.message?.split(' ')[0]).filter((s) => s && /^[A-Z_]+$/.test(s));
      expect(states).toEqual(['INIT', 'PRECHECK', 'FAULT_INJECT', 'STABILIZE', 'VERIFY', 'PASS', 'CLEANUP']);
      expect(progress[0]?.message).toBe(`INIT (run ${run.runId})`);
      expect(progress.map((p) => p.message)).toEqual(
        expect.arrayContaining([
          'fault 1-process-kill-fis-recommender injected: process-kill on fis-recommender',
          'fault 1-process-kill-fis-recommender recovered',
        ]),
      );
      for (let i = 1; i < progress.length; i += 1) {
        expect(progress[i]?.progress).toBeGreaterThan(progress[i - 1]?.progress as number);
      }
      expect(progress.at(-1)).toMatchObject({ progress: 7, total: 7 });

      // Assess: the same run read back, and nothing left running
      const again = (await call('get_scenario_run', { run_id: run.runId })).structuredContent as RunView;
      expect(again).toMatchObject({ runId: run.runId, verdict: 'PASS', faults: [{ mttdMs: fault?.mttdMs }] });
      expect(runProcesses(run.runDir).filter(alive)).toEqual([]);
      console.log(
        `process-kill via run_scenario: ${run.verdict} in ${run.durationMs} ms (call ${elapsedMs} ms), ` +
          `mttdMs=${fault?.mttdMs} mttrMs=${fault?.mttrMs}, ${progress.length} progress notifications`,
      );
    }, 90_000);

    it('rolls back when the run_scenario request is cancelled: fault reverted, CLEANUP journaled, no stray process', async () => {
      // Prepare
      const bindings = await latencyBindings();
      const controller = new AbortController();
      const messages: string[] = [];

      // Act: cancel once the fault is in (a 3 s latency fault on the proxy)
      const pending = client.callTool(
        { name: 'run_scenario', arguments: { path: 'mcp-latency.yaml', confirm: true, bindings } },
        undefined,
        {
          signal: controller.signal,
          timeout: 90_000,
          onprogress: (p) => {
            messages.push(p.message ?? '');
            if (p.message === 'STABILIZE') controller.abort('the user pressed stop');
          },
        },
      );
      await expect(pending).rejects.toThrow();
      const runId = /^INIT \(run (.+)\)$/.exec(messages[0] ?? '')?.[1] as string;
      expect(runId).toBeDefined();
      const result = await call('get_scenario_run', { run_id: runId, wait_seconds: 30 });

      // Assess
      const run = result.structuredContent as RunView;
      expect(run).toMatchObject({ status: 'finished', state: 'CLEANUP', verdict: 'ABORTED' });
      expect(run.reason).toMatch(/run_scenario request was cancelled/);
      expect(messages).toContain('STABILIZE');
      expect(journalTypes(run.runDir)).toEqual(
        expect.arrayContaining([
          'fault-injected',
          'abort-requested',
          'fault-reverted',
          'cleanup-done',
          'run-finished',
        ]),
      );
      expect(transitions(run.runDir).slice(-2)).toEqual(['ABORTED', 'CLEANUP']);
      const pids = runProcesses(run.runDir);
      expect(pids.length).toBeGreaterThanOrEqual(2);
      expect(await until(() => pids.every((pid) => !alive(pid)), 5000)).toBe(true);
      expect(await portOpen(bindings.port)).toBe(false);
      expect(await portOpen(bindings.proxy_port)).toBe(false);
    }, 90_000);

    it('answers with status running after wait_seconds, and abort_scenario_run rolls the run back', async () => {
      // Prepare: a run that outlives the 1 s wait
      const bindings = await latencyBindings();
      const first = await call('run_scenario', {
        path: 'mcp-latency.yaml',
        confirm: true,
        bindings,
        wait_seconds: 1,
      });
      const { run } = first.structuredContent as { run: RunView };
      expect(run.status).toBe('running');
      expect(run.next).toMatch(/get_scenario_run/);
      const twice = await call('run_scenario', { path: 'mcp-latency.yaml', confirm: true, bindings });
      expect(text(twice)).toMatch(
        new RegExp(`^CHAOS_REFUSED: scenario mcp-latency is already running as run ${run.runId}`),
      );
      const injected = async () =>
        ((await call('get_scenario_run', { run_id: run.runId })).structuredContent as RunView).faults[0]
          ?.status === 'injected';
      expect(await until(injected, 30_000)).toBe(true);

      // Act
      const aborted = await call('abort_scenario_run', { run_id: run.runId, reason: 'game day over' });

      // Assess
      expect(aborted.isError, text(aborted)).toBeFalsy();
      expect(aborted.structuredContent).toMatchObject({
        runId: run.runId,
        status: 'finished',
        state: 'CLEANUP',
        verdict: 'ABORTED',
        aborted: true,
        alreadyFinished: false,
        reason: 'abort_scenario_run: game day over',
      });
      expect(journalTypes(run.runDir)).toEqual(expect.arrayContaining(['fault-reverted', 'cleanup-done']));
      const pids = runProcesses(run.runDir);
      expect(await until(() => pids.every((pid) => !alive(pid)), 5000)).toBe(true);
      expect(await portOpen(bindings.proxy_port)).toBe(false);
      const again = await call('abort_scenario_run', { run_id: run.runId });
      expect(again.structuredContent).toMatchObject({
        aborted: false,
        alreadyFinished: true,
        verdict: 'ABORTED',
      });
    }, 90_000);

    it('with wait: false answers at once with the run id, and the run can be aborted before any fault', async () => {
      const started = performance.now();
      const result = await call('run_scenario', {
        path: 'mcp-process-kill.yaml',
        confirm: true,
        wait: false,
        bindings: { server: SERVER, port: await freePort() },
      });
      expect(performance.now() - started).toBeLessThan(2000);
      const { run } = result.structuredContent as { run: RunView };
      expect(run).toMatchObject({
        status: 'running',
        faults: [{ id: '1-process-kill-fis-recommender', status: 'pending' }],
      });
      const aborted = await call('abort_scenario_run', { run_id: run.runId });
      expect(aborted.structuredContent).toMatchObject({
        verdict: 'ABORTED',
        state: 'CLEANUP',
        aborted: true,
      });
      expect(journalTypes(run.runDir)).not.toContain('fault-injected');
      const pids = runProcesses(run.runDir);
      expect(await until(() => pids.every((pid) => !alive(pid)), 5000)).toBe(true);
    }, 90_000);
  },
);
