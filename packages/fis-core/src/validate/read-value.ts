import { ValidationIssueCode as Code } from './codes';
import type { TemplateScope } from './context';
import { closestMatch } from './did-you-mean';
import { isIntrinsic } from './intrinsic';
import { child, type Location } from './json-pointer';
import { describeValue, firstEntries, isRecord, type RecordValue } from './values';

/** The JSON types fields are checked against. */
export type ValueKind = 'string' | 'map' | 'list' | 'integer' | 'object';

const KIND_TEXT: Record<ValueKind, string> = {
  string: 'a string',
  map: 'a map of names to values',
  list: 'a list',
  integer: 'an integer',
  object: 'an object',
};

function matches(value: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'map':
    case 'object':
      return isRecord(value);
    case 'list':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
  }
}

/**
 * True when `value` is of `kind` and its content should be checked. A CloudFormation intrinsic
 * (in the CloudFormation shapes) is accepted without an issue but returns false: its content is
 * only known at deploy time. Any other mismatch is reported as INVALID_TYPE.
 */
export function expectKind(
  scope: TemplateScope,
  at: Location,
  value: unknown,
  kind: ValueKind,
  ruleId?: string,
  hint?: string,
): boolean {
  if (matches(value, kind)) return true;
  if (scope.allowIntrinsics && isIntrinsic(value)) return false;
  const message = `${at.label || 'the template'} is ${describeValue(value)}; expected ${KIND_TEXT[kind]}${hint ? ` (${hint})` : ''}.`;
  scope.ctx.error(Code.InvalidType, at, message, ruleId ? { ruleId } : {});
  return false;
}

/** The string at `at`, or `undefined` (after reporting a wrong type) when it is not one. */
export function readString(
  scope: TemplateScope,
  at: Location,
  value: unknown,
  ruleId?: string,
): string | undefined {
  return expectKind(scope, at, value, 'string', ruleId) ? (value as string) : undefined;
}

/** Reports a missing required field; the path points where the field should be. */
export function reportMissing(scope: TemplateScope, at: Location, ruleId: string, what: string): void {
  if (scope.ctx.misspeltPaths.has(at.path)) return;
  scope.ctx.rule(ruleId, Code.MissingRequiredField, at, `${at.label} is required: ${what}.`);
}

/**
 * Checks a string's length: VALUE_TOO_SHORT / VALUE_TOO_LONG under the given rule. Returns false
 * when the length is wrong.
 */
export function checkLength(
  scope: TemplateScope,
  at: Location,
  text: string,
  min: number,
  max: number,
  ruleId: string,
): boolean {
  if (text.length < min) {
    const message =
      text.length === 0
        ? `${at.label} is empty; it needs at least ${min} character${min === 1 ? '' : 's'}.`
        : `${at.label} has ${text.length} characters; it needs at least ${min}.`;
    scope.ctx.rule(ruleId, Code.ValueTooShort, at, message);
    return false;
  }
  if (text.length > max) {
    scope.ctx.rule(
      ruleId,
      Code.ValueTooLong,
      at,
      `${at.label} has ${text.length} characters; at most ${max} are allowed.`,
      `shorten it to ${max} characters or fewer`,
    );
    return false;
  }
  return true;
}

/**
 * Flags fields of `object` that are not in `allowed` (UNKNOWN_FIELD, with did-you-mean), and
 * read-only fields as warnings.
 */
export function checkUnknownFields(
  scope: TemplateScope,
  at: Location,
  object: RecordValue,
  allowed: readonly string[],
  readOnly: readonly string[] = [],
): void {
  for (const key of firstEntries(Object.keys(object))) {
    if (allowed.includes(key)) continue;
    const fieldAt = child(at, key);
    if (readOnly.includes(key)) {
      scope.ctx.warn(
        Code.ReadOnlyField,
        fieldAt,
        `${fieldAt.label} is a read-only field of GetExperimentTemplate output; CreateExperimentTemplate does not take it.`,
        { suggestion: `remove ${key}` },
      );
      continue;
    }
    const where = at.label ? `${at.label} ` : 'The template ';
    const match = closestMatch(key, allowed);
    if (match !== undefined && !Object.hasOwn(object, match))
      scope.ctx.misspeltPaths.add(child(at, match).path);
    scope.ctx.error(
      Code.UnknownField,
      fieldAt,
      `${where}has no field ${JSON.stringify(key)}; its fields are ${allowed.join(', ')}.`,
      match ? { suggestion: `did you mean ${match}?` } : {},
    );
  }
}
