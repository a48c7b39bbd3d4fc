import type { CatalogParameter } from '../../catalog/types';
import { formatIsoDuration, isExactIsoDuration, parseIsoDuration } from '../../duration';
import { isAlarmArn, parseArn } from '../arn';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import type { Location } from '../json-pointer';
import { quote } from '../values';
import { checkArnRegion } from './region';

/** Where a parameter belongs: an action id or a resource type, and the rule that governs it (if any). */
export interface ParameterOwner {
  /** `aws:ec2:stop-instances` or `aws:eks:pod`. */
  id: string;
  /** Rule id for issues about this parameter, when a specific rule applies (T27, T38, T39, T41). */
  ruleId?: string;
}

/** `5m`, `5 minutes`, `300s`, `2 hours` → PT5M, PT5M, PT300S, PT2H. */
function suggestDuration(text: string): string | undefined {
  const match = /^\s*(\d{1,6})\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 's').charAt(0).toUpperCase();
  return `use PT${Number(match[1])}${unit}${match[2] === undefined ? ' if you meant seconds' : ''}`;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}-${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max}`;
}

/** Checks a duration parameter against its own range and the action-duration quota (T31). */
function checkDuration(
  scope: TemplateScope,
  at: Location,
  text: string,
  param: CatalogParameter,
  owner: ParameterOwner,
) {
  const seconds = parseIsoDuration(text);
  if (seconds === null) {
    scope.ctx.rule(
      'T31',
      Code.InvalidDuration,
      at,
      `${at.label}: ${quote(text)} is not an ISO 8601 duration; write it like PT30S, PT5M or PT1H30M.`,
      suggestDuration(text),
    );
    return;
  }
  if (!isExactIsoDuration(text)) {
    // FIS documents durations only in their exact form (PT5M); a lower-case or padded value is
    // not one, whatever a lenient reader makes of it. T31 decides the severity.
    const exact = text.trim().toUpperCase();
    scope.ctx.rule(
      'T31',
      Code.InvalidDuration,
      at,
      `${at.label}: ${quote(text)} is not written as FIS expects an ISO 8601 duration (upper-case designators, no spaces); write ${exact}.`,
      `use ${exact}`,
    );
    return;
  }
  const cap = scope.ctx.index.limits.maxActionSeconds;
  const max = Math.min(param.maxSeconds ?? cap, cap);
  const min = param.minSeconds ?? 0;
  const span = `${formatIsoDuration(min)}–${formatIsoDuration(max)}`;
  if (seconds > max) {
    const hours = max === cap ? `${cap / 3600}-hour ` : '';
    scope.ctx.rule(
      'T31',
      Code.DurationOutOfRange,
      at,
      `${at.label}: ${text} is longer than the ${hours}maximum of ${owner.id} (${span}); use at most ${formatIsoDuration(max)}.`,
      `use at most ${formatIsoDuration(max)}`,
    );
  } else if (seconds < min || seconds <= 0) {
    scope.ctx.rule(
      'T31',
      Code.DurationOutOfRange,
      at,
      `${at.label}: ${text} is shorter than the minimum of ${owner.id} (${span}); use at least ${formatIsoDuration(Math.max(min, 1))}.`,
      `use at least ${formatIsoDuration(Math.max(min, 1))}`,
    );
  }
}

function report(
  scope: TemplateScope,
  owner: ParameterOwner,
  code: Code,
  at: Location,
  message: string,
  suggestion?: string,
): void {
  if (owner.ruleId) scope.ctx.rule(owner.ruleId, code, at, message, suggestion);
  else scope.ctx.error(code, at, message, suggestion ? { suggestion } : {});
}

function checkNumber(
  scope: TemplateScope,
  at: Location,
  text: string,
  param: CatalogParameter,
  owner: ParameterOwner,
  integer: boolean,
): void {
  const form = integer ? /^[+-]?\d{1,15}$/ : /^[+-]?(?:\d{1,15}(?:\.\d*)?|\.\d+)$/;
  if (!form.test(text)) {
    const asNumber = Number(text.trim());
    const suggestion =
      integer && text.trim() !== '' && Number.isFinite(asNumber)
        ? `use "${Math.round(asNumber)}"`
        : undefined;
    report(
      scope,
      owner,
      Code.InvalidParameterValue,
      at,
      `${at.label}: ${quote(text)} is not ${integer ? 'an integer' : 'a number'} (written as a string, e.g. "50").`,
      suggestion,
    );
    return;
  }
  const value = Number(text);
  if ((param.min !== undefined && value < param.min) || (param.max !== undefined && value > param.max)) {
    report(
      scope,
      owner,
      Code.ParameterOutOfRange,
      at,
      `${at.label}: ${text} is out of range for ${owner.id}; allowed: ${range(param.min, param.max)}.`,
      `use a value within ${range(param.min, param.max)}`,
    );
  }
}

function enumSuggestion(value: string, allowed: readonly string[]): string {
  const match = closestMatch(value, allowed);
  return match ? `did you mean ${match}?` : `use one of ${allowed.join(', ')}`;
}

function checkList(
  scope: TemplateScope,
  at: Location,
  text: string,
  param: CatalogParameter,
  owner: ParameterOwner,
): void {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    report(
      scope,
      owner,
      Code.InvalidParameterValue,
      at,
      `${at.label}: ${quote(text)} has an empty item; write a comma-separated list without empty entries.`,
    );
    return;
  }
  if (param.maxItems !== undefined && items.length > param.maxItems) {
    report(
      scope,
      owner,
      Code.TooManyItems,
      at,
      `${at.label} lists ${items.length} items; ${owner.id} takes at most ${param.maxItems}.`,
    );
    return;
  }
  if (param.type === 'enum-list' && param.allowed) {
    const bad = items.find((item) => !param.allowed!.includes(item));
    if (bad !== undefined) {
      report(
        scope,
        owner,
        Code.InvalidEnumValue,
        at,
        `${at.label}: ${quote(bad)} is not allowed; each item must be one of ${param.allowed.join(', ')}.`,
        enumSuggestion(bad, param.allowed),
      );
    }
    return;
  }
  if (/Arns$/.test(param.name)) {
    const alarms = /alarm/i.test(param.name);
    const bad = items.find((item) => (alarms ? !isAlarmArn(item) : !parseArn(item)));
    if (bad !== undefined) {
      report(
        scope,
        owner,
        alarms ? Code.InvalidAlarmArn : Code.InvalidParameterValue,
        at,
        `${at.label}: ${quote(bad)} is not ${alarms ? 'a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)' : 'an ARN'}.`,
      );
    }
  }
}

function checkJson(scope: TemplateScope, at: Location, text: string, owner: ParameterOwner): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'parse error';
    report(
      scope,
      owner,
      Code.InvalidJson,
      at,
      `${at.label} must be a JSON object written as a string, but it is not valid JSON (${reason}).`,
      'write it as "{\\"Name\\": \\"value\\"}" with the inner quotes escaped',
    );
    return;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    report(
      scope,
      owner,
      Code.InvalidJson,
      at,
      `${at.label} must be a JSON object written as a string; it parses to ${Array.isArray(parsed) ? 'a list' : typeof parsed}.`,
    );
  }
}

function checkArnParameter(
  scope: TemplateScope,
  at: Location,
  text: string,
  param: CatalogParameter,
  owner: ParameterOwner,
) {
  const arn = parseArn(text);
  if (!arn) {
    report(scope, owner, Code.InvalidParameterValue, at, `${at.label}: ${quote(text)} is not an ARN.`);
    return;
  }
  if (param.name === 'documentArn' && (arn.service !== 'ssm' || !arn.resource.startsWith('document/'))) {
    report(
      scope,
      owner,
      Code.InvalidParameterValue,
      at,
      `${at.label}: ${quote(text)} is not an SSM document ARN (arn:aws:ssm:<region>:<account>:document/<name>).`,
    );
    return;
  }
  checkArnRegion(scope, at, text);
}

/**
 * Checks one parameter value (a string) against what the catalog says about the parameter: its
 * type (integer, number, boolean, enum, lists, JSON, ARN, ISO 8601 duration) and its range.
 */
export function checkParameterValue(
  scope: TemplateScope,
  at: Location,
  text: string,
  param: CatalogParameter,
  owner: ParameterOwner,
): void {
  switch (param.type) {
    case 'ISO8601-duration':
      checkDuration(scope, at, text, param, owner);
      return;
    case 'integer-string':
      checkNumber(scope, at, text, param, owner, true);
      return;
    case 'number-string':
      checkNumber(scope, at, text, param, owner, false);
      return;
    case 'boolean-string':
      if (!/^(true|false)$/i.test(text)) {
        report(
          scope,
          owner,
          Code.InvalidParameterValue,
          at,
          `${at.label}: ${quote(text)} is not "true" or "false".`,
        );
      }
      return;
    case 'enum':
      if (param.allowed && param.allowed.length > 0 && !param.allowed.includes(text)) {
        report(
          scope,
          owner,
          Code.InvalidEnumValue,
          at,
          `${at.label}: ${quote(text)} is not allowed for ${owner.id}; use one of ${param.allowed.join(', ')}.`,
          enumSuggestion(text, param.allowed),
        );
      }
      return;
    case 'enum-list':
    case 'string-list':
      checkList(scope, at, text, param, owner);
      return;
    case 'json-string':
      checkJson(scope, at, text, owner);
      return;
    case 'arn':
      checkArnParameter(scope, at, text, param, owner);
      return;
    default:
      return;
  }
}
