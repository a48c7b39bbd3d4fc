// Scenario engine overhead: the time runScenario adds around a fault that does nothing (a provider
// whose inject and revert return at once), measured against the same scenario run as a control
// (no fault) plus the fault's duration; and the jitter of probe sampling (how late each sample
// starts after its interval) against a bare setTimeout loop with the same interval running in the
// same process at the same time.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budget, DIST, fmt, importDist, quantile, ratio, summarize } from './lib/common.mjs';

/** Budget (reported, not a hard floor of the issue): engine overhead per fault, in ms. */
export const ENGINE_OVERHEAD_BUDGET_MS = 100;

/** A fault provider that injects and reverts nothing. */
function noopProvider() {
  return {
    name: 'chaos-mesh',
    async inject(fault, id) {
      return {
        id,
        provider: 'chaos-mesh',
        type: fault.type,
        target: fault.target,
        injectedAt: clock(),
        recoveryFrom: 'revert',
        handle: {},
      };
    },
    async observe() {
      return { state: 'active' };
    },
    async revert() {},
  };
}

/** Epoch milliseconds with sub-millisecond resolution, so jitter is not rounded to whole ms. */
const clock = () => performance.timeOrigin + performance.now();

function scenarioText({ port, intervalMs, samples, durationMs, control }) {
  return JSON.stringify({
    meta: { id: 'bench-noop-fault', title: 'No-op fault (engine overhead)', max_duration: '60s', control },
    steady_state: {
      interval: intervalMs,
      probes: [{ name: 'tcp', type: 'tcp', port, timeout: '1s', tolerance: { samples } }],
    },
    fault: {
      type: 'chaos-mesh',
      target: 'noop',
      kind: 'PodChaos',
      api_server: 'http://127.0.0.1:9',
      spec: {},
      duration: durationMs,
    },
    stabilize: { wait_for: { detected: false, recovered: true, timeout: '10s' }, consecutive_ok: 1 },
    verify: { timeout: '10s', require_detection: false },
    report: { formats: ['json'] },
  });
}

/** Lateness of a setTimeout loop at `intervalMs` until `stop()` is called. */
function timerLoop(intervalMs) {
  const lateness = [];
  let running = true;
  let expected = performance.now() + intervalMs;
  const tick = () => {
    if (!running) return;
    const now = performance.now();
    lateness.push(now - expected);
    expected = now + intervalMs;
    setTimeout(tick, intervalMs);
  };
  setTimeout(tick, intervalMs);
  return {
    stop() {
      running = false;
      return lateness;
    },
  };
}

