import { describe, expect, it } from 'vitest';
import { alarmSamples, analyzeFaultWindow } from './fault-window';
import type { ProbeSample } from './probe-sample';

const s = (at: number, ok: boolean, latencyMs = 10, probe = 'mcp'): ProbeSample => ({
  probe,
  at,
  ok,
  latencyMs,
});
const tolerances = new Map([['mcp', { samples: 3, min_success_rate: 1, max_latency_ms: 500 }]]);

describe('analyzeFaultWindow', () => {
  it('finds detection and a sustained recovery after a process kill', () => {
    const samples = [
      s(900, true),
      s(1000, true),
      s(1100, false),
      s(1200, false),
      s(1300, true),
      s(1400, false),
      s(1500, true),
      s(1600, true),
      s(1700, true),
    ];
    const result = analyzeFaultWindow(samples, { injectedAt: 1050, consecutiveOk: 3, tolerances });
    expect(result).toMatchObject({ detectedAt: 1110, recoveredAt: 1510, detectedBy: { probe: 'mcp' } });
  });

  it('counts slow samples as detection and looks for recovery only after the revert', () => {
    const samples = [
      s(0, true, 800),
      s(1000, true, 20),
      s(1100, true, 20),
      s(1200, true, 20),
      s(2000, true, 20),
      s(2100, true, 20),
      s(2200, true, 20),
    ];
    const result = analyzeFaultWindow(samples, {
      injectedAt: 0,
      revertedAt: 1500,
      consecutiveOk: 3,
      tolerances,
    });
    expect(result).toMatchObject({ detectedAt: 500, recoveredAt: 2020 });
  });

  it('reports nothing when no sample breaks the tolerance, and no recovery without enough good samples', () => {
    expect(analyzeFaultWindow([s(10, true)], { injectedAt: 0, consecutiveOk: 3, tolerances })).toEqual({});
    const r = analyzeFaultWindow([s(10, false), s(20, true)], {
      injectedAt: 0,
      consecutiveOk: 3,
      tolerances,
    });
    expect(r.detectedAt).toBe(20);
    expect(r.recoveredAt).toBeUndefined();
  });

  it('detects on a probe whose latency tolerance is only a percentile, once the window passes it', () => {
    // p95 < 500 over 5 samples: one slow sample among fast ones is the 95th percentile of five
    const percentileOnly = new Map([
      ['mcp', { samples: 5, min_success_rate: 1, percentile: { p: 95, below_ms: 500 } }],
    ]);
    const samples = [
      s(0, true, 20),
      s(100, true, 20),
      s(1000, true, 20),
      s(1100, true, 900),
      s(2100, true, 20),
    ];
    const result = analyzeFaultWindow(samples, {
      injectedAt: 1000,
      consecutiveOk: 1,
      tolerances: percentileOnly,
    });
    expect(result).toMatchObject({ detectedAt: 1600, detectedBy: { latencyMs: 900 }, recoveredAt: 2120 });
  });

  it('lets min_success_rate soften detection: two bad samples of the last five for 0.8, one is noise', () => {
    const lenient = new Map([['mcp', { samples: 5, min_success_rate: 0.8 }]]);
    const oneBlip = [
      s(0, true),
      s(100, true),
      s(200, true),
      s(300, true),
      s(1000, false),
      s(1100, true),
      s(1200, true),
    ];
    expect(analyzeFaultWindow(oneBlip, { injectedAt: 1000, consecutiveOk: 2, tolerances: lenient })).toEqual(
      {},
    );
    const outage = [...oneBlip.slice(0, 5), s(1100, false), s(1200, true), s(1300, true)];
    expect(
      analyzeFaultWindow(outage, { injectedAt: 1000, consecutiveOk: 2, tolerances: lenient }),
    ).toMatchObject({
      detectedAt: 1110,
      recoveredAt: 1210,
    });
  });

  it('counts false alarms the same way: a blip within tolerance is none, a breach is one', () => {
    const lenient = new Map([['mcp', { samples: 5, min_success_rate: 0.8 }]]);
    const quiet = [s(0, true), s(100, true), s(200, false), s(300, true), s(400, true)];
    expect(alarmSamples(quiet, 0, lenient)).toEqual([]);
    const noisy = [...quiet, s(500, false)];
    expect(alarmSamples(noisy, 0, lenient).map((a) => a.sample.at)).toEqual([500]);
  });
});
