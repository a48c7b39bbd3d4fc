import type { Catalog } from '../catalog/catalog';
import type {
  CatalogAction,
  CatalogParameter,
  CatalogResourceType,
  CatalogTemplateRule,
} from '../catalog/types';

/** Parameters an AWSFIS-* SSM document takes, read from the catalog's `ssmDocuments`. */
export interface SsmDocumentInfo {
  name: string;
  required: string[];
  known: string[];
}

/** Lookups over one catalog, built once per catalog and kept in a WeakMap. */
export interface CatalogIndex {
  readonly catalog: Catalog;
  /** Every action id, deprecated ones included. */
  readonly actionIds: readonly string[];
  /** Action ids by service segment (`ec2` → [...]). */
  readonly actionIdsByService: ReadonlyMap<string, readonly string[]>;
  readonly resourceTypeNames: readonly string[];
  /** Parameters of each action, by name. */
  readonly actionParameters: ReadonlyMap<string, ReadonlyMap<string, CatalogParameter>>;
  /** Parameters of each resource type, by name. */
  readonly resourceTypeParameters: ReadonlyMap<string, ReadonlyMap<string, CatalogParameter>>;
  /** Compiled ARN pattern of each resource type that has one. */
  readonly arnPatterns: ReadonlyMap<string, RegExp>;
  /** The parameter that sets how long each action lasts, when it has one. */
  readonly durationParameter: ReadonlyMap<string, string>;
  /** Parameters AWS's own examples pass although the actions reference does not list them (from the notes). */
  readonly undocumentedParameters: ReadonlyMap<string, ReadonlySet<string>>;
  readonly rules: ReadonlyMap<string, CatalogTemplateRule>;
  readonly ssmDocuments: ReadonlyMap<string, SsmDocumentInfo>;
  /** Quotas, in the units the checks use. */
  readonly limits: {
    readonly actionsPerTemplate: number;
    readonly stopConditionsPerTemplate: number;
    readonly parallelActions: number;
    readonly maxActionSeconds: number;
    readonly maxExperimentSeconds: number;
    readonly resourceArnsPerTarget: number;
    readonly resourceTagsPerTarget: number;
    readonly tagsPerTemplate: number;
  };
}

const indexes = new WeakMap<Catalog, CatalogIndex>();

/**
 * The lookups the validator needs for `catalog`, built on first use and cached for the life of the
 * catalog object.
 */
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = buildIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

function byName(parameters: readonly CatalogParameter[]): Map<string, CatalogParameter> {
  return new Map(parameters.map((p) => [p.name, p]));
}

function compilePattern(type: CatalogResourceType): RegExp | undefined {
  if (!type.arnPattern) return undefined;
  try {
    return new RegExp(type.arnPattern);
  } catch {
    return undefined;
  }
}

/** Names quoted in notes such as `also passes "service": "kinesis"` or `also passes a 'region' parameter`. */
function undocumented(action: CatalogAction): Set<string> {
  const names = new Set<string>();
  for (const note of action.notes) {
    if (!/\bpasses\b/i.test(note)) continue;
    for (const match of note.matchAll(/["'](\w+)["']\s*(?::|parameter)/g)) {
      const name = match[1]!;
      if (!action.parameters.some((p) => p.name === name)) names.add(name);
    }
  }
  return names;
}

function buildIndex(catalog: Catalog): CatalogIndex {
  const { data } = catalog;
  const actionIdsByService = new Map<string, string[]>();
  const actionParameters = new Map<string, Map<string, CatalogParameter>>();
  const durationParameter = new Map<string, string>();
  const undocumentedParameters = new Map<string, Set<string>>();
  for (const action of data.actions) {
    const service = action.service || action.id.split(':')[1] || '';
    const list = actionIdsByService.get(service) ?? [];
    list.push(action.id);
    actionIdsByService.set(service, list);
    actionParameters.set(action.id, byName(action.parameters));
    const duration = action.durationParameter?.replace(/\s*\(.*\)\s*$/, '').trim();
    if (duration && action.parameters.some((p) => p.name === duration))
      durationParameter.set(action.id, duration);
    const extra = undocumented(action);
    if (extra.size > 0) undocumentedParameters.set(action.id, extra);
  }
  const resourceTypeParameters = new Map<string, Map<string, CatalogParameter>>();
  const arnPatterns = new Map<string, RegExp>();
  for (const type of data.resourceTypes) {
    resourceTypeParameters.set(type.type, byName(type.parameters));
    const pattern = compilePattern(type);
    if (pattern) arnPatterns.set(type.type, pattern);
  }
  const ssmDocuments = new Map<string, SsmDocumentInfo>();
  for (const document of data.ssmDocuments ?? []) {
    const entries = Object.entries(document.parameters ?? {});
    ssmDocuments.set(document.name, {
      name: document.name,
      required: entries.filter(([, note]) => /^required\b/i.test(String(note))).map(([name]) => name),
      known: entries.map(([name]) => name),
    });
  }
  const quotas = data.quotas;
  return {
    catalog,
    actionIds: data.actions.map((a) => a.id),
    actionIdsByService,
    resourceTypeNames: data.resourceTypes.map((r) => r.type),
    actionParameters,
    resourceTypeParameters,
    arnPatterns,
    durationParameter,
    undocumentedParameters,
    rules: new Map(data.templateRules.map((r) => [r.id, r])),
    ssmDocuments,
    limits: {
      actionsPerTemplate: quotas.actionsPerTemplate ?? 20,
      stopConditionsPerTemplate: quotas.stopConditionsPerTemplate ?? 5,
      parallelActions: quotas.parallelActionsPerExperiment ?? 10,
      maxActionSeconds: (quotas.maxActionDurationHours ?? 12) * 3600,
      maxExperimentSeconds: (quotas.maxExperimentDurationHours ?? 12) * 3600,
      resourceArnsPerTarget: quotas.resourceArnsPerTarget ?? 5,
      resourceTagsPerTarget: quotas.resourceTagsPerTarget ?? 50,
      tagsPerTemplate: quotas.tagsPerTemplate ?? 50,
    },
  };
}
