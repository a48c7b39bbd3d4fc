import type { ChaosOptions } from '../options';

/** True when fault injection is on (a delay or an error rate). */
export function chaosActive(chaos: ChaosOptions): boolean {
  return chaos.delayMs > 0 || chaos.errorRate > 0;
}

/** What the chaos hook decides for one tool call. */
export interface ChaosDecision {
  delayMs: number;
  fail: boolean;
}

/** Decides, with an injectable random source, whether a tool call is delayed and whether it fails. */
export function decideChaos(chaos: ChaosOptions, random: () => number = Math.random): ChaosDecision {
  return { delayMs: chaos.delayMs, fail: chaos.errorRate > 0 && random() < chaos.errorRate };
}
