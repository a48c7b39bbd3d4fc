// Normalises the compiled FIS reference (shared/reference/fis-catalog.json) into CatalogData.
// Pure: no file system access, so it is unit-tested directly.
import type {
  CatalogAction,
  CatalogData,
  CatalogParameter,
  CatalogPermission,
  CatalogQuotas,
  CatalogResourceType,
  CatalogScenario,
  CatalogSsmDocument,
  CatalogTemplateRule,
  ParameterType,
} from '../src/catalog/types';
import { parseIsoDuration } from '../src/duration';

// biome-ignore lint/suspicious/noExplicitAny: the reference is untyped JSON; every field is checked below.
type Raw = any;

function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^P[0-9A-Z]+/.exec(value.trim());
  if (!match) return undefined;
  return parseIsoDuration(match[0]) ?? undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function parameter(raw: Raw): CatalogParameter {
  const type = raw.type as ParameterType;
  const out: CatalogParameter = {
    name: String(raw.name),
    description: String(raw.description ?? ''),
    type,
    required: raw.required === 'conditional' ? 'conditional' : raw.required === true,
  };
  if (Array.isArray(raw.allowed)) out.allowed = raw.allowed.map(String);
  else if (raw.allowed && typeof raw.allowed === 'object') {
    // e.g. kubernetesKind: allowed kinds per kubernetesApiVersion
    const byValue = Object.fromEntries(
      Object.entries(raw.allowed as Record<string, unknown[]>).map(([k, v]) => [k, v.map(String)]),
    );
    out.allowed = [...new Set(Object.values(byValue).flat())];
    out.allowedByOtherValue = byValue;
  }
  if (type === 'ISO8601-duration') {
    const min = durationSeconds(raw.min);
    const max = durationSeconds(raw.max);
    if (min !== undefined) out.minSeconds = min;
    if (max !== undefined) out.maxSeconds = max;
  } else {
    const min = numberOrUndefined(raw.min);
    const max = numberOrUndefined(raw.max);
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
  }
  if (raw.default !== undefined) out.default = String(raw.default);
  if (typeof raw.maxItems === 'number') out.maxItems = raw.maxItems;
  if (typeof raw.rangeNote === 'string') out.rangeNote = raw.rangeNote;
  return out;
}

const IAM_ACTION = /^([a-z0-9-]+:[A-Za-z0-9*]+)\s*(?:\((.*)\))?\s*$/;

/** Parses `ec2:StopInstances (needed when …)` into a permission; `none (…)` gives nothing. */
export function permission(text: string): CatalogPermission | undefined {
  const match = IAM_ACTION.exec(text.trim());
  if (!match) return undefined;
  const [, action, note] = match;
  const conditional = note !== undefined && /\b(only|needed with|needed to|if )\b/i.test(note);
  return { action: action as string, ...(note && { note }), conditional };
}

