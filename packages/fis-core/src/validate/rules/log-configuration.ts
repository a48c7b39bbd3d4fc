import { isLogGroupArn } from '../arn';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { child, type Location } from '../json-pointer';
import { checkLength, checkUnknownFields, expectKind, readString, reportMissing } from '../read-value';
import { has, own, quote, type RecordValue } from '../values';
import { checkArnRegion } from './region';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Checks an S3 bucket name (3–63 characters, lowercase letters, digits, dots and hyphens). */
export function checkBucketName(scope: TemplateScope, at: Location, value: unknown, ruleId: string): void {
  const name = readString(scope, at, value, ruleId);
  if (name === undefined || scope.ctx.hasPlaceholder(at)) return;
  if (!checkLength(scope, at, name, 3, 63, ruleId)) return;
  if (!BUCKET_NAME.test(name)) {
    scope.ctx.rule(
      ruleId,
      Code.InvalidValue,
      at,
      `${at.label}: ${quote(name)} is not an S3 bucket name (lowercase letters, digits, dots and hyphens; no ARN, no s3:// prefix).`,
      name.startsWith('arn:') || name.startsWith('s3://')
        ? `use just the name: ${name.replace(/^(arn:aws[a-z-]*:s3:::|s3:\/\/)/, '').split('/')[0]}`
        : undefined,
    );
  }
}

/**
 * T33: logConfiguration needs logSchemaVersion (integer ≥ 1; current schema 2) and at least one
 * destination: a CloudWatch Logs log-group ARN or an S3 bucket.
 */
export function checkLogConfiguration(scope: TemplateScope, template: RecordValue): void {
  const n = scope.names;
  if (!has(template, n.logConfiguration)) return;
  const at = child(scope.root, n.logConfiguration);
  const value = own(template, n.logConfiguration);
  if (!expectKind(scope, at, value, 'object', 'T33')) return;
  const config = value as RecordValue;
  checkUnknownFields(scope, at, config, scope.fields.logConfiguration);
  const versionAt = child(at, n.logSchemaVersion);
  if (!has(config, n.logSchemaVersion)) {
    reportMissing(scope, versionAt, 'T33', 'the log schema version, an integer (current schema: 2)');
  } else {
    const version = own(config, n.logSchemaVersion);
    if (expectKind(scope, versionAt, version, 'integer', 'T33', 'use 2') && (version as number) < 1) {
      scope.ctx.rule(
        'T33',
        Code.InvalidValue,
        versionAt,
        `${versionAt.label} is ${version}; it must be 1 or more (current schema: 2).`,
        'use 2',
      );
    }
  }
  const cw = own(config, n.cloudWatchLogsConfiguration);
  const s3 = own(config, n.s3Configuration);
  if (cw === undefined && s3 === undefined) {
    scope.ctx.rule(
      'T33',
      Code.LogDestinationMissing,
      at,
      `${at.label} has no destination; set ${n.cloudWatchLogsConfiguration}.${n.logGroupArn} or ${n.s3Configuration}.${n.bucketName}.`,
    );
    return;
  }
  if (cw !== undefined) {
    const cwAt = child(at, n.cloudWatchLogsConfiguration);
    if (expectKind(scope, cwAt, cw, 'object', 'T33')) {
      checkUnknownFields(scope, cwAt, cw as RecordValue, scope.fields.cloudWatchLogsConfiguration);
      const arnAt = child(cwAt, n.logGroupArn);
      if (!has(cw as RecordValue, n.logGroupArn)) reportMissing(scope, arnAt, 'T33', 'the log group ARN');
      else {
        const arn = readString(scope, arnAt, own(cw as RecordValue, n.logGroupArn), 'T33');
        if (arn !== undefined && !scope.ctx.hasPlaceholder(arnAt)) {
          if (!isLogGroupArn(arn)) {
            scope.ctx.rule(
              'T33',
              Code.InvalidArn,
              arnAt,
              `${arnAt.label}: ${quote(arn)} is not a CloudWatch Logs log-group ARN (arn:aws:logs:<region>:<account>:log-group:<name>).`,
            );
          } else checkArnRegion(scope, arnAt, arn);
        }
      }
    }
  }
  if (s3 !== undefined) {
    const s3At = child(at, n.s3Configuration);
    if (expectKind(scope, s3At, s3, 'object', 'T33')) {
      const s3Config = s3 as RecordValue;
      checkUnknownFields(scope, s3At, s3Config, scope.fields.logS3Configuration);
      const bucketAt = child(s3At, n.bucketName);
      if (!has(s3Config, n.bucketName)) reportMissing(scope, bucketAt, 'T33', 'the S3 bucket name');
      else checkBucketName(scope, bucketAt, own(s3Config, n.bucketName), 'T33');
      if (has(s3Config, n.prefix)) {
        const prefixAt = child(s3At, n.prefix);
        const prefix = readString(scope, prefixAt, own(s3Config, n.prefix), 'T33');
        if (prefix !== undefined) checkLength(scope, prefixAt, prefix, 1, 1024, 'T33');
      }
    }
  }
}
