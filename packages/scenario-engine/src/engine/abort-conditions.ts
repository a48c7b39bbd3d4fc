import { toMs } from '../duration';
import type { ProbeSample } from '../probes/probe-sample';
import type { KillSwitch } from '../runtime/kill-switch';
import type { Fault } from '../scenario/schema';

/** What {@link brokenAbortCondition} looks at. */
export interface AbortConditionInput {
  /** When the fault was injected (epoch ms). */
  injectedAt: number;
  /** Probe samples that started at or after the injection, oldest first. */
  samples: readonly ProbeSample[];
  /** The time now (epoch ms). */
  now: number;
  killSwitch: KillSwitch;
}

/**
 * Why an active fault must be stopped now, or undefined: the kill switch is engaged, or one of the
 * fault's `abort` rules is broken (failure rate over the last `window` samples, a sample slower
 * than `max_latency_ms`, or the fault active longer than `max_duration`). Checked after every
 * sample for as long as the fault is active, whatever step the run is in.
 *
 * @example
 * brokenAbortCondition(fault, { injectedAt, samples: monitor.since(injectedAt), now: Date.now(), killSwitch });
 * // 'the fault was active longer than 2s'
 */
export function brokenAbortCondition(fault: Fault, input: AbortConditionInput): string | undefined {
  const { killSwitch } = input;
  if (killSwitch.engaged()) return `the kill switch ${killSwitch.path} was engaged`;
  const rules = fault.abort;
  if (!rules) return undefined;
  const recent = input.samples.slice(-rules.window);
  if (rules.max_failure_rate !== undefined && recent.length >= rules.window) {
    const rate = recent.filter((s) => !s.ok).length / recent.length;
    if (rate > rules.max_failure_rate)
      return `failure rate ${(rate * 100).toFixed(0)}% over the last ${recent.length} samples > ${rules.max_failure_rate * 100}%`;
  }
  if (rules.max_latency_ms !== undefined) {
    const slow = recent.find((s) => s.latencyMs > (rules.max_latency_ms as number));
    if (slow) return `a ${slow.probe} sample took ${slow.latencyMs} ms > ${rules.max_latency_ms} ms`;
  }
  if (rules.max_duration !== undefined && input.now - input.injectedAt > toMs(rules.max_duration)) {
    return `the fault was active longer than ${rules.max_duration}`;
  }
  return undefined;
}
