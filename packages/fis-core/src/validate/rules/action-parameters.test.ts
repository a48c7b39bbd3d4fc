import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, waitTemplate, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

/** A template with one action (and a subnet target for network actions). */
function withAction(
  actionId: string,
  parameters: Record<string, unknown>,
  targets: Record<string, string> = {},
) {
  return validateTemplate({
    ...ec2Template(),
    targets: {
      web: ec2Template().targets.web,
      subnets: { resourceType: 'aws:ec2:subnet', resourceTags: { tier: 'app' }, selectionMode: 'ALL' },
      fns: { resourceType: 'aws:lambda:function', resourceTags: { app: 'quote' }, selectionMode: 'ALL' },
    },
    actions: { a: { actionId, parameters, targets } },
  });
}

describe('action parameters (T10, T11)', () => {
  it('requires required parameters and names what they are', () => {
    const result = withAction(
      'aws:network:disrupt-connectivity',
      { duration: 'PT5M' },
      { Subnets: 'subnets' },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'MISSING_REQUIRED_PARAMETER',
        path: '/actions/a/parameters/scope',
        suggestion: expect.stringContaining('availability-zone'),
      }),
    ]);
  });

  it('requires conditional parameters when their condition holds (T38)', () => {
    const result = withAction(
      'aws:network:disrupt-connectivity',
      { duration: 'PT5M', scope: 'prefix-list' },
      { Subnets: 'subnets' },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'MISSING_REQUIRED_PARAMETER',
        path: '/actions/a/parameters/prefixListIdentifier',
        ruleId: 'T38',
      }),
    ]);
    const s3 = withAction(
      'aws:network:disrupt-connectivity',
      { duration: 'PT5M', scope: 's3' },
      { Subnets: 'subnets' },
    );
    expect(s3.errors).toEqual([]);
  });

  it('refuses parameters the action does not define, suggesting the one meant', () => {
    const result = withAction(
      'aws:ec2:stop-instances',
      { startInstancesAfterDurration: 'PT5M' },
      { Instances: 'web' },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PARAMETER',
        suggestion: 'did you mean startInstancesAfterDuration?',
      }),
    ]);
  });

  it('reports a misspelt required parameter once, not also as missing', () => {
    const result = validateTemplate(
      waitTemplate({ w: { actionId: 'aws:fis:wait', parameters: { duraton: 'PT1M' } } }),
    );
    expect(errorsOf(result)).toEqual(['UNKNOWN_PARAMETER /actions/w/parameters/duraton']);
  });

  it('downgrades parameters AWS examples pass but the reference omits to a warning', () => {
    const result = validateTemplate({
      ...ec2Template(),
      targets: { s: { resourceType: 'aws:kinesis:stream', resourceTags: { a: 'b' }, selectionMode: 'ALL' } },
      actions: {
        k: {
          actionId: 'aws:kinesis:stream-provisioned-throughput-exception',
          parameters: { duration: 'PT5M', percentage: '10', service: 'kinesis' },
          targets: { KinesisStreams: 's' },
        },
      },
    });
    expect(result.errors).toEqual([]);
    expect(warningsOf(result)).toEqual(['UNDOCUMENTED_PARAMETER /actions/k/parameters/service']);
  });

  it('wants strings, and says how to write them', () => {
    const result = withAction(
      'aws:lambda:invocation-error',
      { duration: 'PT5M', preventExecution: true },
      { Functions: 'fns' },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'PARAMETER_NOT_STRING',
        ruleId: 'T10',
        suggestion: 'write it as "true"',
      }),
    ]);
  });
});

