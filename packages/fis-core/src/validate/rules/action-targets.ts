import type { CatalogAction } from '../../catalog/types';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { expectKind } from '../read-value';
import type { ActionEntry, TargetEntry, TemplateModel } from '../template-model';
import { isRecord, own, quote, type RecordValue } from '../values';

/** What an action's targeting restrictions (catalog `targetingRestrictions`) demand of its targets (T29, T40). */
interface Restrictions {
  arnsOnly: boolean;
  singleArn: boolean;
  tagsOnly: boolean;
  sameAz: boolean;
}

const restrictionCache = new WeakMap<CatalogAction, Restrictions>();

function restrictionsOf(action: CatalogAction): Restrictions {
  let found = restrictionCache.get(action);
  if (!found) {
    const text = action.targetingRestrictions.join(' ');
    found = {
      arnsOnly: /must be (?:given by resourceArns|a single resource ARN)/i.test(text),
      singleArn: /single resource ARN/i.test(text),
      tagsOnly: /only be identified by resource tags/i.test(text),
      sameAz: /same Availability Zone/i.test(text),
    };
    restrictionCache.set(action, found);
  }
  return found;
}

function nonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return value !== undefined;
}

/** T29: identification methods an action rules out for its targets. */
function checkRestrictions(
  scope: TemplateScope,
  action: CatalogAction,
  target: TargetEntry,
  reported: Set<string>,
): void {
  const r = restrictionsOf(action);
  const n = scope.names;
  const report = (at: Location, code: Code, message: string, suggestion?: string) => {
    const id = `${code} ${at.path}`;
    if (reported.has(id)) return;
    reported.add(id);
    scope.ctx.rule('T29', code, at, message, suggestion);
  };
  const disallowed: string[] = [];
  if (r.arnsOnly) disallowed.push(n.resourceTags, n.filters, n.parameters);
  if (r.tagsOnly) disallowed.push(n.resourceArns, n.parameters);
  for (const key of disallowed) {
    if (!nonEmpty(own(target.object, key))) continue;
    const at = child(target.at, key);
    const how = r.arnsOnly ? (r.singleArn ? 'a single resourceArns entry' : 'resourceArns') : 'resourceTags';
    report(
      at,
      Code.TargetMethodNotAllowed,
      `${at.label}: targets of ${action.id} can only be selected by ${how}; ${key} is not supported.`,
      `remove ${key}`,
    );
  }
  const arns = own(target.object, n.resourceArns);
  if (r.singleArn && Array.isArray(arns) && arns.length > 1) {
    const at = child(target.at, n.resourceArns);
    report(
      at,
      Code.TooManyResourceArns,
      `${at.label} lists ${arns.length} ARNs; ${action.id} takes exactly one cluster ARN.`,
    );
  }
}

/** T40: the EBS volumes of pause-volume-io and volume-io-latency must all be in one Availability Zone. */
function checkSingleAz(
  scope: TemplateScope,
  action: CatalogAction,
  target: TargetEntry,
  reported: Set<string>,
) {
  if (!restrictionsOf(action).sameAz || target.type?.type !== 'aws:ec2:ebs-volume') return;
  const n = scope.names;
  if (reported.has(`az ${target.name}`)) return;
  reported.add(`az ${target.name}`);
  const parameters = own(target.object, n.parameters);
  if (isRecord(parameters) && typeof own(parameters, 'availabilityZoneIdentifier') === 'string') return;
  const arns = own(target.object, n.resourceArns);
  if (Array.isArray(arns) && arns.length === 1) return;
  const filters = own(target.object, n.filters);
  if (Array.isArray(filters)) {
    for (const [i, filter] of filters.entries()) {
      if (!isRecord(filter)) continue;
      const path = own(filter, n.filterPath);
      const values = own(filter, n.filterValues);
      if (typeof path !== 'string' || !/AvailabilityZone$/i.test(path) || !Array.isArray(values)) continue;
      if (values.length === 1) return;
      if (values.length > 1) {
        const at = child(child(child(target.at, n.filters), i), n.filterValues);
        scope.ctx.rule(
          'T40',
          Code.MultipleAvailabilityZones,
          at,
          `${at.label} allows ${values.length} Availability Zones; the volumes of ${action.id} must all be in one.`,
          'keep one Availability Zone',
        );
        return;
      }
    }
  }
  scope.ctx.warn(
    Code.AvailabilityZoneNotPinned,
    target.at,
    `${target.at.label}: ${action.id} needs all its volumes in one Availability Zone, and nothing here guarantees that.`,
    { suggestion: 'set parameters.availabilityZoneIdentifier (e.g. us-east-1a)', ruleId: 'T40' },
  );
}

/** T42: COUNT(n) above the action's resolved-target quota. */
function checkQuota(scope: TemplateScope, action: CatalogAction, target: TargetEntry, reported: Set<string>) {
  const limit = action.maxResolvedTargets;
  if (limit === undefined) return;
  const id = `quota ${target.name} ${action.id}`;
  if (reported.has(id)) return;
  reported.add(id);
  const at = child(target.at, scope.names.selectionMode);
  if (target.selection?.kind === 'COUNT' && target.selection.n > limit) {
    scope.ctx.rule(
      'T42',
      Code.TargetQuotaExceeded,
      at,
      `${at.label}: COUNT(${target.selection.n}) selects more than the ${limit} resources ${action.id} may act on by default; the experiment fails to start.`,
      `use COUNT(${limit}) or raise the quota`,
    );
  }
}

