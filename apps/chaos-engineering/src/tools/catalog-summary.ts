import type { CatalogResult } from '@faultline/fis-core';
import { z } from 'zod';

/**
 * The catalog as tools return it: compact, with where it came from and how old it is. `fis_actions`,
 * `resource_types`, `status`, `last_updated` and `region` keep the Python server’s field names.
 */
export const CatalogSummarySchema = z.object({
  region: z.string(),
  status: z
    .enum(['fresh', 'stale', 'empty', 'bundled'])
    .describe('fresh or stale cache, empty, or the bundled snapshot.'),
  source: z.object({ kind: z.string(), retrievedAt: z.string(), region: z.string().optional() }),
  last_updated: z.string().describe('When the data was produced (ISO 8601).'),
  ageMs: z.number().optional(),
  actionCount: z.number().int(),
  resourceTypeCount: z.number().int(),
  fis_actions: z.array(
    z.object({ id: z.string(), description: z.string(), resourceTypes: z.array(z.string()) }),
  ),
  resource_types: z.array(z.object({ type: z.string(), description: z.string() })),
  problems: z.array(z.string()),
  instructions: z.string().optional().describe('How to get a fresh catalog, when this one is not fresh.'),
});

/** A catalog summary. */
export type CatalogSummary = z.infer<typeof CatalogSummarySchema>;

/** Summarises a catalog result for a tool's structured output. */
export function summarizeCatalog(region: string, result: CatalogResult): CatalogSummary {
  const actions = result.catalog.actions
    .filter((a) => !a.deprecated)
    .map((a) => ({
      id: a.id,
      description: a.description,
      resourceTypes: [...new Set(Object.values(a.targets))],
    }));
  const resourceTypes = result.catalog.resourceTypes
    .filter((r) => !r.deprecated)
    .map((r) => ({ type: r.type, description: r.description }));
  return {
    region,
    status: result.status,
    source: result.source,
    last_updated: result.source.retrievedAt,
    ...(result.ageMs !== undefined && { ageMs: result.ageMs }),
    actionCount: actions.length,
    resourceTypeCount: resourceTypes.length,
    fis_actions: actions,
    resource_types: resourceTypes,
    problems: result.problems,
    ...(result.instructions !== undefined && { instructions: result.instructions }),
  };
}
