import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, nextStep, RUN_STATES, type StepUsage, TRANSITIONS } from './states';

const none: StepUsage = {
  FAULT_INJECT: false,
  STABILIZE: false,
  ASSISTANT_RCA: false,
  EVAL_RCA: false,
  ASSISTANT_REMEDY: false,
  EVAL_REMEDY: false,
  EXECUTE_REMEDY: false,
};

describe('the state machine', () => {
  it('has the fourteen states and a transition list for each', () => {
    expect(RUN_STATES).toHaveLength(14);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...RUN_STATES].sort());
  });

  it('allows the full happy path and every verdict to reach CLEANUP, which ends the run', () => {
    const path = [
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
      'CLEANUP',
    ] as const;
    for (let i = 1; i < path.length; i += 1) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition('FAIL', 'CLEANUP') && canTransition('ABORTED', 'CLEANUP')).toBe(true);
    expect(TRANSITIONS.CLEANUP).toEqual([]);
  });

  it('refuses going backwards, skipping VERIFY to PASS, and leaving CLEANUP', () => {
    expect(() => assertTransition('VERIFY', 'PRECHECK')).toThrow(/VERIFY → PRECHECK/);
    expect(canTransition('EXECUTE_REMEDY', 'PASS')).toBe(false);
    expect(canTransition('INIT', 'FAIL')).toBe(false);
    expect(canTransition('CLEANUP', 'PASS')).toBe(false);
    expect(canTransition('PASS', 'FAIL')).toBe(false);
  });

  it('skips unused steps and names them', () => {
    expect(nextStep('PRECHECK', { ...none, FAULT_INJECT: true, STABILIZE: true })).toEqual({
      next: 'FAULT_INJECT',
      skipped: [],
    });
    expect(
      nextStep('STABILIZE', { ...none, FAULT_INJECT: true, STABILIZE: true, EXECUTE_REMEDY: true }),
    ).toEqual({
      next: 'EXECUTE_REMEDY',
      skipped: ['ASSISTANT_RCA', 'EVAL_RCA', 'ASSISTANT_REMEDY', 'EVAL_REMEDY'],
    });
    expect(nextStep('PRECHECK', none).next).toBe('VERIFY');
    expect(() => nextStep('VERIFY', none)).toThrow();
  });
});
