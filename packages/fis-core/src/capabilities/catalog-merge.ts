import type { CatalogAction, CatalogData, CatalogParameter, CatalogResourceType } from '../catalog/types';

/** A parameter as the FIS API reports it: a name (the record key), a description, a required flag. */
export interface LiveParameter {
  description?: string;
  required?: boolean;
}

/** An action as the FIS API (ListActions / GetAction) or the AWS CLI reports it. */
export interface LiveAction {
  id: string;
  description?: string;
  /** Target key → resource type. `undefined` when the source did not say. */
  targets?: Record<string, string>;
  /**
   * Parameter name → description and required flag. `undefined` when the source did not say
   * (e.g. ListActions output); `{}` when the action has no parameters (GetAction said so).
   */
  parameters?: Record<string, LiveParameter>;
}

/** A target resource type as the FIS API or the AWS CLI reports it. */
export interface LiveResourceType {
  resourceType: string;
  description?: string;
  /** `undefined` when the source did not say (e.g. ListTargetResourceTypes output). */
  parameters?: Record<string, LiveParameter>;
}

/** What a region offers, as the live API (or an agent relaying it) reports it. */
export interface LiveCatalogSnapshot {
  actions: LiveAction[];
  /** `undefined` when the source gave no resource types; the bundled ones are kept then. */
  resourceTypes?: LiveResourceType[];
}

/** Confidence value of entries known only from the AWS API. */
export const LIVE_ONLY_CONFIDENCE = 'aws-api';

/**
 * Merges what a region offers (from the FIS API or an agent) with a base catalog, normally the
 * bundled one. The live data decides which actions and resource types exist, their parameter
 * names, required flags and target keys; the base catalog adds what the API does not give: types,
 * ranges, enums, permissions, duration limits, notes. Actions the base catalog does not know get
 * string parameters and a note saying so. Template rules, quotas, SSM documents and scenarios come
 * from the base catalog.
 *
 * @param fetchedAt ISO 8601 time the live data was fetched; its day becomes `compiledOn`.
 */
export function mergeLiveCatalog(
  live: LiveCatalogSnapshot,
  base: CatalogData,
  fetchedAt: string,
): CatalogData {
  const baseActions = new Map(base.actions.map((a) => [a.id, a]));
  const baseTypes = new Map(base.resourceTypes.map((r) => [r.type, r]));

  const actions = dedupeBy(live.actions, (a) => a.id).map((liveAction) => {
    const known = baseActions.get(liveAction.id);
    return known ? mergeAction(known, liveAction) : actionFromLive(liveAction, base.compiledOn);
  });

  const typeUsers = new Map<string, { keys: Set<string>; actions: string[] }>();
  for (const action of actions) {
    for (const [key, type] of Object.entries(action.targets)) {
      const users = typeUsers.get(type) ?? { keys: new Set<string>(), actions: [] };
      users.keys.add(key);
      if (!users.actions.includes(action.id)) users.actions.push(action.id);
      typeUsers.set(type, users);
    }
  }

  let liveTypes: LiveResourceType[];
  if (live.resourceTypes) {
    liveTypes = dedupeBy(live.resourceTypes, (r) => r.resourceType);
  } else {
    // No resource type list: keep the base ones, plus any type a live action targets.
    liveTypes = base.resourceTypes.map((r) => ({ resourceType: r.type }));
    for (const type of typeUsers.keys()) {
      if (!baseTypes.has(type)) liveTypes.push({ resourceType: type });
    }
  }
  const resourceTypes = liveTypes.map((liveType) => {
    const known = baseTypes.get(liveType.resourceType);
    const users = typeUsers.get(liveType.resourceType);
    return known ? mergeResourceType(known, liveType, users) : resourceTypeFromLive(liveType, users);
  });

  return {
    schemaVersion: base.schemaVersion,
    compiledOn: fetchedAt.slice(0, 10),
    actions,
    resourceTypes,
    templateRules: base.templateRules,
    quotas: base.quotas,
    ssmDocuments: base.ssmDocuments,
    scenarios: base.scenarios,
  };
}

