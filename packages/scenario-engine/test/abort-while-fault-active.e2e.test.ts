import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssistantClient, AssistantTurn } from '../src/assistant/assistant-client';
import { runScenario } from '../src/engine/run-scenario';
import type { ActiveFault, FaultProvider } from '../src/faults/fault-provider';
import { KillSwitch } from '../src/runtime/kill-switch';
import { TargetLocks } from '../src/runtime/target-lock';
import { safeParseScenario } from '../src/scenario/parse-scenario';
import type { Fault } from '../src/scenario/schema';
import { tempRunDir } from './run-example';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An HTTP target that answers 503 while `broken` is set: what the fake provider's fault does. */
let server: Server;
let url = '';
const target = { broken: false };
beforeEach(async () => {
  target.broken = false;
  server = createServer((_, res) => {
    res.statusCode = target.broken ? 503 : 200;
    res.end(target.broken ? 'down' : 'ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** A chaos-mesh provider with no cluster: inject breaks the target, revert heals it; both are timed. */
function fakeProvider() {
  const calls = { injectedAt: 0, revertedAt: 0 };
  const provider: FaultProvider = {
    name: 'chaos-mesh',
    async inject(fault: Fault, id: string): Promise<ActiveFault> {
      target.broken = true;
      calls.injectedAt = Date.now();
      const base = { id, provider: 'chaos-mesh' as const, type: fault.type, target: fault.target };
      return { ...base, injectedAt: calls.injectedAt, recoveryFrom: 'revert', handle: {} };
    },
    async observe() {
      return { state: 'active' };
    },
    async revert() {
      target.broken = false;
      calls.revertedAt ||= Date.now();
    },
  };
  return { provider, calls };
}

/** An assistant that answers the RCA after `delayMs`, and remembers when. */
function slowAssistant(delayMs: number) {
  const calls = { answeredAt: 0 };
  const turn = async (step: 'rca' | 'remedy'): Promise<AssistantTurn> => {
    const startedAt = Date.now();
    await new Promise((r) => setTimeout(r, delayMs));
    calls.answeredAt = Date.now();
    return { step, request: {}, response: {}, text: 'the svc is down', startedAt, durationMs: delayMs };
  };
  const assistant: AssistantClient = { rca: () => turn('rca'), remedy: () => turn('remedy') };
  return { assistant, calls };
}

/** A fault with no duration (it stays while the assistant is asked) and the given abort rules. */
const scenario = (abort: string) => {
  const parsed =
    safeParseScenario(`meta: { id: abort-later, title: abort rules after STABILIZE, max_duration: 60s }
steady_state:
  interval: 50ms
  probes:
    - { name: svc, type: http, url: "${url}", timeout: 500ms, tolerance: { samples: 3 } }
fault:
  type: chaos-mesh
  target: svc
  kind: PodChaos
  api_server: https://127.0.0.1:1
  spec: {}
  ${abort}
stabilize: { wait_for: { detected: true, recovered: false, timeout: 5s } }
assistant: { kind: remediation-api, url: "http://127.0.0.1:1" }
assistant_rca: { user: what happened?, timeout: 20s }
verify: { timeout: 5s }
`);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
};

async function run(abort: string, options: { killSwitchAfterMs?: number; signalAfterMs?: number } = {}) {
  const dir = tempRunDir('fl-abort-');
  dirs.push(dir);
  const killSwitch = new KillSwitch(join(dir, 'kill-switch'));
  const { provider, calls } = fakeProvider();
  const slow = slowAssistant(6000);
  const controller = new AbortController();
  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  const outcome = runScenario({
    scenario: scenario(abort),
    outDir: join(dir, 'run'),
    providers: { 'chaos-mesh': provider },
    assistant: slow.assistant,
    killSwitch,
    locks: new TargetLocks(join(dir, 'locks')),
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type !== 'state' || event.state !== 'ASSISTANT_RCA') return;
      if (options.killSwitchAfterMs !== undefined)
        timers.push(setTimeout(() => writeFileSync(killSwitch.path, 'stop'), options.killSwitchAfterMs));
      if (options.signalAfterMs !== undefined)
        timers.push(setTimeout(() => controller.abort('SIGINT received'), options.signalAfterMs));
    },
  });
  const { report } = await outcome;
  for (const t of timers) clearTimeout(t);
  return { report, calls, slow: slow.calls, elapsedMs: Date.now() - started };
}

describe('a fault left active after STABILIZE (no duration, the assistant is asked meanwhile)', () => {
  it('is reverted and the run aborted when its abort.max_duration passes, without waiting for the assistant', async () => {
    // Act
    const { report, calls, elapsedMs } = await run('abort: { max_duration: 1s }');
    // Assess
    expect(report.verdict).toBe('ABORTED');
    expect(report.reason).toMatch(/abort condition of 1-chaos-mesh-svc: the fault was active longer than 1s/);
    expect(calls.revertedAt - calls.injectedAt).toBeLessThan(2500);
    expect(elapsedMs).toBeLessThan(5500); // the assistant would answer 6 s after it was asked
    expect(report.states.map((s) => s.state)).not.toContain('EVAL_RCA');
  });

  it('is reverted at the next sample when the kill switch is engaged', async () => {
    // Act
    const { report, calls, slow } = await run('', { killSwitchAfterMs: 300 });
    // Assess
    expect(report.verdict).toBe('ABORTED');
    expect(report.reason).toMatch(/kill switch/);
    expect(calls.revertedAt).toBeGreaterThan(0);
    expect(slow.answeredAt === 0 || calls.revertedAt < slow.answeredAt).toBe(true);
  });

  it('is rolled back at once on SIGINT (the caller aborts), not after the assistant answers', async () => {
    // Act
    const { report, calls, slow, elapsedMs } = await run('', { signalAfterMs: 300 });
    // Assess
    expect(report.verdict).toBe('ABORTED');
    expect(report.reason).toBe('SIGINT received');
    expect(slow.answeredAt === 0 || calls.revertedAt < slow.answeredAt).toBe(true);
    expect(elapsedMs).toBeLessThan(5500);
  });
});
