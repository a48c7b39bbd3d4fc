import type { CatalogAction } from '../../catalog/types';
import { parseIsoDuration } from '../../duration';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { checkLength, expectKind } from '../read-value';
import { describeValue, firstEntries, isRecord, own, type RecordValue } from '../values';
import { checkParameterValue, type ParameterOwner } from './parameter-value';
import { checkSsmDocumentParameters } from './ssm-document';

/** The rule that governs an action's parameters, when a specific one does (T38, T39). */
function ruleFor(actionId: string): string | undefined {
  if (actionId === 'aws:network:disrupt-connectivity') return 'T38';
  if (actionId === 'aws:cloudwatch:assert-alarm-state') return 'T39';
  return undefined;
}

/** `required when scope=prefix-list` in a parameter description → ['scope', 'prefix-list']. */
function condition(description: string): [string, string] | undefined {
  const match = /required when (\w+)\s*=\s*([\w.:-]+)/i.exec(description);
  return match ? [match[1]!, match[2]!.replace(/[.:]+$/, '')] : undefined;
}

function notStringSuggestion(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return `write it as "${String(value)}"`;
  if (isRecord(value) || Array.isArray(value)) {
    const json = JSON.stringify(value);
    return json.length <= 120
      ? `write it as a JSON string: ${JSON.stringify(json)}`
      : 'write it as a JSON string';
  }
  return undefined;
}

/**
 * T10, T11, T31, T38, T39: the parameters of a known action. Every required parameter present
 * (and conditional ones when their condition holds), no parameter the action does not define,
 * values strings of the right form and range. Returns how long the action runs, in seconds.
 */
export function checkActionParameters(
  scope: TemplateScope,
  actionAt: Location,
  actionObject: RecordValue,
  action: CatalogAction,
): { parameters: RecordValue | undefined; seconds: number } {
  const key = scope.names.parameters;
  const at = child(actionAt, key);
  const value = own(actionObject, key);
  let given: RecordValue = {};
  if (value !== undefined) {
    if (!expectKind(scope, at, value, 'map', 'T10')) return { parameters: undefined, seconds: 0 };
    given = value as RecordValue;
  }
  const known = scope.ctx.index.actionParameters.get(action.id) ?? new Map();
  const owner: ParameterOwner = { id: action.id, ruleId: ruleFor(action.id) };
  const names = Object.keys(given);
  const meant = new Set<string>();
  const strings = new Map<string, string>();
  for (const name of firstEntries(names)) {
    const paramAt = child(at, name);
    const param = known.get(name);
    if (!param) {
      if (scope.ctx.index.undocumentedParameters.get(action.id)?.has(name)) {
        scope.ctx.warn(
          Code.UndocumentedParameter,
          paramAt,
          `${paramAt.label}: the actions reference does not list ${JSON.stringify(name)} for ${action.id}, although AWS's own examples pass it.`,
          { suggestion: 'keep it only if ListActions/GetAction in your region shows it' },
        );
        continue;
      }
      const match = closestMatch(name, known.keys());
      if (match) meant.add(match);
      const takes = known.size > 0 ? `it takes ${[...known.keys()].join(', ')}` : 'it takes no parameters';
      scope.ctx.rule(
        'T11',
        Code.UnknownParameter,
        paramAt,
        `${paramAt.label}: ${action.id} has no parameter ${JSON.stringify(name)}; ${takes}.`,
        match ? `did you mean ${match}?` : `remove ${name}`,
      );
      continue;
    }
    if (name.length > 64) checkLength(scope, paramAt, name, 1, 64, 'T10');
    const raw = own(given, name);
    if (scope.allowIntrinsics && isIntrinsic(raw)) continue;
    if (typeof raw !== 'string') {
      scope.ctx.rule(
        'T10',
        Code.ParameterNotString,
        paramAt,
        `${paramAt.label} is ${describeValue(raw)}; FIS action parameters are strings (numbers, booleans and JSON are written as strings).`,
        notStringSuggestion(raw),
      );
      continue;
    }
    strings.set(name, raw);
    if (scope.ctx.hasPlaceholder(paramAt)) continue;
    if (!checkLength(scope, paramAt, raw, 0, 1024, 'T10')) continue;
    checkParameterValue(scope, paramAt, raw, param, owner);
  }
  for (const param of known.values()) {
    if (names.includes(param.name) || meant.has(param.name)) continue;
    const paramAt = child(at, param.name);
    if (param.required === true) {
      scope.ctx.rule(
        'T11',
        Code.MissingRequiredParameter,
        paramAt,
        `${paramAt.label} is required by ${action.id}: ${param.description.replace(/\.$/, '')}${param.type === 'ISO8601-duration' ? ' (ISO 8601, e.g. PT5M)' : ''}.`,
        param.allowed?.length ? `set it to one of ${param.allowed.join(', ')}` : undefined,
      );
    } else if (param.required === 'conditional') {
      const when = condition(param.description);
      if (when && strings.get(when[0]) === when[1]) {
        scope.ctx.rule(
          owner.ruleId ?? 'T11',
          Code.MissingRequiredParameter,
          paramAt,
          `${paramAt.label} is required by ${action.id} when ${when[0]} is ${when[1]}: ${param.description.replace(/\.$/, '')}.`,
        );
      }
    }
  }
  if (action.id === 'aws:ssm:send-command') checkSsmDocumentParameters(scope, at, given);
  return { parameters: given, seconds: actionSeconds(scope, action, strings) };
}

/** How long an action runs: its duration parameter, capped at the parameter's maximum; 0 when it has none. */
function actionSeconds(scope: TemplateScope, action: CatalogAction, values: Map<string, string>): number {
  const name = scope.ctx.index.durationParameter.get(action.id);
  if (!name) return 0;
  const text = values.get(name);
  const seconds = text === undefined ? null : parseIsoDuration(text);
  if (seconds === null) return 0;
  const cap = scope.ctx.index.limits.maxActionSeconds;
  const max = scope.ctx.index.actionParameters.get(action.id)?.get(name)?.maxSeconds ?? cap;
  return Math.max(0, Math.min(seconds, max, cap));
}
