import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

const ALARM = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx';

function withStopConditions(stopConditions: unknown) {
  return validateTemplate({ ...ec2Template(), stopConditions });
}

describe('stop conditions (T03–T05)', () => {
  it('accepts up to five alarms', () => {
    const result = withStopConditions(
      Array.from({ length: 5 }, (_, i) => ({ source: 'aws:cloudwatch:alarm', value: `${ALARM}-${i}` })),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('warns when there is no alarm at all', () => {
    expect(warningsOf(withStopConditions([{ source: 'none' }]))).toEqual([
      'NO_STOP_CONDITION /stopConditions',
    ]);
    expect(warningsOf(withStopConditions([]))).toEqual(['NO_STOP_CONDITION /stopConditions']);
  });

  it('keeps an empty list a warning (the API sets no minimum), saying how AWS writes "none"', () => {
    const result = withStopConditions([]);
    expect(result.valid).toBe(true);
    expect(result.warnings[0]).toMatchObject({
      code: 'NO_STOP_CONDITION',
      ruleId: 'T03',
      message: expect.stringContaining('stopConditions is an empty list'),
      suggestion: expect.stringContaining('[{"source":"none"}]'),
    });
  });

  it('requires the list, refuses other types and more than five', () => {
    const { stopConditions: _, ...template } = ec2Template();
    expect(errorsOf(validateTemplate(template))).toEqual(['MISSING_REQUIRED_FIELD /stopConditions']);
    expect(errorsOf(withStopConditions({ source: 'none' }))).toEqual(['INVALID_TYPE /stopConditions']);
    const six = Array.from({ length: 6 }, (_, i) => ({
      source: 'aws:cloudwatch:alarm',
      value: `${ALARM}-${i}`,
    }));
    expect(errorsOf(withStopConditions(six))).toEqual(['TOO_MANY_STOP_CONDITIONS /stopConditions']);
  });

  it('checks each source and alarm ARN', () => {
    const result = withStopConditions([
      { source: 'cloudwatch' },
      { source: 'aws:cloudwatch:alarm' },
      { source: 'aws:cloudwatch:alarm', value: 'web-5xx' },
      { value: ALARM },
      { source: 'aws:cloudwatch:alarm', value: ALARM, extra: 1 },
    ]);
    expect(errorsOf(result)).toEqual([
      'INVALID_STOP_CONDITION_SOURCE /stopConditions/0/source',
      'MISSING_REQUIRED_FIELD /stopConditions/1/value',
      'INVALID_ALARM_ARN /stopConditions/2/value',
      'MISSING_REQUIRED_FIELD /stopConditions/3/source',
      'UNKNOWN_FIELD /stopConditions/4/extra',
    ]);
    expect(result.errors[2]?.suggestion).toBe(
      "use the alarm's ARN, e.g. arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx",
    );
  });

  it('warns about none mixed with alarms, and about a value on none (T05 is a warning)', () => {
    const result = withStopConditions([
      { source: 'none', value: ALARM },
      { source: 'aws:cloudwatch:alarm', value: ALARM },
    ]);
    expect(result.valid).toBe(true);
    expect(warningsOf(result)).toEqual([
      'STOP_CONDITION_NONE_WITH_VALUE /stopConditions/0/value',
      'STOP_CONDITION_NONE_MIXED /stopConditions/0/source',
    ]);
    expect(result.warnings.every((w) => w.ruleId === 'T05')).toBe(true);
  });

  it('warns when an alarm is in another region than the one validated for', () => {
    const result = validateTemplate(ec2Template(), { region: 'eu-west-1' });
    expect(warningsOf(result)).toEqual(['ARN_REGION_MISMATCH /stopConditions/0/value']);
  });
});
