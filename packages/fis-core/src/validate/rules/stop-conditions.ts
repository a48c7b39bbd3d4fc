import { isAlarmArn } from '../arn';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { didYouMean } from '../did-you-mean';
import { child, type Location } from '../json-pointer';
import { checkUnknownFields, expectKind, readString, reportMissing } from '../read-value';
import { firstEntries, has, own, quote, type RecordValue } from '../values';
import { checkArnRegion } from './region';

const SOURCES = ['none', 'aws:cloudwatch:alarm'];

/**
 * T03–T05 and the main safety warning: stopConditions is a required list of at most 5 entries,
 * each `none` or a CloudWatch alarm with its ARN; `none` is not mixed with alarms; an experiment
 * without any alarm gets NO_STOP_CONDITION.
 */
export function checkStopConditions(scope: TemplateScope, template: RecordValue): void {
  const key = scope.names.stopConditions;
  const at = child(scope.root, key);
  if (!has(template, key)) {
    reportMissing(scope, at, 'T03', 'a list of stop conditions; use [{"source":"none"}] for none');
    return;
  }
  const list = own(template, key);
  if (!expectKind(scope, at, list, 'list', 'T03')) return;
  const entries = list as unknown[];
  const limit = scope.ctx.index.limits.stopConditionsPerTemplate;
  if (entries.length > limit) {
    scope.ctx.rule(
      'T03',
      Code.TooManyStopConditions,
      at,
      `${at.label} has ${entries.length} entries; at most ${limit} stop conditions are allowed per template.`,
      'combine alarms into a CloudWatch composite alarm',
    );
  }
  const nones: Location[] = [];
  let alarms = 0;
  let unknown = 0;
  firstEntries(entries).forEach((entry, i) => {
    const source = checkEntry(scope, child(at, i), entry);
    if (source === 'none') nones.push(child(child(at, i), scope.names.source));
    else if (source === 'aws:cloudwatch:alarm') alarms++;
    else unknown++;
  });
  if (alarms > 0) {
    for (const noneAt of nones) {
      scope.ctx.rule(
        'T05',
        Code.StopConditionNoneMixed,
        noneAt,
        `${noneAt.label} is none, mixed with ${alarms} alarm stop condition(s); none means "no stop condition" and should stand alone.`,
        'remove the none entry',
      );
    }
  } else if (entries.length === 0) {
    // A warning, not an error: neither the API model (CreateExperimentTemplateStopConditionInputList)
    // nor the CloudFormation schema sets a minimum, and T03 requires the list, not an entry. But AWS
    // documents [{"source":"none"}] as the way to say "no stop condition"; [] says nothing.
    scope.ctx.warn(
      Code.NoStopCondition,
      at,
      `${at.label} is an empty list: nothing stops the experiment automatically if the system degrades more than expected, and the template does not say that is intended (AWS writes [{"source":"none"}] for that).`,
      {
        suggestion:
          'add {"source":"aws:cloudwatch:alarm","value":"<alarm ARN>"} watching a customer-facing metric, or write [{"source":"none"}] if there is deliberately none',
        ruleId: 'T03',
      },
    );
  } else if (unknown === 0) {
    scope.ctx.warn(
      Code.NoStopCondition,
      at,
      `${at.label} has no alarm: nothing stops the experiment automatically if the system degrades more than expected.`,
      {
        suggestion:
          'add {"source":"aws:cloudwatch:alarm","value":"<alarm ARN>"} watching a customer-facing metric',
      },
    );
  }
}

/** Checks one stop condition; returns its source when it is a valid one. */
function checkEntry(scope: TemplateScope, at: Location, entry: unknown): string | undefined {
  if (!expectKind(scope, at, entry, 'object', 'T04')) return undefined;
  const object = entry as RecordValue;
  const { source: sourceKey, value: valueKey } = scope.names;
  checkUnknownFields(scope, at, object, scope.fields.stopCondition);
  const sourceAt = child(at, sourceKey);
  if (!has(object, sourceKey)) {
    reportMissing(scope, sourceAt, 'T04', "'none' or 'aws:cloudwatch:alarm'");
    return undefined;
  }
  const source = readString(scope, sourceAt, own(object, sourceKey), 'T04');
  if (source === undefined || scope.ctx.hasPlaceholder(sourceAt)) return undefined;
  const valueAt = child(at, valueKey);
  if (source === 'none') {
    if (has(object, valueKey)) {
      scope.ctx.rule(
        'T05',
        Code.StopConditionNoneWithValue,
        valueAt,
        `${valueAt.label} is set on a none stop condition; FIS ignores it.`,
        'remove the value, or use source aws:cloudwatch:alarm',
      );
    }
    return source;
  }
  if (source !== 'aws:cloudwatch:alarm') {
    const suggestion = didYouMean(source, SOURCES) ?? "use 'none' or 'aws:cloudwatch:alarm'";
    scope.ctx.rule(
      'T04',
      Code.InvalidStopConditionSource,
      sourceAt,
      `${sourceAt.label} is ${quote(source)}; a stop condition source is 'none' or 'aws:cloudwatch:alarm'.`,
      suggestion,
    );
    return undefined;
  }
  if (!has(object, valueKey)) {
    reportMissing(
      scope,
      valueAt,
      'T04',
      'the CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)',
    );
    return source;
  }
  const value = readString(scope, valueAt, own(object, valueKey), 'T04');
  if (value === undefined || scope.ctx.hasPlaceholder(valueAt)) return source;
  if (!isAlarmArn(value)) {
    scope.ctx.rule(
      'T04',
      Code.InvalidAlarmArn,
      valueAt,
      `${valueAt.label}: ${quote(value)} is not a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>).`,
      /^[\w.\-/ ]{1,255}$/.test(value) && !value.startsWith('arn:')
        ? `use the alarm's ARN, e.g. arn:aws:cloudwatch:us-east-1:123456789012:alarm:${value}`
        : undefined,
    );
    return source;
  }
  checkArnRegion(scope, valueAt, value);
  return source;
}
