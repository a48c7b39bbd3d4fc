import { describe, expect, it } from 'vitest';
import { errorsOf, wait, waitTemplate } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('startAfter (T16, T17)', () => {
  it('accepts chains and fan-in', () => {
    const result = validateTemplate(
      waitTemplate({ a: wait('PT1M'), b: wait('PT1M', ['a']), c: wait('PT1M', ['a', 'b']) }),
    );
    expect(result.errors).toEqual([]);
  });

  it('refuses unknown names with a suggestion, and the action itself', () => {
    const result = validateTemplate(
      waitTemplate({ first: wait('PT1M', ['first']), second: wait('PT1M', ['frist']) }),
    );
    expect(errorsOf(result)).toEqual([
      'START_AFTER_SELF /actions/first/startAfter/0',
      'START_AFTER_NOT_FOUND /actions/second/startAfter/0',
    ]);
    expect(result.errors[1]?.suggestion).toBe('did you mean first?');
  });

  it('reports a cycle once, naming its members', () => {
    const result = validateTemplate(
      waitTemplate({
        a: wait('PT1M', ['c']),
        b: wait('PT1M', ['a']),
        c: wait('PT1M', ['b']),
        d: wait('PT1M', ['c']),
      }),
    );
    expect(errorsOf(result)).toEqual(['START_AFTER_CYCLE /actions/a/startAfter']);
    expect(result.errors[0]?.message).toContain('a → c → b → a');
    expect(result.errors[0]?.message).not.toContain('d');
  });

  it('reports separate cycles separately', () => {
    const result = validateTemplate(
      waitTemplate({
        a: wait('PT1M', ['b']),
        b: wait('PT1M', ['a']),
        x: wait('PT1M', ['y']),
        y: wait('PT1M', ['x']),
      }),
    );
    expect(errorsOf(result)).toEqual([
      'START_AFTER_CYCLE /actions/a/startAfter',
      'START_AFTER_CYCLE /actions/x/startAfter',
    ]);
  });

  it('refuses a non-list startAfter', () => {
    expect(
      errorsOf(validateTemplate(waitTemplate({ a: wait('PT1M'), b: { ...wait('PT1M'), startAfter: 'a' } }))),
    ).toEqual(['INVALID_TYPE /actions/b/startAfter']);
  });

  it('does not cascade from a broken action to the actions that wait for it', () => {
    expect(errorsOf(validateTemplate(waitTemplate({ a: null, b: wait('PT1M', ['a']) })))).toEqual([
      'INVALID_TYPE /actions/a',
    ]);
  });
});