function checkReference(
  scope: TemplateScope,
  entry: ActionEntry,
  keyAt: Location,
  key: string,
  value: unknown,
  model: TemplateModel,
  reported: Set<string>,
): void {
  if (scope.allowIntrinsics && isIntrinsic(value)) return;
  if (!expectKind(scope, keyAt, value, 'string', 'T12')) return;
  if (scope.ctx.hasPlaceholder(keyAt)) return;
  const name = value as string;
  const target = model.targetsByName.get(name);
  if (!target && model.targetNames.has(name)) return; // defined, but broken: reported there
  if (!target) {
    const match = closestMatch(name, model.targetsByName.keys());
    // the misspelt reference is the error; the target it meant is not also "unused"
    if (match) model.targetsByName.get(match)?.usedBy.push(entry.name);
    const defined =
      model.targets.length > 0
        ? `defined targets: ${model.targets.map((t) => t.name).join(', ')}`
        : 'no targets are defined';
    scope.ctx.rule(
      'T12',
      Code.TargetNotFound,
      keyAt,
      `${keyAt.label}: there is no target ${quote(name)}; ${defined}.`,
      match ? `did you mean ${match}?` : 'define it under targets',
    );
    return;
  }
  target.usedBy.push(entry.name);
  const action = entry.action;
  if (!action) return;
  const expected = action.targets[key];
  if (expected && target.type && target.type.type !== expected) {
    scope.ctx.rule(
      'T13',
      Code.TargetTypeMismatch,
      keyAt,
      `${keyAt.label}: target ${name} is ${target.type.type}, but ${key} of ${action.id} takes ${expected}.`,
      `point ${key} at a target with resourceType ${expected}`,
    );
    return;
  }
  if (!target.type) return;
  checkRestrictions(scope, action, target, reported);
  checkSingleAz(scope, action, target, reported);
  checkQuota(scope, action, target, reported);
}

function checkActionTargets(
  scope: TemplateScope,
  entry: ActionEntry,
  model: TemplateModel,
  reported: Set<string>,
) {
  const key = scope.names.targets;
  const at = child(entry.at, key);
  const value = own(entry.object, key);
  let given: RecordValue = {};
  if (value !== undefined) {
    if (!expectKind(scope, at, value, 'map', 'T12')) return;
    given = value as RecordValue;
  }
  const action = entry.action;
  const expectedKeys = action ? Object.keys(action.targets) : [];
  let misspelt = false;
  for (const targetKey of Object.keys(given)) {
    const keyAt = child(at, targetKey);
    const referenced = own(given, targetKey);
    const markUsed = () => {
      if (typeof referenced === 'string') model.targetsByName.get(referenced)?.usedBy.push(entry.name);
    };
    if (action && expectedKeys.length === 0) {
      markUsed();
      scope.ctx.rule(
        'T14',
        Code.ActionTakesNoTargets,
        keyAt,
        `${keyAt.label}: ${action.id} has no resource type and takes no targets.`,
        'remove it (use an empty targets map)',
      );
      continue;
    }
    if (action && !expectedKeys.includes(targetKey)) {
      misspelt = true;
      markUsed();
      const match = closestMatch(targetKey, expectedKeys);
      const takes = expectedKeys.map((k) => `${k} (${action.targets[k]})`).join(', ');
      scope.ctx.rule(
        'T12',
        Code.TargetKeyNotSupported,
        keyAt,
        `${keyAt.label}: ${action.id} does not take target key ${JSON.stringify(targetKey)}; it takes ${takes}.`,
        match ? `did you mean ${match}?` : `use ${expectedKeys.join(' or ')}`,
      );
      continue;
    }
    checkReference(scope, entry, keyAt, targetKey, own(given, targetKey), model, reported);
  }
  if (!action || misspelt) return;
  for (const expectedKey of expectedKeys) {
    if (Object.hasOwn(given, expectedKey)) continue;
    const keyAt = child(at, expectedKey);
    const type = action.targets[expectedKey]!;
    const candidate = model.targets.find((t) => t.type?.type === type);
    scope.ctx.rule(
      'T15',
      Code.MissingActionTarget,
      keyAt,
      `${keyAt.label} is required: ${action.id} acts on ${type} resources through the target key ${expectedKey}.`,
      candidate
        ? `add "${expectedKey}": "${candidate.name}"`
        : `define a target with resourceType ${type} and reference it as ${expectedKey}`,
    );
  }
}

/**
 * T12–T15, T29, T30, T40, T42: each action's targets map uses the keys the action takes, names
 * targets that exist and are of the right resource type, and every target is used by some action.
 */
export function checkActionTargetReferences(scope: TemplateScope, model: TemplateModel): void {
  const reported = new Set<string>();
  for (const entry of model.actions) checkActionTargets(scope, entry, model, reported);
  for (const target of model.targets) {
    if (target.usedBy.length > 0) continue;
    scope.ctx.rule(
      'T30',
      Code.UnusedTarget,
      target.at,
      `${target.at.label} is not used by any action.`,
      'reference it from an action, or remove it',
    );
  }
}
