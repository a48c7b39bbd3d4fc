import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('description (T01)', () => {
  it.each([
    ['', 'VALUE_TOO_SHORT /description'],
    ['x'.repeat(513), 'VALUE_TOO_LONG /description'],
    [12, 'INVALID_TYPE /description'],
  ])('refuses %j', (description, issue) => {
    expect(errorsOf(validateTemplate({ ...ec2Template(), description }))).toEqual([issue]);
  });

  it('accepts 512 characters', () => {
    expect(validateTemplate({ ...ec2Template(), description: 'x'.repeat(512) }).errors).toEqual([]);
  });

  it('names the rule', () => {
    const { description: _, ...template } = ec2Template();
    expect(validateTemplate(template).errors[0]).toMatchObject({
      code: 'MISSING_REQUIRED_FIELD',
      ruleId: 'T01',
    });
  });
});
