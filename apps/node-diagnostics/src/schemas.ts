import { NodeFindingSchema, RULE_PACKS } from '@faultline/eks-node-diagnostics';
import { SeveritySchema } from '@faultline/findings';
import { z } from 'zod';

/** A bundle reference as tools take it. */
export const BundleRefSchema = z
  .string()
  .min(1)
  .max(2048)
  .describe(
    'The bundle: a folder or .tar.gz under the server bundle root (FAULTLINE_BUNDLE_ROOT; relative paths resolve there), or an s3://bucket/key URI (a key prefix such as s3://bucket/eks_i-0abc picks the newest archive).',
  );

const HealthStatusSchema = z.enum(['healthy', 'degraded', 'unhealthy']);

/** Counts per severity. */
export const CountsSchema = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});

/** One pack in a summary. */
export const PackSummarySchema = z.object({
  pack: z.enum(RULE_PACKS),
  status: HealthStatusSchema,
  findings: z.number().int(),
  worstSeverity: SeveritySchema.optional(),
  top: z.array(z.object({ id: z.string(), title: z.string(), severity: SeveritySchema })),
});

/** The node a bundle came from. */
export const NodeSchema = z.looseObject({
  id: z.string(),
  instanceId: z.string().optional(),
  region: z.string().optional(),
  hostname: z.string().optional(),
});

/** The summary of an analysis. */
export const AnalysisSummarySchema = z.object({
  node: NodeSchema,
  bundle: z.looseObject({ ref: z.string(), kind: z.string(), name: z.string() }),
  status: HealthStatusSchema.describe(
    'unhealthy: a critical finding; degraded: medium or high; healthy: low or none.',
  ),
  counts: CountsSchema,
  packs: z.array(PackSummarySchema),
  files: z.number().int(),
  bytes: z.number().int(),
  lines: z.number().int(),
  truncatedLines: z.number().int(),
  durationMs: z.number().int(),
  shownFindings: z.number().int().optional(),
});

export { NodeFindingSchema, SeveritySchema };