/** Turns a documented ARN format (`arn:aws:ec2:<region>:<account>:instance/<i-id>`) into a regex source. */
export function arnPattern(format: unknown): string | undefined {
  if (typeof format !== 'string' || !format.startsWith('arn:')) return undefined;
  const clean = format.replace(/\s*\(.*\)\s*$/, '').trim();
  const parts = clean.split(/(<[^>]+>)/);
  const body = parts
    .map((part) => {
      if (!part.startsWith('<')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (part === '<region>') return '[a-z0-9-]+';
      if (part === '<account>') return '\\d{12}';
      if (part.includes('path')) return '(?:[^\\s]*/)?';
      return '[^\\s]+';
    })
    .join('');
  return `^${body.replace(/^arn:aws:/, 'arn:aws[a-z-]*:')}$`;
}

function action(raw: Raw, quotas: Raw, deprecated?: Raw): CatalogAction {
  const id = String(raw.id);
  const quota = quotas?.perActionTargets?.[id]?.default;
  const permissions = (raw.permissions as string[])
    .map(permission)
    .filter((p): p is CatalogPermission => p !== undefined);
  const out: CatalogAction = {
    id,
    service: id.split(':')[1] ?? '',
    description: String(raw.description),
    targets: { ...(raw.targets ?? {}) },
    parameters: (raw.parameters ?? []).map(parameter),
    permissions,
    targetingRestrictions: [...(raw.targetingRestrictions ?? [])],
    notes: [...(raw.notes ?? [])],
    confidence: String(raw.confidence ?? 'inferred'),
  };
  // The reference sometimes annotates the name ("startInstancesAfterDuration (optional)"): keep the name.
  const durationName =
    typeof raw.durationParameter === 'string' ? raw.durationParameter.split(/\s/)[0] : undefined;
  if (durationName && out.parameters.some((p) => p.name === durationName))
    out.durationParameter = durationName;
  if (raw.awsManagedPolicy) out.awsManagedPolicy = String(raw.awsManagedPolicy);
  if (typeof quota === 'number') out.maxResolvedTargets = quota;
  if (raw.docAnchor) out.docUrl = String(raw.docAnchor);
  if (deprecated) out.deprecated = { replacedBy: deprecated.replacedBy, note: String(deprecated.note ?? '') };
  return out;
}

function resourceType(raw: Raw): CatalogResourceType {
  const pattern = arnPattern(raw.arnFormat);
  const out: CatalogResourceType = {
    type: String(raw.type),
    description: String(raw.description ?? ''),
    targetKeys: [...(raw.targetKeys ?? [])],
    parameters: (raw.parameters ?? []).map(parameter),
    filtersSupported: raw.filtersSupported !== false,
    selectionModes: [...(raw.selectionModes ?? ['ALL', 'COUNT(n)', 'PERCENT(n)'])],
    identification: String(raw.identification ?? 'resourceArns OR resourceTags (not both)'),
    usedBy: [...(raw.usedBy ?? [])],
    deprecated: raw.deprecated === true,
    confidence: String(raw.confidence ?? 'inferred'),
  };
  if (typeof raw.arnFormat === 'string' && raw.arnFormat.startsWith('arn:')) out.arnFormat = raw.arnFormat;
  if (pattern) out.arnPattern = pattern;
  return out;
}

function quotaValue(account: Raw, name: string, fallback: number): number {
  const value = account?.[name]?.value;
  return typeof value === 'number' ? value : fallback;
}

function quotas(raw: Raw): CatalogQuotas {
  const account = raw?.account ?? {};
  return {
    actionsPerTemplate: quotaValue(account, 'Actions per experiment template', 20),
    stopConditionsPerTemplate: quotaValue(account, 'Stop conditions per experiment template', 5),
    parallelActionsPerExperiment: quotaValue(account, 'Parallel actions per experiment', 10),
    maxActionDurationHours: quotaValue(account, 'Action duration in hours', 12),
    maxExperimentDurationHours: quotaValue(account, 'Experiment duration in hours', 12),
    targetAccountConfigurationsPerTemplate: quotaValue(
      account,
      'Target account configurations per experiment template',
      10,
    ),
    resourceArnsPerTarget: 5,
    resourceTagsPerTarget: 50,
    tagsPerTemplate: 50,
  };
}

function ssmDocument(raw: Raw): CatalogSsmDocument {
  return { name: String(raw.name), arn: String(raw.arn), parameters: { ...(raw.params ?? {}) } };
}

function scenario(raw: Raw): CatalogScenario {
  return {
    name: String(raw.name),
    category: String(raw.category ?? ''),
    actions: [...(raw.actions ?? [])],
    targeting: String(raw.targeting ?? ''),
    defaults: String(raw.defaults ?? ''),
  };
}

function rule(raw: Raw): CatalogTemplateRule {
  const severity = raw.severity === 'warning' || raw.severity === 'info' ? raw.severity : 'error';
  return { id: String(raw.id), rule: String(raw.rule), severity, confidence: String(raw.confidence ?? '') };
}

/** Builds the bundled catalog from the compiled reference. */
export function buildCatalogData(raw: Raw): CatalogData {
  if (raw?.schemaVersion !== 1 || !Array.isArray(raw.actions) || !Array.isArray(raw.resourceTypes)) {
    throw new Error('fis-catalog.json: expected schemaVersion 1 with actions[] and resourceTypes[]');
  }
  const deprecatedById = new Map<string, Raw>(
    (raw.deprecatedActions ?? []).map((d: Raw) => [String(d.id), d] as [string, Raw]),
  );
  const actions = raw.actions.map((a: Raw) => action(a, raw.quotas));
  for (const [id, d] of deprecatedById) {
    if (actions.some((a: CatalogAction) => a.id === id)) continue;
    const replacement = actions.find((a: CatalogAction) => a.id === d.replacedBy);
    actions.push(
      action(
        {
          ...(replacement ?? {}),
          id,
          description: replacement
            ? `Deprecated: renamed to ${d.replacedBy}. ${replacement.description}`
            : `Deprecated FIS action (${d.note}).`,
          targets: d.targets ?? replacement?.targets ?? {},
          parameters: (raw.actions.find((a: Raw) => a.id === d.replacedBy)?.parameters as Raw[]) ?? [],
          permissions: (raw.actions.find((a: Raw) => a.id === d.replacedBy)?.permissions as string[]) ?? [],
          confidence: d.confidence,
          docAnchor: undefined,
        },
        raw.quotas,
        d,
      ),
    );
  }
  return {
    schemaVersion: 1,
    compiledOn: String(raw.compiledOn),
    actions,
    resourceTypes: raw.resourceTypes.map(resourceType),
    templateRules: (raw.templateRules ?? []).map(rule),
    quotas: quotas(raw.quotas),
    ssmDocuments: (raw.ssmDocuments?.documents ?? []).map(ssmDocument),
    scenarios: (raw.scenarios ?? []).map(scenario),
  };
}
