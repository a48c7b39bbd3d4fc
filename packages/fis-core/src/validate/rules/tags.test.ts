import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('tags (T23, T32)', () => {
  it('limits template tags to 50, keys to 128 and values to 256 characters', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(errorsOf(validateTemplate({ ...ec2Template(), tags: many }))).toEqual(['TOO_MANY_TAGS /tags']);
    expect(errorsOf(validateTemplate({ ...ec2Template(), tags: { ['k'.repeat(129)]: 'v' } }))).toEqual([
      `VALUE_TOO_LONG /tags/${'k'.repeat(129)}`,
    ]);
    expect(errorsOf(validateTemplate({ ...ec2Template(), tags: { k: 'v'.repeat(257) } }))).toEqual([
      'VALUE_TOO_LONG /tags/k',
    ]);
    expect(errorsOf(validateTemplate({ ...ec2Template(), tags: { k: 1 } }))).toEqual([
      'INVALID_TYPE /tags/k',
    ]);
  });

  it('explains Key/Value lists', () => {
    const result = validateTemplate({ ...ec2Template(), tags: [{ Key: 'a', Value: 'b' }] });
    expect(result.errors[0]).toMatchObject({
      code: 'INVALID_TYPE',
      path: '/tags',
      message: expect.stringContaining('Key/Value'),
    });
  });

  it('makes Tags required in CloudFormation only', () => {
    const { tags: _, ...api } = ec2Template();
    expect(validateTemplate(api).errors).toEqual([]);
    const properties = {
      Description: 'x',
      Targets: {},
      Actions: { w: { ActionId: 'aws:fis:wait', Parameters: { duration: 'PT1M' } } },
      StopConditions: [{ Source: 'none' }],
      RoleArn: 'arn:aws:iam::123456789012:role/R',
    };
    const result = validateTemplate(properties);
    expect(result.shape).toBe('cloudformation-properties');
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'MISSING_REQUIRED_FIELD', path: '/Tags', ruleId: 'T32' }),
    ]);
  });
});
