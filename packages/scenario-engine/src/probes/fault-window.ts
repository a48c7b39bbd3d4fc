import type { Tolerance } from '../scenario/schema';
import { percentile } from './percentile';
import type { ProbeSample } from './probe-sample';
import { breaks, DEFAULT_TOLERANCE, violates } from './tolerance';

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

/** When a violation became visible: a failure when it returned, a slow sample once it passed its bound. */
function noticed(s: ProbeSample, tolerance: Tolerance): number {
  const bound = tolerance.max_latency_ms ?? tolerance.percentile?.below_ms;
  if (s.ok && bound !== undefined) return s.at + Math.min(s.latencyMs, bound);
  return done(s);
}

/**
 * Whether the last `tolerance.samples` samples break the tolerance: more bad samples than the success
 * rate allows out of `samples` (counted against the full window even while fewer samples exist, so
 * the first blip of a run is judged like any other), or the percentile at or past its bound.
 */
function windowBreaks(window: readonly ProbeSample[], tolerance: Tolerance): boolean {
  const bad = window.filter((s) => violates(s, tolerance)).length;
  const allowed = Math.floor((1 - tolerance.min_success_rate) * tolerance.samples + 1e-9);
  if (bad > allowed) return true;
  if (!tolerance.percentile) return false;
  const latency = percentile(
    window.map((s) => s.latencyMs),
    tolerance.percentile.p,
  );
  return latency !== undefined && latency >= tolerance.percentile.below_ms;
}

/**
 * The samples started at or after `from` that each would raise an alarm: the sample breaks its
 * probe's tolerance on its own ({@link breaks}) and the window of that probe's last
 * `tolerance.samples` completed samples (earlier ones included) breaks the tolerance as a whole
 * (success rate, percentile). With the default tolerance (every sample must succeed) one bad sample
 * is enough; `min_success_rate: 0.8` over 5 samples needs two of the last five; a tolerance that is
 * only a percentile needs the window's percentile past its bound. Sorted by when each was noticed;
 * `firstPerProbe` stops each probe's scan at its first alarm (enough to find the detection).
 */
export function alarmSamples(
  samples: readonly ProbeSample[],
  from: number,
  tolerances: ReadonlyMap<string, Tolerance>,
  options: { firstPerProbe?: boolean } = {},
): Array<{ sample: ProbeSample; noticedAt: number }> {
  const alarms: Array<{ sample: ProbeSample; noticedAt: number }> = [];
  const byProbe = new Map<string, ProbeSample[]>();
  for (const sample of samples) {
    const series = byProbe.get(sample.probe) ?? [];
    series.push(sample);
    byProbe.set(sample.probe, series);
  }
  for (const [probe, unsorted] of byProbe) {
    const tolerance = tolerances.get(probe) ?? DEFAULT_TOLERANCE;
    const series = [...unsorted].sort((a, b) => done(a) - done(b));
    for (const [index, sample] of series.entries()) {
      if (sample.at < from || !breaks(sample, tolerance)) continue;
      if (windowBreaks(series.slice(Math.max(0, index - tolerance.samples + 1), index + 1), tolerance)) {
        alarms.push({ sample, noticedAt: noticed(sample, tolerance) });
        if (options.firstPerProbe) break;
      }
    }
  }
  return alarms.sort((a, b) => a.noticedAt - b.noticedAt);
}

/**
 * Finds detection and recovery in the samples of a fault window: detection is the first alarm
 * ({@link alarmSamples}) among the samples started after injection (a slow one: once it passed its
 * latency bound); recovery is, for every probe, the first of `consecutiveOk` samples in a row that do
 * not break the tolerance, started after detection (and after the revert, when the engine reverted
 * the fault).
 */
export function analyzeFaultWindow(
  samples: readonly ProbeSample[],
  input: FaultWindowInput,
): FaultWindowAnalysis {
  const tolerance = (probe: string) => input.tolerances.get(probe) ?? DEFAULT_TOLERANCE;
  const after = samples.filter((s) => s.at >= input.injectedAt).sort((a, b) => done(a) - done(b));
  // called on every new sample while a fault is watched: stop at each probe's first alarm
  const alarm = alarmSamples(samples, input.injectedAt, input.tolerances, { firstPerProbe: true })[0];
  if (!alarm) return {};
  const first = alarm.sample;
  const detectedAt = alarm.noticedAt;
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
      if (breaks(s, tolerance(probe))) {
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
