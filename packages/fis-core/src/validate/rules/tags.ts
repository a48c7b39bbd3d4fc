import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { checkLength, expectKind, readString, reportMissing } from '../read-value';
import { has, isRecord, own, type RecordValue } from '../values';

/**
 * Checks a tag map (template tags, T32, or a target's resourceTags, T23): a map of at most `limit`
 * entries, keys 1–128 characters, values strings of at most 256.
 */
export function checkTagMap(
  scope: TemplateScope,
  at: Location,
  value: unknown,
  ruleId: string,
  limit: number,
): RecordValue | undefined {
  if (
    Array.isArray(value) &&
    value.every((item) => isRecord(item) && (has(item, 'Key') || has(item, 'key')))
  ) {
    scope.ctx.rule(
      ruleId,
      Code.InvalidType,
      at,
      `${at.label} is a list of Key/Value pairs; FIS takes tags as a map of key to value.`,
      'write it as { "key": "value", … }',
    );
    return undefined;
  }
  if (!expectKind(scope, at, value, 'map', ruleId)) return undefined;
  const tags = value as RecordValue;
  const keys = Object.keys(tags);
  if (keys.length > limit) {
    scope.ctx.rule(
      ruleId,
      Code.TooManyTags,
      at,
      `${at.label} has ${keys.length} entries; at most ${limit} are allowed.`,
    );
    return tags;
  }
  for (const key of keys) {
    const entryAt = child(at, key);
    if (key.length === 0 || key.length > 128) {
      scope.ctx.rule(
        ruleId,
        key.length === 0 ? Code.ValueTooShort : Code.ValueTooLong,
        entryAt,
        `${at.label} has a key of ${key.length} characters; tag keys are 1-128 characters.`,
      );
    }
    const tagValue = own(tags, key);
    if (scope.allowIntrinsics && isIntrinsic(tagValue)) continue;
    const text = readString(scope, entryAt, tagValue, ruleId);
    if (text !== undefined) checkLength(scope, entryAt, text, 0, 256, ruleId);
  }
  return tags;
}

/** T32: template tags; required in CloudFormation. */
export function checkTemplateTags(scope: TemplateScope, template: RecordValue): void {
  const key = scope.names.tags;
  const at = child(scope.root, key);
  if (!has(template, key)) {
    if (scope.shape !== 'api')
      reportMissing(scope, at, 'T32', 'AWS::FIS::ExperimentTemplate requires Tags (a map, may be empty)');
    return;
  }
  checkTagMap(scope, at, own(template, key), 'T32', scope.ctx.index.limits.tagsPerTemplate);
}