describe('parameter values', () => {
  it.each([
    [
      'aws:lambda:invocation-error',
      { duration: 'PT5M', preventExecution: 'maybe' },
      'INVALID_PARAMETER_VALUE',
      'preventExecution',
    ],
    ['aws:lambda:invocation-error', { duration: 'PT5M', preventExecution: 'TRUE' }, undefined, ''],
    [
      'aws:lambda:invocation-add-delay',
      { duration: 'PT5M', invocationPercentage: '1.5' },
      'INVALID_PARAMETER_VALUE',
      'invocationPercentage',
    ],
    [
      'aws:lambda:invocation-add-delay',
      { duration: 'PT5M', invocationPercentage: '0' },
      'PARAMETER_OUT_OF_RANGE',
      'invocationPercentage',
    ],
    ['aws:lambda:invocation-add-delay', { duration: 'PT5M', invocationPercentage: '100' }, undefined, ''],
    ['aws:lambda:invocation-add-delay', { duration: 'PT13H' }, 'DURATION_OUT_OF_RANGE', 'duration'],
    ['aws:lambda:invocation-add-delay', { duration: '5m' }, 'INVALID_DURATION', 'duration'],
  ])('%s %j → %s', (actionId, parameters, code, name) => {
    const result = withAction(actionId, parameters, { Functions: 'fns' });
    expect(errorsOf(result)).toEqual(code ? [`${code} /actions/a/parameters/${name}`] : []);
  });

  it('checks numbers as numbers', () => {
    const volumes = {
      ...ec2Template(),
      targets: {
        v: {
          resourceType: 'aws:ec2:ebs-volume',
          resourceTags: { a: 'b' },
          parameters: { availabilityZoneIdentifier: 'us-east-1a' },
          selectionMode: 'ALL',
        },
      },
    };
    const latency = (readIOPercentage: string) =>
      validateTemplate({
        ...volumes,
        actions: {
          l: {
            actionId: 'aws:ebs:volume-io-latency',
            parameters: { duration: 'PT1M', readIOPercentage },
            targets: { Volumes: 'v' },
          },
        },
      });
    expect(latency('0.5').errors).toEqual([]);
    expect(errorsOf(latency('0.05'))).toEqual([
      'PARAMETER_OUT_OF_RANGE /actions/l/parameters/readIOPercentage',
    ]);
    expect(errorsOf(latency('half'))).toEqual([
      'INVALID_PARAMETER_VALUE /actions/l/parameters/readIOPercentage',
    ]);
  });

  it('checks durations against the action range, in the message the brief asks for', () => {
    const result = withAction(
      'aws:ec2:stop-instances',
      { startInstancesAfterDuration: 'PT13H' },
      { Instances: 'web' },
    );
    expect(result.errors[0]?.message).toBe(
      'actions.a.parameters.startInstancesAfterDuration: PT13H is longer than the 12-hour maximum of aws:ec2:stop-instances (PT1M–PT12H); use at most PT12H.',
    );
    const short = withAction(
      'aws:ec2:stop-instances',
      { startInstancesAfterDuration: 'PT30S' },
      { Instances: 'web' },
    );
    expect(short.errors[0]).toMatchObject({ code: 'DURATION_OUT_OF_RANGE', suggestion: 'use at least PT1M' });
  });

  it.each([' PT5M', 'PT5m', 'pt5m '])(
    'reports the duration %j, read leniently elsewhere but not the form FIS expects (T31, an error)',
    (duration) => {
      const result = withAction(
        'aws:ec2:stop-instances',
        { startInstancesAfterDuration: duration },
        { Instances: 'web' },
      );
      expect(result.errors).toEqual([
        expect.objectContaining({
          code: 'INVALID_DURATION',
          path: '/actions/a/parameters/startInstancesAfterDuration',
          suggestion: 'use PT5M',
          ruleId: 'T31',
        }),
      ]);
    },
  );

  it('checks enums with a case-aware suggestion, and enum lists item by item', () => {
    const result = withAction(
      'aws:network:disrupt-connectivity',
      { duration: 'PT5M', scope: 'AZ' },
      { Subnets: 'subnets' },
    );
    expect(result.errors[0]).toMatchObject({ code: 'INVALID_ENUM_VALUE', ruleId: 'T38' });
    const states = validateTemplate(
      waitTemplate({
        c: {
          actionId: 'aws:cloudwatch:assert-alarm-state',
          parameters: {
            alarmArns: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:a',
            alarmStates: 'OK,alarm',
          },
        },
      }),
    );
    expect(states.errors[0]).toMatchObject({
      code: 'INVALID_ENUM_VALUE',
      suggestion: 'did you mean ALARM?',
      ruleId: 'T39',
    });
  });

  it('checks alarm lists (T39)', () => {
    const check = (alarmArns: string) =>
      validateTemplate(
        waitTemplate({
          c: { actionId: 'aws:cloudwatch:assert-alarm-state', parameters: { alarmArns, alarmStates: 'OK' } },
        }),
      );
    expect(errorsOf(check('not-an-arn'))).toEqual(['INVALID_ALARM_ARN /actions/c/parameters/alarmArns']);
    expect(errorsOf(check('a,,b'))).toEqual(['INVALID_PARAMETER_VALUE /actions/c/parameters/alarmArns']);
  });

  it('checks JSON strings and SSM document parameters', () => {
    const send = (documentParameters: string, document = 'AWSFIS-Run-CPU-Stress') =>
      withAction(
        'aws:ssm:send-command',
        { documentArn: `arn:aws:ssm:us-east-1::document/${document}`, documentParameters, duration: 'PT5M' },
        { Instances: 'web' },
      );
    expect(send('{"DurationSeconds":"60"}').errors).toEqual([]);
    expect(errorsOf(send('{DurationSeconds: 60}'))).toEqual([
      'INVALID_JSON /actions/a/parameters/documentParameters',
    ]);
    expect(errorsOf(send('["DurationSeconds"]'))).toEqual([
      'INVALID_JSON /actions/a/parameters/documentParameters',
    ]);
    expect(errorsOf(send('{"LoadPercent":"50"}'))).toEqual([
      'MISSING_DOCUMENT_PARAMETER /actions/a/parameters/documentParameters',
    ]);
    expect(warningsOf(send('{"DurationSeconds":"60","Duration":"5"}'))).toContain(
      'UNKNOWN_DOCUMENT_PARAMETER /actions/a/parameters/documentParameters',
    );
    expect(send('{"anything":"goes"}', 'MyOwnDocument').errors).toEqual([]);
  });

  it('checks ARN parameters', () => {
    const result = withAction(
      'aws:ssm:send-command',
      { documentArn: 'AWSFIS-Run-CPU-Stress', duration: 'PT5M' },
      { Instances: 'web' },
    );
    expect(errorsOf(result)).toEqual(['INVALID_PARAMETER_VALUE /actions/a/parameters/documentArn']);
  });
});
