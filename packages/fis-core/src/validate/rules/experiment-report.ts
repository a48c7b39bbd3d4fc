import { isExactIsoDuration, parseIsoDuration } from '../../duration';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { isIntrinsic } from '../intrinsic';
import { child } from '../json-pointer';
import { checkLength, checkUnknownFields, expectKind, readString, reportMissing } from '../read-value';
import { firstEntries, has, own, quote, type RecordValue } from '../values';
import { checkBucketName } from './log-configuration';

/**
 * T36: experimentReportConfiguration needs outputs.s3Configuration.bucketName (CloudFormation:
 * Outputs.ExperimentReportS3Configuration.BucketName, and DataSources); dashboards are given by
 * dashboardIdentifier; pre/postExperimentDuration are ISO 8601 durations of at most 32 characters.
 */
export function checkExperimentReport(scope: TemplateScope, template: RecordValue): void {
  const n = scope.names;
  const f = scope.fields;
  if (!has(template, n.experimentReportConfiguration)) return;
  const at = child(scope.root, n.experimentReportConfiguration);
  const value = own(template, n.experimentReportConfiguration);
  if (!expectKind(scope, at, value, 'object', 'T36')) return;
  const report = value as RecordValue;
  checkUnknownFields(scope, at, report, f.reportConfiguration);

  const outputsAt = child(at, n.outputs);
  const outputs = own(report, n.outputs);
  if (outputs === undefined)
    reportMissing(
      scope,
      outputsAt,
      'T36',
      `where the report goes: ${n.reportS3Configuration}.${n.bucketName}`,
    );
  else if (expectKind(scope, outputsAt, outputs, 'object', 'T36')) {
    checkUnknownFields(scope, outputsAt, outputs as RecordValue, f.reportOutputs);
    const s3At = child(outputsAt, n.reportS3Configuration);
    const s3 = own(outputs as RecordValue, n.reportS3Configuration);
    if (s3 === undefined) reportMissing(scope, s3At, 'T36', `the S3 bucket for the report (${n.bucketName})`);
    else if (expectKind(scope, s3At, s3, 'object', 'T36')) {
      const s3Config = s3 as RecordValue;
      checkUnknownFields(scope, s3At, s3Config, f.reportS3Configuration);
      const bucketAt = child(s3At, n.bucketName);
      if (!has(s3Config, n.bucketName)) reportMissing(scope, bucketAt, 'T36', 'the S3 bucket name');
      else checkBucketName(scope, bucketAt, own(s3Config, n.bucketName), 'T36');
    }
  }

  const sourcesAt = child(at, n.dataSources);
  const sources = own(report, n.dataSources);
  if (sources === undefined) {
    if (scope.shape !== 'api')
      reportMissing(scope, sourcesAt, 'T36', 'the CloudFormation schema requires DataSources (may be {})');
  } else if (expectKind(scope, sourcesAt, sources, 'object', 'T36')) {
    checkUnknownFields(scope, sourcesAt, sources as RecordValue, f.reportDataSources);
    const dashboardsAt = child(sourcesAt, n.cloudWatchDashboards);
    const dashboards = own(sources as RecordValue, n.cloudWatchDashboards);
    if (dashboards !== undefined && expectKind(scope, dashboardsAt, dashboards, 'list', 'T36')) {
      firstEntries(dashboards as unknown[]).forEach((dashboard, i) => {
        const itemAt = child(dashboardsAt, i);
        if (!expectKind(scope, itemAt, dashboard, 'object', 'T36')) return;
        checkUnknownFields(scope, itemAt, dashboard as RecordValue, f.dashboard);
        const idAt = child(itemAt, n.dashboardIdentifier);
        const id = own(dashboard as RecordValue, n.dashboardIdentifier);
        if (id === undefined) reportMissing(scope, idAt, 'T36', 'the dashboard ARN');
        else {
          const text = readString(scope, idAt, id, 'T36');
          if (text !== undefined) checkLength(scope, idAt, text, 1, 512, 'T36');
        }
      });
    }
  }

  for (const key of [n.preExperimentDuration, n.postExperimentDuration]) {
    if (!has(report, key)) continue;
    const durationAt = child(at, key);
    const raw = own(report, key);
    if (scope.allowIntrinsics && isIntrinsic(raw)) continue;
    const text = readString(scope, durationAt, raw, 'T36');
    if (text === undefined || scope.ctx.hasPlaceholder(durationAt)) continue;
    if (!checkLength(scope, durationAt, text, 1, 32, 'T36')) continue;
    if (parseIsoDuration(text) === null) {
      scope.ctx.rule(
        'T36',
        Code.InvalidDuration,
        durationAt,
        `${durationAt.label}: ${quote(text)} is not an ISO 8601 duration such as PT20M.`,
      );
    } else if (!isExactIsoDuration(text)) {
      const exact = text.trim().toUpperCase();
      scope.ctx.rule(
        'T36',
        Code.InvalidDuration,
        durationAt,
        `${durationAt.label}: ${quote(text)} is not written as FIS expects an ISO 8601 duration (upper-case designators, no spaces); write ${exact}.`,
        `use ${exact}`,
      );
    }
  }
}