export async function run({ quick, log }) {
  const engine = await importDist(DIST.scenarioEngine);
  const tcp = createServer((socket) => socket.end());
  await new Promise((done) => tcp.listen(0, '127.0.0.1', done));
  const port = tcp.address().port;
  const intervalMs = 50;
  const samples = quick ? 3 : 5;
  const durationMs = quick ? 200 : 1000;
  const runs = quick ? 1 : 5;
  const outRoot = mkdtempSync(join(tmpdir(), 'faultline-bench-scenario-'));
  const once = async (control, index) => {
    const parsed = engine.safeParseScenario(scenarioText({ port, intervalMs, samples, durationMs, control }));
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const marks = {};
    const sampleList = [];
    const timer = timerLoop(intervalMs);
    const started = performance.now();
    const { report } = await engine.runScenario({
      scenario: parsed.scenario,
      outDir: join(outRoot, `${control ? 'control' : 'fault'}-${index}`),
      providers: { 'chaos-mesh': noopProvider() },
      now: clock,
      onEvent: (event) => {
        const at = performance.now();
        if (event.type === 'state') marks[event.state] ??= at;
        else if (event.type === 'fault') marks[event.action] ??= at;
        else if (event.type === 'sample') sampleList.push(event.sample);
      },
    });
    const totalMs = performance.now() - started;
    const timerLateness = timer.stop();
    if (report.verdict !== 'PASS')
      throw new Error(`the no-op scenario ended ${report.verdict}: ${report.reason}`);
    // How late each sample started after the previous one ended plus the interval.
    const sampleLateness = [];
    for (let i = 1; i < sampleList.length; i += 1) {
      const previous = sampleList[i - 1];
      sampleLateness.push(sampleList[i].at - (previous.at + previous.latencyMs) - intervalMs);
    }
    return { totalMs, marks, sampleLateness, timerLateness, fault: report.faults[0], started };
  };
  try {
    await once(false, 'warm-up');
    const faultRuns = [];
    const controlRuns = [];
    for (let i = 0; i < runs; i += 1) {
      faultRuns.push(await once(false, i));
      controlRuns.push(await once(true, i));
    }
    const faultTotal = summarize(faultRuns.map((r) => r.totalMs));
    const controlTotal = summarize(controlRuns.map((r) => r.totalMs));
    const overhead = summarize(faultRuns.map((r, i) => r.totalMs - controlRuns[i].totalMs - durationMs));
    const injectMs = summarize(faultRuns.map((r) => r.marks.injected - r.marks.FAULT_INJECT));
    // From the engine's own timestamps (epoch ms with sub-ms resolution): injected → reverted.
    const holdOvershoot = summarize(
      faultRuns.map((r) => r.fault.revertedAt - r.fault.injectedAt - durationMs),
    );
    // After the revert, STABILIZE waits for one sample that started after it, then moves on.
    const settleMs = summarize(faultRuns.map((r) => (r.marks.VERIFY ?? r.marks.PASS) - r.marks.reverted));
    const lateness = (list) => {
      const sorted = list.sort((a, b) => a - b);
      return {
        n: sorted.length,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        max: sorted.at(-1),
      };
    };
    const all = [...faultRuns, ...controlRuns];
    const probeJitter = lateness(all.flatMap((r) => r.sampleLateness));
    const timerJitter = lateness(all.flatMap((r) => r.timerLateness));
    const data = {
      intervalMs,
      durationMs,
      faultRunMs: faultTotal,
      controlRunMs: controlTotal,
      overheadMs: overhead,
      injectMs,
      holdOvershootMs: holdOvershoot,
      revertedToNextStepMs: settleMs,
      ratioToFloor: ratio(faultTotal.median, controlTotal.median + durationMs),
      probeJitterMs: probeJitter,
      timerJitterMs: timerJitter,
    };
    log(
      `scenario engine: overhead ${fmt(overhead.median)} ms around a ${durationMs} ms no-op fault; sample lateness p99 ${fmt(probeJitter.p99)} ms (bare timer ${fmt(timerJitter.p99)} ms)`,
    );
    return {
      id: 'scenario-engine',
      title: `Scenario engine (no-op fault of ${durationMs} ms, one TCP probe every ${intervalMs} ms)`,
      method: `${runs} pair(s) of runs after a warm-up run: the scenario with the fault, then the same scenario as a control (no fault). Overhead = fault run − control run − the fault's duration. Sample lateness = start of a sample − (start + latency of the previous one + interval); the floor is a bare setTimeout loop at the same interval, running during the same runs.`,
      data,
      budgets: [
        budget(
          `scenario engine overhead per no-op fault < ${ENGINE_OVERHEAD_BUDGET_MS} ms (suite budget)`,
          Math.round(overhead.median * 10) / 10,
          ENGINE_OVERHEAD_BUDGET_MS,
          '<',
        ),
      ],
      table: {
        columns: ['figure', 'median ±spread', 'floor', '× floor'],
        rows: [
          [
            'run with the no-op fault',
            `${fmt(faultTotal.median)} ms ±${Math.round(faultTotal.spread * 50)}%`,
            `control run + ${durationMs} ms = ${fmt(controlTotal.median + durationMs)} ms`,
            `${fmt(data.ratioToFloor)}×`,
          ],
          ['engine overhead around the fault', `${fmt(overhead.median)} ms`, '0 ms', '–'],
          ['  inject (FAULT_INJECT → injected)', `${fmt(injectMs.median)} ms`, '0 ms', '–'],
          [
            '  hold overshoot (reverted − injected − duration)',
            `${fmt(holdOvershoot.median)} ms`,
            '0 ms',
            '–',
          ],
          [
            '  reverted → next step (waits for a sample that started after the revert)',
            `${fmt(settleMs.median)} ms`,
            `≤ ${intervalMs} ms + one sample`,
            '–',
          ],
          [
            'probe sample lateness p50 / p99 / max',
            `${fmt(probeJitter.p50)} / ${fmt(probeJitter.p99)} / ${fmt(probeJitter.max)} ms`,
            `bare setTimeout ${fmt(timerJitter.p50)} / ${fmt(timerJitter.p99)} / ${fmt(timerJitter.max)} ms`,
            '–',
          ],
        ],
      },
    };
  } finally {
    tcp.close();
    rmSync(outRoot, { recursive: true, force: true });
  }
}
