import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { didYouMean } from '../did-you-mean';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { checkLength, checkUnknownFields, expectKind, readString, reportMissing } from '../read-value';
import { readSelectionMode } from '../selection-mode';
import type { TargetEntry } from '../template-model';
import { firstEntries, has, isRecord, listOr, own, quote, type RecordValue } from '../values';
import { checkFilters } from './filters';
import { checkName } from './names';
import { productionHint } from './production';
import { checkArnRegion } from './region';
import { checkTagMap } from './tags';
import { checkTargetParameters } from './target-parameters';

/** True when a resource type's identification note rules out resourceArns and resourceTags (aws:eks:pod, T27). */
function parametersOnly(identification: string, type: string): boolean {
  return type === 'aws:eks:pod' || /resourceArns and resourceTags are not allowed/i.test(identification);
}

function nonEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return value !== undefined && value !== null;
}

function checkResourceType(
  scope: TemplateScope,
  at: Location,
  target: RecordValue,
  entry: TargetEntry,
): void {
  const key = scope.names.resourceType;
  const typeAt = child(at, key);
  if (!has(target, key)) {
    reportMissing(scope, typeAt, 'T19', 'the FIS resource type, e.g. aws:ec2:instance');
    return;
  }
  const text = readString(scope, typeAt, own(target, key), 'T19');
  if (text === undefined || scope.ctx.hasPlaceholder(typeAt)) return;
  entry.resourceType = text;
  const type = scope.ctx.index.catalog.resourceType(text);
  if (!type) {
    scope.ctx.invalidResourceTypes.add(text);
    const suggestion = didYouMean(text, scope.ctx.index.resourceTypeNames);
    scope.ctx.rule(
      'T19',
      Code.UnknownResourceType,
      typeAt,
      `${typeAt.label}: ${quote(text)} is not a FIS resource type${/^aws:[a-z0-9-]+:[a-z0-9-]+$/.test(text) ? '' : ' (expected aws:<service>:<type>)'}.`,
      suggestion,
    );
    return;
  }
  entry.type = type;
  if (type.deprecated) {
    const replacement = scope.ctx.index.resourceTypeNames.find(
      (name) =>
        name !== type.type &&
        !scope.ctx.index.catalog.resourceType(name)?.deprecated &&
        type.targetKeys.some((k) => scope.ctx.index.catalog.resourceType(name)?.targetKeys.includes(k)),
    );
    scope.ctx.warn(
      Code.DeprecatedResourceType,
      typeAt,
      `${typeAt.label}: ${type.type} is a retired resource type.`,
      {
        ...(replacement ? { suggestion: `use ${replacement}` } : {}),
      },
    );
  }
}

function checkSelectionMode(
  scope: TemplateScope,
  at: Location,
  target: RecordValue,
  entry: TargetEntry,
): void {
  const key = scope.names.selectionMode;
  const modeAt = child(at, key);
  if (!has(target, key)) {
    reportMissing(scope, modeAt, 'T19', 'ALL, COUNT(n) or PERCENT(n)');
    return;
  }
  const text = readString(scope, modeAt, own(target, key), 'T20');
  if (text === undefined || scope.ctx.hasPlaceholder(modeAt)) return;
  const reading = readSelectionMode(text);
  if (!reading.ok) {
    scope.ctx.rule(
      'T20',
      Code.InvalidSelectionMode,
      modeAt,
      `${modeAt.label}: ${quote(text)}: ${reading.problem}.`,
      reading.suggestion,
    );
    return;
  }
  entry.selection = reading.mode;
}

function checkResourceArns(scope: TemplateScope, at: Location, value: unknown, entry: TargetEntry): void {
  if (!expectKind(scope, at, value, 'list', 'T22')) return;
  const arns = value as unknown[];
  const limit = scope.ctx.index.limits.resourceArnsPerTarget;
  if (arns.length > limit) {
    scope.ctx.rule(
      'T22',
      Code.TooManyResourceArns,
      at,
      `${at.label} lists ${arns.length} ARNs; a target takes at most ${limit}.`,
      'split them over several targets, or select by resourceTags',
    );
  }
  const pattern = entry.type ? scope.ctx.index.arnPatterns.get(entry.type.type) : undefined;
  firstEntries(arns).forEach((item, i) => {
    const itemAt = child(at, i);
    if (scope.allowIntrinsics && isIntrinsic(item)) return;
    const text = readString(scope, itemAt, item, 'T22');
    if (text === undefined || scope.ctx.hasPlaceholder(itemAt)) return;
    if (!checkLength(scope, itemAt, text, 20, 2048, 'T22')) return;
    if (pattern && entry.type && !pattern.test(text)) {
      const other = [...scope.ctx.index.arnPatterns].find(([, p]) => p.test(text))?.[0];
      scope.ctx.rule(
        'T22',
        Code.InvalidResourceArn,
        itemAt,
        `${itemAt.label}: ${quote(text)} is not an ${entry.type.type} ARN (${entry.type.arnFormat?.replace(/\s*\(.*\)$/, '') ?? 'see the resource type'}).`,
        other ? `it looks like an ${other} ARN; use a target of that type` : undefined,
      );
      return;
    }
    if (!pattern && !/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(text)) {
      scope.ctx.rule(
        'T22',
        Code.InvalidResourceArn,
        itemAt,
        `${itemAt.label}: ${quote(text)} is not an ARN.`,
      );
      return;
    }
    checkArnRegion(scope, itemAt, text);
  });
}

