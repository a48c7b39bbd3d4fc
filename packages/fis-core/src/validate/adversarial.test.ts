import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ec2Template } from './test-fixtures';
import { validateTemplate } from './validate-template';

/** Validates, asserting it neither throws nor takes long. */
function timed(input: unknown, budgetMs = 2000) {
  const start = performance.now();
  const result = validateTemplate(input);
  const elapsed = performance.now() - start;
  expect(elapsed).toBeLessThan(budgetMs);
  return result;
}

function deepObject(levels: number): unknown {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let i = 0; i < levels; i++) {
    const next: Record<string, unknown> = {};
    current.a = next;
    current = next;
  }
  return root;
}

const ONE_MB = 1 << 20;

describe('adversarial input', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['an empty string', ''],
    ['a broken JSON string', '{'],
    ['an array', []],
    ['actions: null', { actions: null }],
    ['undefined', undefined],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
    ['a Date', new Date(0)],
    ['a YAML scalar', 'hello'],
    ['a JSON string literal', '"just a string"'],
  ])('rejects %s with errors, without throwing', (_, input) => {
    const result = timed(input);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('handles 10,000 levels of nesting, as objects and as text', () => {
    expect(timed(deepObject(10_000)).valid).toBe(false);
    expect(timed(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`).valid).toBe(false);
    expect(timed(`${'['.repeat(10_000)}${']'.repeat(10_000)}`).valid).toBe(false);
    expect(timed(`${'['.repeat(10_000)}${']'.repeat(9_999)}`).errors[0]?.code).toBe('PARSE_ERROR');
    expect(
      timed(`a:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}`).valid,
    ).toBe(false);
  });

  it('handles 100,000 actions and huge lists quickly, with a bounded number of issues', () => {
    const template = ec2Template();
    template.actions = {};
    for (let i = 0; i < 100_000; i++)
      template.actions[`a${i}`] = { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } };
    const result = timed(template);
    expect(result.errors.map((e) => e.code)).toContain('TOO_MANY_ACTIONS');

    const lists = ec2Template();
    lists.stopConditions = Array.from({ length: 100_000 }, () => ({ source: 'bogus' }));
    lists.targets.web.resourceArns = Array.from(
      { length: 100_000 },
      () => 'arn:aws:ec2:us-east-1:123456789012:instance/i-1',
    );
    const many = timed(lists);
    expect(many.errors.length).toBeLessThanOrEqual(501);
    expect(many.warnings.at(-1)?.code).toBe('ISSUES_TRUNCATED');
  });

  it('does not let __proto__ keys pollute Object.prototype', () => {
    const text = '{"__proto__": {"polluted": true}, "actions": {"__proto__": {"actionId": "aws:fis:wait"}}}';
    timed(text);
    timed(JSON.parse(text));
    timed('__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n');
    const template = ec2Template();
    template.actions.stop.targets = { Instances: 'constructor' };
    expect(timed(template).errors.map((e) => e.code)).toEqual(['TARGET_NOT_FOUND']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('handles 1 MB strings everywhere without echoing them back', () => {
    const big = 'a'.repeat(ONE_MB);
    expect(timed(big).valid).toBe(false);
    expect(timed(`{"description": "${big}"`).errors[0]?.code).toBe('PARSE_ERROR');
    const result = timed({
      ...ec2Template(),
      description: big,
      roleArn: big,
      actions: { [big]: { actionId: big } },
    });
    expect(result.valid).toBe(false);
    for (const issue of [...result.errors, ...result.warnings])
      expect(issue.message.length).toBeLessThan(2000);
    const placeholders = timed({
      ...ec2Template(),
      description: `<${'x'.repeat(ONE_MB)}>`,
      roleArn: '<a'.repeat(ONE_MB / 2),
    });
    expect(placeholders.valid).toBe(false);
  });

  it('reports a getter that throws as a validator failure instead of throwing', () => {
    const template = ec2Template();
    Object.defineProperty(template, 'description', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const result = timed(template);
    expect(result.errors.map((e) => e.code)).toContain('VALIDATOR_FAILED');
  });

  it('never throws on arbitrary values or JSON text', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = validateTemplate(value);
        return typeof result.valid === 'boolean' && Array.isArray(result.errors);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.json(), (text) => Array.isArray(validateTemplate(text).errors)),
      { numRuns: 300 },
    );
  });

  it('never throws when a valid template is damaged at random', () => {
    const keys = [
      'description',
      'targets',
      'actions',
      'stopConditions',
      'roleArn',
      'tags',
      'logConfiguration',
      'experimentOptions',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const template = { ...ec2Template(), [key]: value };
        const result = validateTemplate(template);
        return result.valid === false || result.errors.length === 0;
      }),
      { numRuns: 500 },
    );
  });
});
