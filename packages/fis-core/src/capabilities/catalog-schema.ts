import { z } from 'zod';
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
} from '../catalog/types';

// Bounds keep a hostile or broken file from costing much memory or time; real data is far below them.
const text = z.string().max(20_000);
const shortText = z.string().max(1_000);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(10_000);

const parameterTypes = [
  'ISO8601-duration',
  'enum',
  'enum-list',
  'integer-string',
  'number-string',
  'boolean-string',
  'string',
  'string-list',
  'json-string',
  'arn',
] as const satisfies readonly ParameterType[];

/** A {@link CatalogParameter}. */
export const catalogParameterSchema = z.looseObject({
  name: shortText.min(1),
  description: text,
  type: z.enum(parameterTypes),
  required: z.union([z.boolean(), z.literal('conditional')]),
  allowed: list(shortText).optional(),
  allowedByOtherValue: z.record(shortText, list(shortText)).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  minSeconds: z.number().optional(),
  maxSeconds: z.number().optional(),
  default: shortText.optional(),
  maxItems: z.number().int().nonnegative().optional(),
  rangeNote: text.optional(),
}) satisfies z.ZodType<CatalogParameter>;

const permissionSchema = z.looseObject({
  action: shortText.min(1),
  note: text.optional(),
  conditional: z.boolean(),
}) satisfies z.ZodType<CatalogPermission>;

/** A {@link CatalogAction}. */
export const catalogActionSchema = z.looseObject({
  id: shortText.min(1),
  service: shortText,
  description: text,
  targets: z.record(shortText, shortText),
  parameters: list(catalogParameterSchema),
  durationParameter: shortText.optional(),
  permissions: list(permissionSchema),
  awsManagedPolicy: shortText.optional(),
  targetingRestrictions: list(text),
  notes: list(text),
  maxResolvedTargets: z.number().int().nonnegative().optional(),
  deprecated: z.object({ replacedBy: shortText.optional(), note: text }).optional(),
  confidence: shortText,
  docUrl: shortText.optional(),
}) satisfies z.ZodType<CatalogAction>;

/** A {@link CatalogResourceType}. */
export const catalogResourceTypeSchema = z.looseObject({
  type: shortText.min(1),
  description: text,
  targetKeys: list(shortText),
  parameters: list(catalogParameterSchema),
  filtersSupported: z.boolean(),
  selectionModes: list(shortText),
  identification: text,
  arnFormat: text.optional(),
  arnPattern: text.optional(),
  usedBy: list(shortText),
  deprecated: z.boolean(),
  confidence: shortText,
}) satisfies z.ZodType<CatalogResourceType>;

const templateRuleSchema = z.looseObject({
  id: shortText,
  rule: text,
  severity: z.enum(['error', 'warning', 'info']),
  confidence: shortText,
}) satisfies z.ZodType<CatalogTemplateRule>;

const quotasSchema = z.looseObject({
  actionsPerTemplate: z.number(),
  stopConditionsPerTemplate: z.number(),
  parallelActionsPerExperiment: z.number(),
  maxActionDurationHours: z.number(),
  maxExperimentDurationHours: z.number(),
  targetAccountConfigurationsPerTemplate: z.number(),
  resourceArnsPerTarget: z.number(),
  resourceTagsPerTarget: z.number(),
  tagsPerTemplate: z.number(),
}) satisfies z.ZodType<CatalogQuotas>;

const ssmDocumentSchema = z.looseObject({
  name: shortText,
  arn: shortText,
  parameters: z.record(shortText, text),
}) satisfies z.ZodType<CatalogSsmDocument>;

const scenarioSchema = z.looseObject({
  name: shortText,
  category: shortText,
  actions: list(shortText),
  targeting: text,
  defaults: text,
}) satisfies z.ZodType<CatalogScenario>;

/**
 * Zod schema of {@link CatalogData}. Cached files and catalogs built from fetched or handed-in
 * data are checked against it before use. Unknown keys are kept (the catalog types grow), so a
 * newer writer's extra fields neither make a file unreadable nor get lost.
 */
export const catalogDataSchema = z.looseObject({
  schemaVersion: z.number().int().positive(),
  compiledOn: shortText.min(1),
  actions: list(catalogActionSchema),
  resourceTypes: list(catalogResourceTypeSchema),
  templateRules: list(templateRuleSchema),
  quotas: quotasSchema,
  ssmDocuments: list(ssmDocumentSchema),
  scenarios: list(scenarioSchema),
}) satisfies z.ZodType<CatalogData>;

// Compile-time check that each schema names every field of its type: adding a field to
// `catalog/types.ts` without adding it here fails `tsc`.
type MissingKeys<T, S extends { shape: object }> = Exclude<keyof T, keyof S['shape']>;
type AssertCovers<T extends never> = T;
export type _SchemasCoverTypes = [
  AssertCovers<MissingKeys<CatalogParameter, typeof catalogParameterSchema>>,
  AssertCovers<MissingKeys<CatalogPermission, typeof permissionSchema>>,
  AssertCovers<MissingKeys<CatalogAction, typeof catalogActionSchema>>,
  AssertCovers<MissingKeys<CatalogResourceType, typeof catalogResourceTypeSchema>>,
  AssertCovers<MissingKeys<CatalogTemplateRule, typeof templateRuleSchema>>,
  AssertCovers<MissingKeys<CatalogQuotas, typeof quotasSchema>>,
  AssertCovers<MissingKeys<CatalogSsmDocument, typeof ssmDocumentSchema>>,
  AssertCovers<MissingKeys<CatalogScenario, typeof scenarioSchema>>,
  AssertCovers<MissingKeys<CatalogData, typeof catalogDataSchema>>,
];

/** The `formatVersion` this package writes and reads. */
export const CACHE_FORMAT_VERSION = 1;

/** Where the cached catalog came from before it was cached. */
export type CacheOrigin = 'aws' | 'agent';

/** The JSON document stored in one per-region cache file. */
export interface CatalogCacheEnvelope {
  formatVersion: typeof CACHE_FORMAT_VERSION;
  /** The AWS region the catalog describes; must match the file name. */
  region: string;
  /** `aws` when fetched with the FIS API, `agent` when an agent handed the data in. */
  source: CacheOrigin;
  /** ISO 8601 time the data was fetched. */
  fetchedAt: string;
  data: CatalogData;
}

/** Zod schema of {@link CatalogCacheEnvelope}. */
export const catalogCacheEnvelopeSchema = z.object({
  formatVersion: z.literal(CACHE_FORMAT_VERSION),
  region: shortText,
  source: z.enum(['aws', 'agent']),
  fetchedAt: z.iso.datetime({ offset: true }),
  data: catalogDataSchema,
}) satisfies z.ZodType<CatalogCacheEnvelope>;

/** One schema problem, with the path of the field as `a.b[2].c`. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** Formats zod issues with readable field paths (`actions[3].parameters[0].type`). */
export function formatSchemaIssues(error: z.ZodError, prefix = ''): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(prefix, issue.path),
    message: issue.message,
  }));
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Joins the first few issues into one line for a message. */
export function summariseSchemaIssues(issues: readonly SchemaIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > max ? `; and ${issues.length - max} more` : '';
  return `${shown.join('; ')}${more}`;
}
