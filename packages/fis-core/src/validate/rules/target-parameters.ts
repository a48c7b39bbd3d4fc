import type { CatalogResourceType } from '../../catalog/types';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { checkLength, expectKind } from '../read-value';
import { describeValue, firstEntries, own, quote, type RecordValue } from '../values';
import { checkParameterValue } from './parameter-value';

/** Target parameter values, per the API model (T25); list parameters also allow commas between items. */
const TARGET_PARAMETER_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;

/** The rule behind a resource type's parameters: T27 for EKS pods, T28 for ElastiCache, T25 otherwise. */
function ruleFor(type: string): string {
  if (type === 'aws:eks:pod') return 'T27';
  if (type.startsWith('aws:elasticache:')) return 'T28';
  if (type === 'aws:ec2:subnet') return 'T41';
  return 'T25';
}

/**
 * T25, T27, T28, T41: target parameters exist only for resource types that define them; each must
 * be one of the type's parameters with a valid value; required ones must be present.
 * Returns the number of parameters given.
 */
export function checkTargetParameters(
  scope: TemplateScope,
  targetAt: Location,
  target: RecordValue,
  type: CatalogResourceType,
): number {
  const key = scope.names.parameters;
  const at = child(targetAt, key);
  const value = own(target, key);
  const known = scope.ctx.index.resourceTypeParameters.get(type.type) ?? new Map();
  const ruleId = ruleFor(type.type);
  let given: RecordValue = {};
  if (value !== undefined) {
    if (!expectKind(scope, at, value, 'map', 'T25'))
      return scope.allowIntrinsics && isIntrinsic(value) ? 1 : 0;
    given = value as RecordValue;
  }
  const names = Object.keys(given);
  /** Required parameters a misspelt name probably meant: reported once, as the misspelling. */
  const meant = new Set<string>();
  if (names.length > 0 && known.size === 0) {
    scope.ctx.rule(
      'T25',
      Code.TargetParametersNotSupported,
      at,
      `${at.label}: ${type.type} targets take no parameters; select them with resourceArns, resourceTags or filters.`,
      'remove the parameters',
    );
    return names.length;
  }
  for (const name of firstEntries(names)) {
    const paramAt = child(at, name);
    const param = known.get(name);
    if (!param) {
      const match = closestMatch(name, known.keys());
      if (match) meant.add(match);
      scope.ctx.rule(
        'T25',
        Code.UnknownParameter,
        paramAt,
        `${at.label}: ${type.type} targets have no parameter ${JSON.stringify(name)}; they take ${[...known.keys()].join(', ')}.`,
        match ? `did you mean ${match}?` : undefined,
      );
      continue;
    }
    const raw = own(given, name);
    if (scope.allowIntrinsics && isIntrinsic(raw)) continue;
    if (typeof raw !== 'string') {
      scope.ctx.rule(
        'T25',
        Code.ParameterNotString,
        paramAt,
        `${paramAt.label} is ${describeValue(raw)}; target parameter values are strings.`,
      );
      continue;
    }
    if (scope.ctx.hasPlaceholder(paramAt)) continue;
    if (!checkLength(scope, paramAt, raw, 1, 1024, 'T25')) continue;
    if (type.type === 'aws:ec2:subnet' && name === 'vpc' && /[,\s]/.test(raw.trim())) {
      scope.ctx.rule(
        'T41',
        Code.InvalidParameterValue,
        paramAt,
        `${paramAt.label}: ${quote(raw)} names several VPCs; at most one VPC per account is allowed.`,
      );
      continue;
    }
    const list = param.type === 'string-list' || param.type === 'enum-list';
    const items = list ? raw.split(',') : [raw];
    if (items.some((item) => !TARGET_PARAMETER_VALUE.test(item))) {
      scope.ctx.rule(
        'T25',
        Code.InvalidParameterValue,
        paramAt,
        `${paramAt.label}: ${quote(raw)} has characters target parameters do not allow (letters, digits, spaces and _.:/=+-@ only${list ? ', commas between items' : ''}).`,
      );
      continue;
    }
    checkParameterValue(scope, paramAt, raw, param, {
      id: type.type,
      ruleId: param.type === 'enum' ? ruleId : undefined,
    });
  }
  for (const param of known.values()) {
    if (param.required !== true || names.includes(param.name) || meant.has(param.name)) continue;
    const paramAt = child(at, param.name);
    scope.ctx.rule(
      ruleId,
      Code.MissingRequiredParameter,
      paramAt,
      `${paramAt.label} is required for ${type.type} targets: ${param.description.replace(/\.$/, '')}.`,
    );
  }
  return names.length;
}
