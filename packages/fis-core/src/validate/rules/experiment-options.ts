import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { didYouMean } from '../did-you-mean';
import { child } from '../json-pointer';
import { checkUnknownFields, expectKind, readString } from '../read-value';
import { has, own, quote, type RecordValue } from '../values';

const ACCOUNT_TARGETING = ['single-account', 'multi-account'];
const EMPTY_TARGET_RESOLUTION = ['fail', 'skip'];

/**
 * T34, T35: experimentOptions.accountTargeting is single-account or multi-account (the latter needs
 * target account configurations, made separately); emptyTargetResolutionMode is fail or skip.
 */
export function checkExperimentOptions(scope: TemplateScope, template: RecordValue): void {
  const n = scope.names;
  if (!has(template, n.experimentOptions)) return;
  const at = child(scope.root, n.experimentOptions);
  const value = own(template, n.experimentOptions);
  if (!expectKind(scope, at, value, 'object', 'T34')) return;
  const options = value as RecordValue;
  checkUnknownFields(scope, at, options, scope.fields.experimentOptions);
  for (const [key, allowed, ruleId] of [
    [n.accountTargeting, ACCOUNT_TARGETING, 'T34'],
    [n.emptyTargetResolutionMode, EMPTY_TARGET_RESOLUTION, 'T35'],
  ] as const) {
    if (!has(options, key)) continue;
    const fieldAt = child(at, key);
    const text = readString(scope, fieldAt, own(options, key), ruleId);
    if (text === undefined || scope.ctx.hasPlaceholder(fieldAt)) continue;
    if (!allowed.includes(text)) {
      scope.ctx.rule(
        ruleId,
        Code.InvalidEnumValue,
        fieldAt,
        `${fieldAt.label}: ${quote(text)} is not allowed; use ${allowed.join(' or ')}.`,
        didYouMean(text, allowed) ?? `use ${allowed[0]} (the default)`,
      );
    } else if (text === 'multi-account') {
      scope.ctx.warn(
        Code.MultiAccountTargeting,
        fieldAt,
        `${fieldAt.label} is multi-account: the template needs target account configurations (at most 10), created separately with CreateTargetAccountConfiguration; this cannot be changed after creation.`,
        { ruleId: 'T34' },
      );
    }
  }
}
