// kill -9 of a run at every state of the FSM, then `recover` (and, for one state, no recover at all:
// the dead-man's switch alone). Each case starts a real run in a child process (test/fixtures/
// hold-runner.ts), waits until the journal shows the state, SIGKILLs the process and checks that
// nothing of the run is left: no fault (proxy gone, port closed), no process carrying the run id,
// no network namespace, no target lock, and a report that says ABORTED and recovered.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { recoverRun } from '../src/engine/recover';
import { type JournalEntry, readJournal } from '../src/fsm/journal';
import type { RunState } from '../src/fsm/states';
import { netemUnsupportedReason } from '../src/runtime/network-namespace';
import { TargetLocks } from '../src/runtime/target-lock';
import { tempRunDir } from './run-example';

const RUNNER = fileURLToPath(new URL('./fixtures/hold-runner.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const WITH_NETNS = netemUnsupportedReason() === undefined;
const dirs: string[] = [];
const figures: Array<Record<string, unknown>> = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (figures.length > 0) console.info(`kill -9 at every state:\n${JSON.stringify(figures, null, 1)}`);
});

/** The scenario: a supervised HTTP service behind the fault proxy (and one in a network namespace when root), every optional step used. */
function scenarioFile(dir: string, index: number): string {
  const subnet = `10.213.${120 + index}.0/30`;
  const nsService = WITH_NETNS
    ? `  - name: ns-svc
    command: ["${process.execPath}", -e, "require('node:http').createServer((q, s) => s.end('ok')).listen(\${ns_port}, '0.0.0.0')"]
    port: \${ns_port}
    network_namespace: { subnet: ${subnet} }
`
    : '';
  const file = join(dir, 'every-state.yaml');
  writeFileSync(
    file,
    `meta: { id: every-state, title: kill -9 at every state, max_duration: 120s }
bindings: { port: 1, proxy_port: 2, ns_port: 3, listen_delay: 0, remedy_sleep: "0", expect: latency }
services:
  - name: svc
    command: ["${process.execPath}", -e, "setTimeout(() => require('node:http').createServer((q, s) => s.end('ok')).listen(\${port}, '127.0.0.1'), \${listen_delay})"]
    port: \${port}
    proxy_port: \${proxy_port}
${nsService}steady_state:
  interval: 100ms
  probes:
    - name: svc-http
      type: http
      url: http://127.0.0.1:\${proxy_port}/
      timeout: 2s
      tolerance: { samples: 3, max_latency_ms: 250 }
fault:
  type: latency
  target: svc
  latency_ms: 400
stabilize:
  wait_for: { detected: true, recovered: false, timeout: 10s }
assistant: { kind: openai, url: "http://127.0.0.1:9/v1" }
assistant_rca:
  user: What is wrong?
  expect: { references: ["\${expect}"] }
assistant_remedy:
  user: What should we do?
execute_remedy:
  sandbox: { allow: [sleep] }
  commands:
    - { name: pause, cmd: sleep, args: ["\${remedy_sleep}"], timeout: 60s }
verify: { timeout: 10s }
cleanup:
  always:
    - { name: tidy, cmd: "true" }
`,
  );
  return file;
}

interface KillCase {
  /** The state the run is killed in. */
  state: RunState;
  /** A label when one state has several cases. */
  label?: string;
  /** State the runner holds (default `state`). */
  hold?: string;
  sets?: Record<string, string>;
  /** When the run has reached the crash point; default: the runner wrote `held`. */
  reached?: (entries: JournalEntry[], out: string, runId: string) => boolean;
  /** Whether the latency fault is active (injected, not reverted) at the crash point. */
  faultActive: boolean;
}

const lastTransition = (entries: JournalEntry[]) =>
  [...entries].reverse().find((e) => e.type === 'transition')?.to as string | undefined;

