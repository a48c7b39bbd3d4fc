import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

function withRole(roleArn: unknown) {
  return validateTemplate({ ...ec2Template(), roleArn });
}

describe('roleArn (T02)', () => {
  it('accepts an IAM role ARN with a path', () => {
    expect(withRole('arn:aws:iam::123456789012:role/service-role/FisRole').errors).toEqual([]);
  });

  it('refuses a user ARN with a suggestion', () => {
    const result = withRole('arn:aws:iam::123456789012:user/alice');
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'ROLE_ARN_NOT_A_ROLE',
        path: '/roleArn',
        ruleId: 'T02',
        message: expect.stringContaining('IAM user'),
        suggestion: expect.stringContaining('arn:aws:iam::123456789012:role/'),
      }),
    ]);
  });

  it('refuses an assumed-role session ARN, pointing at the role', () => {
    const result = withRole('arn:aws:sts::123456789012:assumed-role/Admin/alice');
    expect(result.errors[0]).toMatchObject({
      code: 'ROLE_ARN_NOT_A_ROLE',
      suggestion: expect.stringContaining(':role/Admin'),
    });
  });

  it('refuses malformed values and wrong types', () => {
    expect(errorsOf(withRole('FisRole'))).toEqual(['INVALID_ROLE_ARN /roleArn']);
    expect(errorsOf(withRole(42))).toEqual(['INVALID_TYPE /roleArn']);
    const { roleArn: _, ...template } = ec2Template();
    expect(errorsOf(validateTemplate(template))).toEqual(['MISSING_REQUIRED_FIELD /roleArn']);
  });

  it('reports a placeholder account once, as a placeholder, not as a bad ARN', () => {
    const result = withRole('arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR ROLE NAME>');
    expect(result.errors).toEqual([]);
    expect(warningsOf(result)).toEqual(['PLACEHOLDER /roleArn']);
    expect(result.placeholders).toEqual([
      { path: '/roleArn', text: '<YOUR AWS ACCOUNT>' },
      { path: '/roleArn', text: '<YOUR ROLE NAME>' },
    ]);
  });

  it('does not take the documentation account 123456789012 for a placeholder', () => {
    expect(withRole('arn:aws:iam::123456789012:role/FisRole').placeholders).toEqual([]);
  });
});
