import { z } from 'zod';
import { bundledCatalog } from '../catalog/bundled-catalog';
import type { CatalogSource } from '../catalog/catalog';
import type { CatalogData } from '../catalog/types';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import type { LiveAction, LiveCatalogSnapshot, LiveParameter, LiveResourceType } from './catalog-merge';
import { mergeLiveCatalog } from './catalog-merge';
import {
  catalogDataSchema,
  formatSchemaIssues,
  type SchemaIssue,
  summariseSchemaIssues,
} from './catalog-schema';
import { assertRegion } from './regions';

const MAX_ITEMS = 2_000;
// `aws:<service>:<name>`; the API allows any non-space characters in the name, so be lenient there.
const ID_PATTERN = /^aws:[a-z0-9-]+:[\w./-]+$/;

const actionId = z
  .string()
  .max(128)
  .regex(ID_PATTERN, { error: 'expected an action id such as "aws:ec2:stop-instances"' });
const resourceTypeName = z
  .string()
  .max(128)
  .regex(ID_PATTERN, { error: 'expected a resource type such as "aws:ec2:instance"' });
const description = z.string().max(10_000).nullish();
const parameterMap = z
  .record(z.string().min(1).max(256), z.object({ description, required: z.boolean().nullish() }))
  .nullish();

/** One item of `aws fis list-actions` / `get-action` output (extra fields such as `arn`, `tags` are ignored). */
const actionObject = z.object({
  id: actionId,
  description,
  targets: z
    .record(
      z.string().min(1).max(256),
      z.union([resourceTypeName, z.object({ resourceType: resourceTypeName })]),
    )
    .nullish(),
  parameters: parameterMap,
});

/** One item of `aws fis list-target-resource-types` output, or of the older `{ type, description }` shape. */
const resourceTypeObject = z.union([
  z.object({ resourceType: resourceTypeName, description, parameters: parameterMap }),
  z.object({ type: resourceTypeName, description }),
]);

/** The result of {@link safeParseAgentCatalogData}. */
export type AgentCatalogParseResult =
  | { success: true; snapshot: LiveCatalogSnapshot }
  | { success: false; issues: SchemaIssue[]; message: string };

/**
 * Checks catalog data an agent hands in and turns it into a {@link LiveCatalogSnapshot}. Accepted
 * shapes (the agent runs the AWS CLI and passes its JSON output as it is):
 *
 * - the output of `aws fis list-actions`: `{ actions: [{ id, description, targets }, ...] }`;
 * - `{ actions, targetResourceTypes }`, where `actions` is that output (or its `actions` array) and
 *   `targetResourceTypes` the output of `aws fis list-target-resource-types` (or its array);
 * - a plain array of action ids (`["aws:ec2:stop-instances", ...]`) or of action objects;
 * - the Python server's `{ fis_actions: [...], resource_types: [{ type, description }] }`.
 *
 * Action items may carry `parameters` (as `aws fis get-action` prints them); without them, the
 * parameters come from the bundled catalog. Never throws: problems come back as `issues` with the
 * path of the field, e.g. `actions[3].id`.
 */
export function safeParseAgentCatalogData(input: unknown): AgentCatalogParseResult {
  const issues: SchemaIssue[] = [];
  const parts = locateParts(input, issues);
  if (!parts) return failed(issues);

  const actions: LiveAction[] = [];
  const actionItems = asItemArray(parts.actions, parts.actionsPath, issues);
  actionItems?.forEach((item, i) => {
    const path = `${parts.actionsPath}[${i}]`;
    if (typeof item === 'string') {
      const id = actionId.safeParse(item);
      if (id.success) actions.push({ id: id.data });
      else issues.push(...formatSchemaIssues(id.error, path));
      return;
    }
    const parsed = actionObject.safeParse(item);
    if (!parsed.success) {
      issues.push(...formatSchemaIssues(parsed.error, path));
      return;
    }
    const a = parsed.data;
    const action: LiveAction = { id: a.id };
    if (a.description != null) action.description = a.description;
    if (a.targets != null) {
      action.targets = Object.fromEntries(
        Object.entries(a.targets).map(([key, t]) => [key, typeof t === 'string' ? t : t.resourceType]),
      );
    }
    if (a.parameters != null) action.parameters = liveParameters(a.parameters);
    actions.push(action);
  });
  if (actionItems && actionItems.length === 0) {
    issues.push({
      path: parts.actionsPath,
      message: 'is empty; `aws fis list-actions` always lists actions, so this is not its output',
    });
  }

  let resourceTypes: LiveResourceType[] | undefined;
  if (parts.types !== undefined) {
    resourceTypes = [];
    const typesPath = parts.typesPath ?? 'targetResourceTypes';
    asItemArray(parts.types, typesPath, issues)?.forEach((item, i) => {
      const path = `${typesPath}[${i}]`;
      if (typeof item === 'string') {
        const type = resourceTypeName.safeParse(item);
        if (type.success) resourceTypes?.push({ resourceType: type.data });
        else issues.push(...formatSchemaIssues(type.error, path));
        return;
      }
      const parsed = resourceTypeObject.safeParse(item);
      if (!parsed.success) {
        issues.push({
          path,
          message:
            'expected { resourceType, description } as `aws fis list-target-resource-types` prints it, or a resource type name',
        });
        return;
      }
      const t = parsed.data;
      const type: LiveResourceType = { resourceType: 'resourceType' in t ? t.resourceType : t.type };
      if (t.description != null) type.description = t.description;
      if ('parameters' in t && t.parameters != null) type.parameters = liveParameters(t.parameters);
      resourceTypes?.push(type);
    });
  }

  if (issues.length > 0) return failed(issues);
  return { success: true, snapshot: resourceTypes ? { actions, resourceTypes } : { actions } };
}

