import { describe, expect, it } from 'vitest';
import { percentile } from './percentile';
import type { ProbeSample } from './probe-sample';
import { evaluateTolerance, violates } from './tolerance';

const sample = (latencyMs: number, ok = true): ProbeSample => ({ probe: 'p', at: 0, ok, latencyMs });

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([], 95)).toBeUndefined();
  });
});

describe('evaluateTolerance', () => {
  it('passes p95 < 500 ms when 19 of 20 samples are fast', () => {
    const samples = [...Array.from({ length: 19 }, () => sample(100)), sample(900)];
    const result = evaluateTolerance(samples, {
      samples: 20,
      min_success_rate: 0.9,
      percentile: { p: 95, below_ms: 500 },
    });
    expect(result).toMatchObject({ ok: true, percentileMs: 100, successRate: 1 });
  });

  it('fails with reasons for a low success rate and a slow p95', () => {
    const samples = [sample(600), sample(700, false), sample(800)];
    const result = evaluateTolerance(samples, {
      samples: 3,
      min_success_rate: 1,
      percentile: { p: 95, below_ms: 500 },
    });
    expect(result.ok).toBe(false);
    expect(result.reasons).toEqual(['success rate 67% < 100% (e.g. 700 ms)', 'p95 800 ms >= 500 ms']);
  });

  it('counts a slow sample as a violation when max_latency_ms is set', () => {
    expect(violates(sample(600), { samples: 1, min_success_rate: 1, max_latency_ms: 500 })).toBe(true);
    expect(violates(sample(600))).toBe(false);
  });
});