const CASES: KillCase[] = [
  { state: 'INIT', label: 'INIT (before anything started)', faultActive: false },
  {
    state: 'INIT',
    label: 'INIT (services starting)',
    hold: 'NOT_A_STATE',
    sets: { listen_delay: '20000' },
    reached: (entries) =>
      entries.some((e) => e.type === 'service-started') && lastTransition(entries) === undefined,
    faultActive: false,
  },
  { state: 'PRECHECK', faultActive: false },
  { state: 'FAULT_INJECT', faultActive: false },
  { state: 'STABILIZE', faultActive: true },
  { state: 'ASSISTANT_RCA', faultActive: true },
  { state: 'EVAL_RCA', faultActive: true },
  { state: 'ASSISTANT_REMEDY', faultActive: true },
  { state: 'EVAL_REMEDY', faultActive: true },
  {
    state: 'EXECUTE_REMEDY',
    sets: { remedy_sleep: '300' },
    reached: (_entries, _out, runId) => runProcesses(runId).some((p) => p.command.startsWith('sleep')),
    faultActive: true,
  },
  { state: 'VERIFY', faultActive: true },
  { state: 'PASS', faultActive: false },
  { state: 'FAIL', sets: { expect: 'no-such-cause' }, faultActive: true },
  { state: 'ABORTED', faultActive: true },
  { state: 'CLEANUP', faultActive: false },
];

/** Every live process whose environment carries FAULTLINE_RUN_ID=runId (read here independently of the engine's own sweep). */
function runProcesses(runId: string): Array<{ pid: number; command: string }> {
  const out: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!env.includes(`FAULTLINE_RUN_ID=${runId}`)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(entry), command });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** A pid that exists and is not a zombie (pid 1 of a container may never reap orphans). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
};

const portOpen = (port: number, host = '127.0.0.1') =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

const namespaces = () => (WITH_NETNS ? execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }) : '');

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  stepMs = 25,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
}

interface StartedRun {
  child: ChildProcess;
  exited: Promise<void>;
  out: string;
  journal: string;
  stderr: () => string;
  ports: { port: number; proxy: number; ns: number };
}

function startRun(index: number, hold: string, sets: Record<string, string>, staleMs: number): StartedRun {
  const out = tempRunDir('fl-kill-');
  dirs.push(out);
  const ports = { port: 19_200 + index * 4, proxy: 19_201 + index * 4, ns: 19_202 + index * 4 };
  const pairs = Object.entries({
    port: String(ports.port),
    proxy_port: String(ports.proxy),
    ns_port: String(ports.ns),
    ...sets,
  }).map(([k, v]) => `${k}=${v}`);
  const child = spawn(
    process.execPath,
    ['--import', TSX, RUNNER, scenarioFile(out, index), out, hold, ...pairs],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        STALE_MS: String(staleMs),
        FAULTLINE_KILL_SWITCH: join(out, 'kill-switch-never-engaged'),
      },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, out, journal: join(out, 'journal.jsonl'), stderr: () => stderr, ports };
}

async function reach(run: StartedRun, c: KillCase): Promise<{ entries: JournalEntry[]; runId: string }> {
  let runId = '';
  const ok = await until(() => {
    if (!existsSync(run.journal)) return false;
    const entries = readJournal(run.journal);
    runId ||= String(entries.find((e) => e.type === 'run-started')?.runId ?? '');
    if (!runId) return false;
    return c.reached ? c.reached(entries, run.out, runId) : existsSync(join(run.out, 'held'));
  }, 30_000);
  if (!ok) {
    run.child.kill('SIGKILL');
    throw new Error(`the run never reached ${c.label ?? c.state}:\n${run.stderr()}`);
  }
  return { entries: readJournal(run.journal), runId };
}

const NOT_ROOT_NOTE = WITH_NETNS ? '' : ' (no network namespace: not root or no iproute2)';