/** Checks one target definition (T07, T19–T28, T41) and the ALL-on-production warning. */
function checkTarget(
  scope: TemplateScope,
  at: Location,
  name: string,
  value: unknown,
): TargetEntry | undefined {
  checkName(scope, at, name, 'target');
  if (!expectKind(scope, at, value, 'object', 'T19')) return undefined;
  const target = value as RecordValue;
  const n = scope.names;
  const entry: TargetEntry = { name, at, object: target, usedBy: [] };
  checkUnknownFields(scope, at, target, scope.fields.target);
  checkResourceType(scope, at, target, entry);
  checkSelectionMode(scope, at, target, entry);
  const arns = own(target, n.resourceArns);
  const tags = own(target, n.resourceTags);
  const filters = own(target, n.filters);
  const type = entry.type;
  const onlyParameters = type ? parametersOnly(type.identification, type.type) : false;
  for (const [key, present] of [
    [n.resourceArns, arns],
    [n.resourceTags, tags],
  ] as const) {
    if (onlyParameters && present !== undefined && type) {
      const fieldAt = child(at, key);
      scope.ctx.rule(
        'T27',
        Code.TargetMethodNotAllowed,
        fieldAt,
        `${fieldAt.label}: ${type.type} targets cannot use ${key}; select pods with parameters clusterIdentifier, namespace, selectorType and selectorValue.`,
        `remove ${key}`,
      );
    }
  }
  if (arns !== undefined && !onlyParameters) checkResourceArns(scope, child(at, n.resourceArns), arns, entry);
  if (tags !== undefined && !onlyParameters) {
    checkTagMap(scope, child(at, n.resourceTags), tags, 'T23', scope.ctx.index.limits.resourceTagsPerTarget);
  }
  if (nonEmpty(arns) && nonEmpty(tags) && !onlyParameters) {
    const tagsAt = child(at, n.resourceTags);
    scope.ctx.rule(
      'T21',
      Code.ResourceArnsWithTags,
      tagsAt,
      `${at.label} sets both resourceArns and resourceTags; a target is selected by one or the other.`,
      'remove resourceTags (or resourceArns)',
    );
  }
  if (nonEmpty(arns) && nonEmpty(filters) && !onlyParameters) {
    const filtersAt = child(at, n.filters);
    scope.ctx.rule(
      'T21',
      Code.ResourceArnsWithFilters,
      filtersAt,
      `${at.label} sets both resourceArns and filters; filters refine a tag-based selection, not a list of ARNs.`,
      'remove filters (or select by resourceTags)',
    );
  } else if (filters !== undefined) {
    checkFilters(scope, child(at, n.filters), filters, type);
  }
  let parameterCount = 0;
  if (type) parameterCount = checkTargetParameters(scope, at, target, type);
  const identified = nonEmpty(arns) || nonEmpty(tags) || parameterCount > 0;
  const requiresParameters = type?.parameters.some((p) => p.required === true) ?? false;
  if (!identified && type && !requiresParameters) {
    scope.ctx.rule(
      'T26',
      Code.NoTargetIdentification,
      at,
      `${at.label} selects nothing: it needs ${listOr(['resourceArns', 'resourceTags', ...(type.parameters.length > 0 ? ['parameters'] : [])])}.`,
      'add resourceTags such as {"FIS-Ready": "true"}',
    );
  }
  if (entry.selection?.kind === 'ALL') {
    const hint = productionHint(target, n);
    if (hint) {
      scope.ctx.warn(
        Code.ProductionTargetAll,
        child(at, n.selectionMode),
        `${at.label} selects ALL matching resources and ${hint}; a mistake would hit every one of them.`,
        { suggestion: 'start with COUNT(1) or PERCENT(10), and widen once the experiment is proven' },
      );
    }
  }
  return entry;
}

/** Checks the targets map (T07, T19–T28, T41) and returns the targets that are objects. */
export function checkTargets(scope: TemplateScope, template: RecordValue): TargetEntry[] {
  const key = scope.names.targets;
  const at = child(scope.root, key);
  if (!has(template, key)) {
    if (scope.shape !== 'api' && !scope.ctx.misspeltPaths.has(at.path)) {
      scope.ctx.error(
        Code.MissingRequiredField,
        at,
        `${at.label} is required: AWS::FIS::ExperimentTemplate requires Targets (a map, may be empty).`,
        { suggestion: 'add Targets: {}' },
      );
    }
    return [];
  }
  const value = own(template, key);
  if (!expectKind(scope, at, value, 'map', 'T19')) return [];
  const entries: TargetEntry[] = [];
  for (const name of firstEntries(Object.keys(value as RecordValue))) {
    const entry = checkTarget(scope, child(at, name), name, own(value as RecordValue, name));
    if (entry) entries.push(entry);
  }
  return entries;
}
