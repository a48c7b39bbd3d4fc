import { describe, expect, it } from 'vitest';
import { checkRoleArn, isAlarmArn, isLogGroupArn, parseArn } from './arn';

describe('parseArn', () => {
  it('splits an ARN', () => {
    expect(parseArn('arn:aws-us-gov:ec2:us-gov-west-1:123456789012:instance/i-1')).toEqual({
      partition: 'aws-us-gov',
      service: 'ec2',
      region: 'us-gov-west-1',
      account: '123456789012',
      resource: 'instance/i-1',
    });
    expect(parseArn('not-an-arn')).toBeUndefined();
  });
});

describe('checkRoleArn', () => {
  it('accepts role ARNs, with paths and in other partitions', () => {
    expect(checkRoleArn('arn:aws:iam::123456789012:role/FisExperimentRole')).toBeUndefined();
    expect(checkRoleArn('arn:aws:iam::123456789012:role/service-role/fis/FisRole')).toBeUndefined();
    expect(checkRoleArn('arn:aws-cn:iam::123456789012:role/FisRole')).toBeUndefined();
  });

  it('names what a non-role ARN is, and how to fix it', () => {
    expect(checkRoleArn('arn:aws:iam::123456789012:user/alice')).toMatchObject({
      kind: 'not-a-role',
      message: expect.stringContaining('IAM user'),
    });
    expect(checkRoleArn('arn:aws:sts::123456789012:assumed-role/FisRole/session')).toMatchObject({
      kind: 'not-a-role',
      suggestion: expect.stringContaining('arn:aws:iam::123456789012:role/FisRole'),
    });
    expect(checkRoleArn('arn:aws:iam::123456789012:instance-profile/FisRole')).toMatchObject({
      kind: 'not-a-role',
      suggestion: expect.stringContaining(':role/FisRole'),
    });
  });

  it('flags malformed role ARNs', () => {
    expect(checkRoleArn('FisRole')).toMatchObject({
      kind: 'malformed',
      suggestion: expect.stringContaining(':role/FisRole'),
    });
    expect(checkRoleArn('arn:aws:iam:us-east-1:123456789012:role/FisRole')?.kind).toBe('malformed');
    expect(checkRoleArn('arn:aws:iam::12345:role/FisRole')?.kind).toBe('malformed');
    expect(checkRoleArn('arn:aws:iam::123456789012:role/bad name')?.kind).toBe('malformed');
  });
});

describe('alarm and log group ARNs', () => {
  it('recognises them', () => {
    expect(isAlarmArn('arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx')).toBe(true);
    expect(isAlarmArn('arn:aws:cloudwatch:us-east-1:123456789012:dashboard/web')).toBe(false);
    expect(isLogGroupArn('arn:aws:logs:us-east-1:123456789012:log-group:/aws/fis:*')).toBe(true);
    expect(isLogGroupArn('arn:aws:logs:us-east-1:123456789012:log-group:/aws/fis')).toBe(true);
    expect(isLogGroupArn('arn:aws:s3:::bucket')).toBe(false);
  });
});
