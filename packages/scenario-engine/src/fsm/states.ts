import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';

/** The states of a run, in the seed's order, plus ABORTED. */
export const RUN_STATES = [
  'INIT',
  'PRECHECK',
  'FAULT_INJECT',
  'STABILIZE',
  'ASSISTANT_RCA',
  'EVAL_RCA',
  'ASSISTANT_REMEDY',
  'EVAL_REMEDY',
  'EXECUTE_REMEDY',
  'VERIFY',
  'PASS',
  'FAIL',
  'CLEANUP',
  'ABORTED',
] as const;

/** A state of a run. */
export type RunState = (typeof RUN_STATES)[number];

/** The verdict states. */
export type Verdict = 'PASS' | 'FAIL' | 'ABORTED';

/** The steps a scenario may leave out; they are skipped (and journaled as skipped), never faked. */
export const OPTIONAL_STEPS = [
  'FAULT_INJECT',
  'STABILIZE',
  'ASSISTANT_RCA',
  'EVAL_RCA',
  'ASSISTANT_REMEDY',
  'EVAL_REMEDY',
  'EXECUTE_REMEDY',
] as const satisfies readonly RunState[];

/** The steps between INIT and the verdict, in order: PRECHECK … VERIFY. */
const ORDER: readonly RunState[] = RUN_STATES.slice(
  RUN_STATES.indexOf('PRECHECK'),
  RUN_STATES.indexOf('VERIFY') + 1,
);

/**
 * Every allowed transition. A step moves forward to any later step (the ones in between were
 * skipped), to FAIL when its check failed, or to ABORTED; verdicts go to CLEANUP, which ends the run.
 */
export const TRANSITIONS: Readonly<Record<RunState, readonly RunState[]>> = (() => {
  const table = {} as Record<RunState, RunState[]>;
  table.INIT = ['PRECHECK', 'ABORTED'];
  ORDER.forEach((state, i) => {
    const later = ORDER.slice(i + 1);
    table[state] = [...later, 'FAIL', 'ABORTED'];
  });
  table.VERIFY = ['PASS', 'FAIL', 'ABORTED'];
  table.PASS = ['CLEANUP'];
  table.FAIL = ['CLEANUP'];
  table.ABORTED = ['CLEANUP'];
  table.CLEANUP = [];
  return table;
})();

/** True when `to` may follow `from`. */
export function canTransition(from: RunState, to: RunState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `SCENARIO_TRANSITION_INVALID` unless `to` may follow `from`. */
export function assertTransition(from: RunState, to: RunState): void {
  if (!canTransition(from, to)) {
    throw new ScenarioEngineError(
      ScenarioEngineErrorCode.TransitionInvalid,
      `transition ${from} → ${to} is not allowed`,
      {
        data: { from, to, allowed: TRANSITIONS[from] },
      },
    );
  }
}

/** Which optional steps a scenario uses. */
export type StepUsage = Readonly<Record<(typeof OPTIONAL_STEPS)[number], boolean>>;

/**
 * The next step after `from` that the scenario uses (skipping the others), given that `from`
 * succeeded. Returns the skipped steps too, so they can be journaled.
 */
export function nextStep(from: RunState, usage: StepUsage): { next: RunState; skipped: RunState[] } {
  const i = ORDER.indexOf(from);
  if (from === 'INIT') return { next: 'PRECHECK', skipped: [] };
  if (i < 0 || from === 'VERIFY')
    throw new ScenarioEngineError(ScenarioEngineErrorCode.TransitionInvalid, `no next step after ${from}`);
  const skipped: RunState[] = [];
  for (const state of ORDER.slice(i + 1)) {
    if (state === 'VERIFY' || usage[state as keyof StepUsage]) return { next: state, skipped };
    skipped.push(state);
  }
  return { next: 'VERIFY', skipped };
}