describe('kill -9 at every state of a run, then recover', () => {
  it.each(CASES.map((c, i) => [c.label ?? c.state, c, i] as const))(
    `%s: recover leaves no fault, no process, no namespace, no lock, and an ABORTED report${NOT_ROOT_NOTE}`,
    async (_name, c, index) => {
      // Prepare: a run held in the state
      const run = startRun(index, c.hold ?? c.state, c.sets ?? {}, 30_000);
      const { entries, runId } = await reach(run, c);
      const journaledPids = entries
        .filter((e) => e.type === 'helper-started' || e.type === 'service-started')
        .map((e) => Number(e.pid));
      const injected = entries.some((e) => e.type === 'fault-injected');
      const revertedBefore = entries.some((e) => e.type === 'fault-reverted');
      expect(injected && !revertedBefore).toBe(c.faultActive);
      if (c.state !== 'INIT' || c.label?.includes('starting'))
        expect(journaledPids.length).toBeGreaterThanOrEqual(WITH_NETNS ? 3 : 1);

      // Act 1: kill -9 the engine
      run.child.kill('SIGKILL');
      await run.exited;
      const left = runProcesses(runId);
      const faultStillThere = c.faultActive && (await portOpen(run.ports.proxy));

      // Act 2: recover
      const startedAt = Date.now();
      const result = await recoverRun(run.out);
      const recoverMs = Date.now() - startedAt;

      // Assess: nothing of the run is left
      expect(result.errors).toEqual([]);
      expect(runProcesses(runId)).toEqual([]);
      expect(
        journaledPids.filter(alive).map((pid) => `${pid} ${readFileSync(`/proc/${pid}/stat`, 'utf8')}`),
      ).toEqual([]);
      expect(await portOpen(run.ports.proxy)).toBe(false);
      expect(await portOpen(run.ports.port)).toBe(false);
      for (const ns of entries.filter((e) => e.type === 'namespace-created'))
        expect(namespaces()).not.toContain(String(ns.namespace));
      expect(new TargetLocks().owner('svc')?.runId).not.toBe(runId);
      if (c.faultActive) expect(result.revertedFaults).toEqual(['1-latency-svc']);
      // … and the report says what happened
      const report = JSON.parse(readFileSync(join(run.out, 'report.json'), 'utf8'));
      expect(report).toMatchObject({
        runId,
        verdict: 'ABORTED',
        recovered: true,
        diedIn: c.state,
        reason: `the run died in ${c.state} and was recovered`,
      });
      const types = readJournal(run.journal).map((e) => e.type);
      expect(types.slice(-3)).toEqual(expect.arrayContaining(['cleanup-done', 'run-finished']));
      expect(types).toContain('recover-started');
      expect((await recoverRun(run.out)).alreadyClean).toBe(true);
      figures.push({
        state: c.label ?? c.state,
        faultActiveAtKill: faultStillThere,
        processesLeftByKill: left.length,
        killedByRecover: result.killedProcesses.length,
        namespacesDeleted: result.deletedNamespaces.length,
        recoverMs,
      });
    },
    60_000,
  );
});

describe("kill -9 with no recover: the dead-man's switch heals on its own", () => {
  it('EXECUTE_REMEDY (latency fault active, remedy command running): every process of the run exits, the proxy closes and the namespace goes within the bound', async () => {
    // Prepare: a short heartbeat staleness so the bound is short
    const staleMs = 1500;
    const c = CASES.find((x) => x.state === 'EXECUTE_REMEDY') as KillCase;
    const run = startRun(CASES.length, 'EXECUTE_REMEDY', c.sets ?? {}, staleMs);
    const { entries, runId } = await reach(run, c);
    expect(await portOpen(run.ports.proxy)).toBe(true);
    // Act: kill -9, and never call recover
    run.child.kill('SIGKILL');
    await run.exited;
    const killedAt = Date.now();
    // Assess: stale heartbeat (1.5 s) + the helpers' checks (0.25 s) + the supervisor's grace
    // (1.5 s) + the reaper's grace (2 s) and sweep (0.5 s): everything is gone within 8 s
    const bound = 8000;
    const healed = await until(
      async () =>
        runProcesses(runId).length === 0 &&
        !(await portOpen(run.ports.proxy)) &&
        !(await portOpen(run.ports.port)) &&
        entries
          .filter((e) => e.type === 'namespace-created')
          .every((ns) => !namespaces().includes(String(ns.namespace))),
      bound,
      100,
    );
    const healedMs = Date.now() - killedAt;
    expect(healed, `left: ${JSON.stringify(runProcesses(runId))}`).toBe(true);
    figures.push({ state: 'EXECUTE_REMEDY, no recover (dead-man)', staleMs, healedMs, boundMs: bound });
    // recover afterwards still writes the report, with nothing left to do but the bookkeeping
    const result = await recoverRun(run.out);
    expect(result.errors).toEqual([]);
    expect(JSON.parse(readFileSync(join(run.out, 'report.json'), 'utf8'))).toMatchObject({
      verdict: 'ABORTED',
      recovered: true,
      diedIn: 'EXECUTE_REMEDY',
    });
  }, 60_000);
});