function mergeAction(known: CatalogAction, live: LiveAction): CatalogAction {
  const notes = [...known.notes];
  const parameters = live.parameters
    ? mergeParameters(known.parameters, live.parameters, notes, 'the bundled catalog')
    : known.parameters;
  const merged: CatalogAction = {
    ...known,
    description: known.description || live.description || '',
    targets: live.targets ?? known.targets,
    parameters,
    notes,
  };
  if (known.durationParameter && !parameters.some((p) => known.durationParameter?.startsWith(p.name))) {
    delete merged.durationParameter;
  }
  return merged;
}

function actionFromLive(live: LiveAction, baseCompiledOn: string): CatalogAction {
  const notes = [
    `Not in the bundled catalog (compiled ${baseCompiledOn}): known only from the AWS API, so parameter types, ranges and IAM permissions are unknown and parameters are treated as strings.`,
  ];
  if (!live.parameters) {
    notes.push(
      'The source did not list this action’s parameters; get them with `aws fis get-action --id <id>`.',
    );
  }
  return {
    id: live.id,
    service: live.id.split(':')[1] ?? '',
    description: live.description ?? '',
    targets: live.targets ?? {},
    parameters: Object.entries(live.parameters ?? {}).map(([name, p]) => parameterFromLive(name, p)),
    permissions: [],
    targetingRestrictions: [],
    notes,
    confidence: LIVE_ONLY_CONFIDENCE,
  };
}

function mergeResourceType(
  known: CatalogResourceType,
  live: LiveResourceType,
  users: { keys: Set<string>; actions: string[] } | undefined,
): CatalogResourceType {
  const ignoredNotes: string[] = [];
  return {
    ...known,
    description: known.description || live.description || '',
    targetKeys: union(known.targetKeys, users ? [...users.keys] : []),
    parameters: live.parameters
      ? mergeParameters(known.parameters, live.parameters, ignoredNotes, 'the bundled catalog')
      : known.parameters,
    usedBy: users?.actions ?? [],
  };
}

function resourceTypeFromLive(
  live: LiveResourceType,
  users: { keys: Set<string>; actions: string[] } | undefined,
): CatalogResourceType {
  return {
    type: live.resourceType,
    description: live.description ?? '',
    targetKeys: users ? [...users.keys] : [],
    parameters: Object.entries(live.parameters ?? {}).map(([name, p]) => parameterFromLive(name, p)),
    // FIS's general targeting rules; the specifics of this type are unknown.
    filtersSupported: true,
    selectionModes: ['ALL', 'COUNT(n)', 'PERCENT(n)'],
    identification:
      'Not in the bundled catalog: known only from the AWS API, so its identification rules are unknown (FIS generally takes resourceArns or resourceTags, with filters).',
    usedBy: users?.actions ?? [],
    deprecated: false,
    confidence: LIVE_ONLY_CONFIDENCE,
  };
}

/**
 * Parameters are those the live source names, in the base order first; the base catalog gives
 * their types and ranges, the live source their required flag.
 */
function mergeParameters(
  known: readonly CatalogParameter[],
  live: Record<string, LiveParameter>,
  notes: string[],
  baseName: string,
): CatalogParameter[] {
  const liveNames = Object.keys(live);
  const out: CatalogParameter[] = [];
  for (const parameter of known) {
    const liveParameter = live[parameter.name];
    if (!liveParameter) {
      notes.push(
        `AWS no longer reports parameter '${parameter.name}', which ${baseName} lists; it is left out.`,
      );
      continue;
    }
    out.push({ ...parameter, required: mergeRequired(parameter.required, liveParameter.required) });
  }
  for (const name of liveNames) {
    if (known.some((p) => p.name === name)) continue;
    const liveParameter = live[name] ?? {};
    out.push(parameterFromLive(name, liveParameter));
    notes.push(
      `Parameter '${name}' is reported by AWS but not in ${baseName}: its type and range are unknown (treated as a string).`,
    );
  }
  return out;
}

function mergeRequired(
  known: CatalogParameter['required'],
  live: boolean | undefined,
): CatalogParameter['required'] {
  if (live === undefined) return known;
  if (live) return true;
  // AWS says optional; keep the catalog's "only in some configurations" when it has one.
  return known === 'conditional' ? 'conditional' : false;
}

function parameterFromLive(name: string, live: LiveParameter): CatalogParameter {
  return { name, description: live.description ?? '', type: 'string', required: live.required ?? false };
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
