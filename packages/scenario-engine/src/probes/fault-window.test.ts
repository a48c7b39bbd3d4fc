import { describe, expect, it } from 'vitest';
import { analyzeFaultWindow } from './fault-window';
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
});
