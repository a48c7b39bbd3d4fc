import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('logConfiguration (T33)', () => {
  const logs = (logConfiguration: unknown) => validateTemplate({ ...ec2Template(), logConfiguration });

  it('accepts CloudWatch Logs and S3 destinations', () => {
    expect(
      logs({
        logSchemaVersion: 2,
        cloudWatchLogsConfiguration: { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:fis:*' },
      }).errors,
    ).toEqual([]);
    expect(
      logs({ logSchemaVersion: 1, s3Configuration: { bucketName: 'fis-logs', prefix: 'x/' } }).errors,
    ).toEqual([]);
  });

  it('needs a schema version and a destination', () => {
    expect(errorsOf(logs({ s3Configuration: { bucketName: 'fis-logs' } }))).toEqual([
      'MISSING_REQUIRED_FIELD /logConfiguration/logSchemaVersion',
    ]);
    expect(errorsOf(logs({ logSchemaVersion: 2 }))).toEqual(['LOG_DESTINATION_MISSING /logConfiguration']);
    expect(errorsOf(logs({ logSchemaVersion: '2', s3Configuration: { bucketName: 'fis-logs' } }))).toEqual([
      'INVALID_TYPE /logConfiguration/logSchemaVersion',
    ]);
  });

  it('checks the log group ARN and bucket name', () => {
    expect(
      errorsOf(logs({ logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn: '/aws/fis' } })),
    ).toEqual(['INVALID_ARN /logConfiguration/cloudWatchLogsConfiguration/logGroupArn']);
    const bucket = logs({ logSchemaVersion: 2, s3Configuration: { bucketName: 'arn:aws:s3:::fis-logs' } });
    expect(bucket.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_VALUE', suggestion: 'use just the name: fis-logs' }),
    ]);
  });
});

describe('experimentOptions (T34, T35)', () => {
  const options = (experimentOptions: unknown) => validateTemplate({ ...ec2Template(), experimentOptions });

  it('checks both enums, with suggestions', () => {
    const result = options({ accountTargeting: 'single', emptyTargetResolutionMode: 'Skip' });
    expect(errorsOf(result)).toEqual([
      'INVALID_ENUM_VALUE /experimentOptions/accountTargeting',
      'INVALID_ENUM_VALUE /experimentOptions/emptyTargetResolutionMode',
    ]);
    expect(result.errors.map((e) => e.suggestion)).toEqual([
      'did you mean single-account?',
      'did you mean skip?',
    ]);
  });

  it('warns that multi-account templates need target account configurations', () => {
    expect(warningsOf(options({ accountTargeting: 'multi-account' }))).toEqual([
      'MULTI_ACCOUNT_TARGETING /experimentOptions/accountTargeting',
    ]);
  });
});

describe('experimentReportConfiguration (T36)', () => {
  const report = (experimentReportConfiguration: unknown) =>
    validateTemplate({ ...ec2Template(), experimentReportConfiguration });

  it('accepts a complete configuration', () => {
    expect(
      report({
        outputs: { s3Configuration: { bucketName: 'fis-reports', prefix: 'r' } },
        dataSources: {
          cloudWatchDashboards: [{ dashboardIdentifier: 'arn:aws:cloudwatch::123456789012:dashboard/web' }],
        },
        preExperimentDuration: 'PT20M',
        postExperimentDuration: 'PT20M',
      }).errors,
    ).toEqual([]);
  });

  it('needs the output bucket and ISO 8601 durations', () => {
    expect(errorsOf(report({ dataSources: {} }))).toEqual([
      'MISSING_REQUIRED_FIELD /experimentReportConfiguration/outputs',
    ]);
    expect(
      errorsOf(
        report({ outputs: { s3Configuration: { bucketName: 'b-1' } }, preExperimentDuration: '20 minutes' }),
      ),
    ).toEqual(['INVALID_DURATION /experimentReportConfiguration/preExperimentDuration']);
  });
});