describe('kill -9 while an AWS FIS experiment is starting (FAULT_INJECT), then recover', () => {
  it('the experiment AWS started is stopped and its template deleted, though the run never journaled it as injected', async () => {
    // Prepare: a fake FIS whose experiment never leaves "initiating"; the run polls it
    const { createTemplate, recommend } = await import('@faultline/fis-core');
    const [top] = recommend({
      summary: 'EC2 instances lost; host failure took the checkout fleet down',
    }).recommendations;
    const { template } = createTemplate(top as NonNullable<typeof top>, {
      roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
      stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx',
      resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'],
    });
    const { fakeAwsEnv, startFakeAws } = await import('../../../scripts/testing/fake-aws');
    const fake = await startFakeAws((r) => {
      switch (r.operation) {
        case 'CreateExperimentTemplate':
          return { json: { experimentTemplate: { id: 'EXT9' } } };
        case 'StartExperiment':
          return { json: { experiment: { id: 'EXP9', state: { status: 'initiating' } } } };
        case 'GetExperiment':
          return { json: { experiment: { id: 'EXP9', state: { status: 'initiating' } } } };
        case 'StopExperiment':
          return { json: { experiment: { id: 'EXP9', state: { status: 'stopping' } } } };
        default:
          return { json: { ok: true } }; // the steady-state probe and DeleteExperimentTemplate
      }
    });
    const saved = { ...process.env };
    const env = { ...fakeAwsEnv(fake.url), AWS_ENDPOINT_URL_FIS: fake.url };
    try {
      const out = tempRunDir('fl-kill-fis-');
      dirs.push(out);
      const file = join(out, 'fis.yaml');
      writeFileSync(
        file,
        `meta: { id: fis-kill, title: kill while FIS starts, max_duration: 60s }
steady_state:
  interval: 100ms
  probes:
    - { name: up, type: http, url: "${fake.url}/health", tolerance: { samples: 2 } }
fault:
  type: aws-fis
  target: checkout-fleet
  region: us-east-1
  poll_interval: 100ms
  template: ${JSON.stringify(template)}
stabilize: { wait_for: { detected: false, recovered: false, timeout: 5s } }
verify: { timeout: 5s, require_detection: false }
`,
      );
      const child = spawn(process.execPath, ['--import', TSX, RUNNER, file, out, 'NOT_A_STATE'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ...env, FAULTLINE_KILL_SWITCH: join(out, 'never') },
      });
      let stderr = '';
      child.stderr?.on('data', (c) => {
        stderr += String(c);
      });
      const exited = new Promise((r) => child.once('exit', r));
      const journal = join(out, 'journal.jsonl');
      const started = await until(
        () =>
          existsSync(journal) &&
          readJournal(journal).some(
            (e) =>
              e.type === 'fault-handle' && (e.handle as { experimentId?: string }).experimentId === 'EXP9',
          ),
        30_000,
      );
      expect(started, stderr).toBe(true);
      const entries = readJournal(journal);
      expect(lastTransition(entries)).toBe('FAULT_INJECT');
      expect(entries.some((e) => e.type === 'fault-injected')).toBe(false);
      // Act
      child.kill('SIGKILL');
      await exited;
      Object.assign(process.env, env);
      const result = await recoverRun(out);
      // Assess
      expect(result.errors).toEqual([]);
      expect(result.revertedFaults).toEqual(['1-aws-fis-checkout-fleet']);
      expect(fake.requests.filter((r) => r.operation === 'StopExperiment').map((r) => r.path)).toEqual([
        '/experiments/EXP9',
      ]);
      expect(
        fake.requests.filter((r) => r.operation === 'DeleteExperimentTemplate').map((r) => r.path),
      ).toEqual(['/experimentTemplates/EXT9']);
      expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toMatchObject({
        verdict: 'ABORTED',
        diedIn: 'FAULT_INJECT',
      });
      expect(new TargetLocks().owner('checkout-fleet')).toBeUndefined();
      figures.push({
        state: 'FAULT_INJECT (aws-fis experiment starting)',
        stoppedExperiments: 1,
        deletedTemplates: 1,
      });
    } finally {
      process.env = saved;
      await fake.close();
    }
  }, 60_000);
});
