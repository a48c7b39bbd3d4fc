import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, wait, waitTemplate, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('experiment timeline (T18, T31, T37)', () => {
  it('sums durations along the longest startAfter chain', () => {
    const fits = validateTemplate(
      waitTemplate({ a: wait('PT6H'), b: wait('PT6H', ['a']), c: wait('PT11H') }),
    );
    expect(fits.errors).toEqual([]);
    const result = validateTemplate(
      waitTemplate({ a: wait('PT6H'), b: wait('PT1H'), c: wait('PT6H1M', ['a', 'b']) }),
    );
    expect(errorsOf(result)).toEqual(['EXPERIMENT_TOO_LONG /actions']);
    expect(result.errors[0]?.message).toContain('a (PT6H) → c (PT6H1M)');
  });

  it('does not report the total again for one action over 12 hours', () => {
    expect(errorsOf(validateTemplate(waitTemplate({ a: wait('PT13H') })))).toEqual([
      'DURATION_OUT_OF_RANGE /actions/a/parameters/duration',
    ]);
  });

  it('warns when more than 10 actions overlap, not when they are chained', () => {
    const parallel = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`w${i}`, wait('PT1M')]));
    expect(warningsOf(validateTemplate(waitTemplate(parallel)))).toEqual([
      'TOO_MANY_PARALLEL_ACTIONS /actions',
    ]);
    const staggered = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`w${i}`, wait('PT1M', i >= 6 ? [`w${i - 6}`] : undefined)]),
    );
    expect(validateTemplate(waitTemplate(staggered)).warnings).toEqual([]);
  });

  it('warns about ECS network faults overlapping on the same tasks', () => {
    const tasks = { resourceType: 'aws:ecs:task', resourceTags: { app: 'pay' }, selectionMode: 'COUNT(1)' };
    const template = {
      ...ec2Template(),
      targets: { tasks },
      actions: {
        latency: {
          actionId: 'aws:ecs:task-network-latency',
          parameters: { duration: 'PT5M' },
          targets: { Tasks: 'tasks' },
        },
        loss: {
          actionId: 'aws:ecs:task-network-packet-loss',
          parameters: { duration: 'PT5M' },
          targets: { Tasks: 'tasks' },
        },
      },
    };
    expect(warningsOf(validateTemplate(template))).toEqual(['PARALLEL_CONFLICT /actions/loss']);
    template.actions.loss = {
      ...template.actions.loss,
      startAfter: ['latency'],
    } as typeof template.actions.loss;
    expect(validateTemplate(template).warnings).toEqual([]);
  });
});
