import type { Tolerance } from '../scenario/schema';
import type { ProbeSample } from './probe-sample';
import { DEFAULT_TOLERANCE, violates } from './tolerance';

/** What the samples say about one fault. */
export interface FaultWindowAnalysis {
  /** When the first violating sample after injection completed (epoch ms). */
  detectedAt?: number;
  /** The probe and reason of that sample. */
  detectedBy?: { probe: string; error?: string; latencyMs: number };
  /** When every probe was back: the completion of the first of `consecutiveOk` good samples in a row. */
  recoveredAt?: number;
}

/** Inputs of {@link analyzeFaultWindow}. */
export interface FaultWindowInput {
  injectedAt: number;
  /** When the engine reverted the fault; recovery is looked for only in samples started after it. */
  revertedAt?: number;
  consecutiveOk: number;
  tolerances: ReadonlyMap<string, Tolerance>;
}

const done = (s: ProbeSample) => s.at + s.latencyMs;

/** When a violation became visible: a failure when it returned, a slow sample once it passed max_latency_ms. */
function noticed(s: ProbeSample, tolerance: Tolerance): number {
  if (s.ok && tolerance.max_latency_ms !== undefined)
    return s.at + Math.min(s.latencyMs, tolerance.max_latency_ms);
  return done(s);
}

/**
 * Finds detection and recovery in the samples of a fault window: detection is when the first sample
 * started after injection broke its probe's tolerance (a slow one: once it passed max_latency_ms); recovery is, for every probe, the first
 * of `consecutiveOk` good samples in a row started after detection (and after the revert, when the
 * engine reverted the fault).
 */
export function analyzeFaultWindow(
  samples: readonly ProbeSample[],
  input: FaultWindowInput,
): FaultWindowAnalysis {
  const tolerance = (probe: string) => input.tolerances.get(probe) ?? DEFAULT_TOLERANCE;
  const after = samples.filter((s) => s.at >= input.injectedAt).sort((a, b) => done(a) - done(b));
  const first = after
    .filter((s) => violates(s, tolerance(s.probe)))
    .map((s) => ({ s, seen: noticed(s, tolerance(s.probe)) }))
    .sort((a, b) => a.seen - b.seen)[0]?.s;
  if (!first) return {};
  const detectedAt = noticed(first, tolerance(first.probe));
  const analysis: FaultWindowAnalysis = {
    detectedAt,
    detectedBy: { probe: first.probe, error: first.error, latencyMs: first.latencyMs },
  };
  const from = Math.max(first.at, input.revertedAt ?? Number.NEGATIVE_INFINITY);
  let recoveredAt = 0;
  for (const probe of [...input.tolerances.keys()]) {
    const series = after.filter((s) => s.probe === probe && s.at > from).sort((a, b) => a.at - b.at);
    let run = 0;
    let start: ProbeSample | undefined;
    for (const s of series) {
      if (violates(s, tolerance(probe))) {
        run = 0;
        start = undefined;
        continue;
      }
      run += 1;
      start ??= s;
      if (run >= input.consecutiveOk) break;
    }
    if (run < input.consecutiveOk || !start) return analysis;
    recoveredAt = Math.max(recoveredAt, done(start));
  }
  return { ...analysis, recoveredAt };
}