/**
 * Like {@link safeParseAgentCatalogData}, but throws.
 *
 * @throws {FisCoreError} `CatalogInvalid`, with `data.issues` listing each bad field.
 */
export function parseAgentCatalogData(input: unknown): LiveCatalogSnapshot {
  const result = safeParseAgentCatalogData(input);
  if (result.success) return result.snapshot;
  throw new FisCoreError(FisCoreErrorCode.CatalogInvalid, result.message, {
    data: { issues: result.issues },
  });
}

/** Options of {@link catalogFromAgentData}. */
export interface CatalogFromAgentDataOptions {
  /** The AWS region the data describes (the agent ran the CLI with `--region <region>`). */
  region: string;
  /** Catalog merged with the agent's data. Defaults to the bundled catalog. */
  base?: CatalogData;
  /** Clock, in ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
}

/**
 * Builds catalog data from what an agent hands in (see {@link safeParseAgentCatalogData} for the
 * accepted shapes), merged with the bundled catalog exactly as the live AWS data is.
 *
 * @throws {FisCoreError} `InvalidRegion` for a malformed region, `CatalogInvalid` for bad data.
 *
 * @example
 * // agentData = JSON.parse(output of `aws fis list-actions --region eu-west-1`)
 * const { data } = catalogFromAgentData(agentData, { region: 'eu-west-1' });
 */
export function catalogFromAgentData(
  input: unknown,
  options: CatalogFromAgentDataOptions,
): { data: CatalogData; source: CatalogSource } {
  assertRegion(options.region);
  const snapshot = parseAgentCatalogData(input);
  const retrievedAt = new Date((options.now ?? Date.now)()).toISOString();
  const merged = mergeLiveCatalog(snapshot, options.base ?? bundledCatalog().data, retrievedAt);
  const checked = catalogDataSchema.safeParse(merged);
  if (!checked.success) {
    const issues = formatSchemaIssues(checked.error);
    throw new FisCoreError(
      FisCoreErrorCode.CatalogInvalid,
      `The agent data for ${options.region} does not give a valid catalog: ${summariseSchemaIssues(issues)}.`,
      { data: { issues } },
    );
  }
  return { data: checked.data, source: { kind: 'agent', retrievedAt, region: options.region } };
}

interface Parts {
  actions: unknown;
  actionsPath: string;
  types?: unknown;
  typesPath?: string;
}

const SHAPES_HINT =
  'expected the output of `aws fis list-actions` ({ actions: [...] }), { actions, targetResourceTypes }, or an array of action ids';

function locateParts(input: unknown, issues: SchemaIssue[]): Parts | undefined {
  if (Array.isArray(input)) return { actions: input, actionsPath: 'agentData' };
  if (typeof input !== 'object' || input === null) {
    issues.push({ path: '(root)', message: `${SHAPES_HINT}; got ${input === null ? 'null' : typeof input}` });
    return undefined;
  }
  const record = input as Record<string, unknown>;
  const actionsKey = ['actions', 'fis_actions'].find((k) => record[k] !== undefined);
  if (!actionsKey) {
    issues.push({ path: 'actions', message: `is missing; ${SHAPES_HINT}` });
    return undefined;
  }
  const parts: Parts = { ...unwrap(record[actionsKey], actionsKey, 'actions') };
  const typesKey = ['targetResourceTypes', 'resourceTypes', 'resource_types'].find(
    (k) => record[k] !== undefined,
  );
  if (typesKey) {
    const types = unwrap(record[typesKey], typesKey, 'targetResourceTypes');
    parts.types = types.actions;
    parts.typesPath = types.actionsPath;
  }
  return parts;
}

/** Accepts both `{ key: [...] }` and the CLI output nested under it: `{ key: { key: [...] } }`. */
function unwrap(value: unknown, key: string, cliKey: string): { actions: unknown; actionsPath: string } {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && cliKey in value) {
    return { actions: (value as Record<string, unknown>)[cliKey], actionsPath: `${key}.${cliKey}` };
  }
  return { actions: value, actionsPath: key };
}

function asItemArray(value: unknown, path: string, issues: SchemaIssue[]): unknown[] | undefined {
  if (!Array.isArray(value)) {
    issues.push({ path, message: `expected an array, got ${value === null ? 'null' : typeof value}` });
    return undefined;
  }
  if (value.length > MAX_ITEMS) {
    issues.push({ path, message: `has ${value.length} items; at most ${MAX_ITEMS} are accepted` });
    return undefined;
  }
  return value;
}

function liveParameters(
  parameters: Record<string, { description?: string | null; required?: boolean | null }>,
): Record<string, LiveParameter> {
  const out: Record<string, LiveParameter> = {};
  for (const [name, p] of Object.entries(parameters)) {
    const parameter: LiveParameter = {};
    if (p.description != null) parameter.description = p.description;
    if (p.required != null) parameter.required = p.required;
    out[name] = parameter;
  }
  return out;
}

function failed(issues: SchemaIssue[]): AgentCatalogParseResult {
  return {
    success: false,
    issues,
    message: `The agent's FIS catalog data is not usable: ${summariseSchemaIssues(issues)}. Pass the JSON output of \`aws fis list-actions --region <region>\` as it is (optionally as { actions, targetResourceTypes } with \`aws fis list-target-resource-types\`).`,
  };
}
