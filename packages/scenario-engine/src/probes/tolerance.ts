import type { Tolerance } from '../scenario/schema';
import { percentile } from './percentile';
import type { ProbeSample } from './probe-sample';

/** Whether a set of samples meets a probe's tolerance, and the figures behind the answer. */
export interface ToleranceResult {
  ok: boolean;
  samples: number;
  successRate: number;
  /** The percentile asked for by the tolerance (default p95), in milliseconds. */
  percentileMs?: number;
  p: number;
  reasons: string[];
}

/** The tolerance used when a probe names none: every sample must succeed. */
export const DEFAULT_TOLERANCE: Tolerance = { samples: 5, min_success_rate: 1 };

/** True when one sample breaks the tolerance: it failed, or it was slower than `max_latency_ms`. */
export function violates(sample: ProbeSample, tolerance: Tolerance = DEFAULT_TOLERANCE): boolean {
  return (
    !sample.ok || (tolerance.max_latency_ms !== undefined && sample.latencyMs > tolerance.max_latency_ms)
  );
}

/**
 * True when one sample is bad evidence on its own: it failed, it was slower than `max_latency_ms`,
 * or, for a tolerance that bounds latency only by a percentile, it reached `percentile.below_ms`.
 * Detection needs such a sample (and the window around it breaking the tolerance); recovery needs
 * samples that are not.
 */
export function breaks(sample: ProbeSample, tolerance: Tolerance = DEFAULT_TOLERANCE): boolean {
  if (!sample.ok) return true;
  if (tolerance.max_latency_ms !== undefined) return sample.latencyMs > tolerance.max_latency_ms;
  return tolerance.percentile !== undefined && sample.latencyMs >= tolerance.percentile.below_ms;
}

/** Checks samples against a tolerance: success rate, per-sample latency and the percentile. */
export function evaluateTolerance(
  samples: readonly ProbeSample[],
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): ToleranceResult {
  const reasons: string[] = [];
  const p = tolerance.percentile?.p ?? 95;
  if (samples.length === 0) return { ok: false, samples: 0, successRate: 0, p, reasons: ['no samples'] };
  const good = samples.filter((s) => !violates(s, tolerance)).length;
  const successRate = good / samples.length;
  const percentileMs = percentile(
    samples.map((s) => s.latencyMs),
    p,
  );
  if (successRate < tolerance.min_success_rate) {
    const failed = samples.find((s) => violates(s, tolerance));
    reasons.push(
      `success rate ${(successRate * 100).toFixed(0)}% < ${(tolerance.min_success_rate * 100).toFixed(0)}%` +
        (failed ? ` (e.g. ${failed.error ?? `${failed.latencyMs} ms`})` : ''),
    );
  }
  if (tolerance.percentile && percentileMs !== undefined && percentileMs >= tolerance.percentile.below_ms) {
    reasons.push(`p${p} ${percentileMs} ms >= ${tolerance.percentile.below_ms} ms`);
  }
  return { ok: reasons.length === 0, samples: samples.length, successRate, percentileMs, p, reasons };
}
