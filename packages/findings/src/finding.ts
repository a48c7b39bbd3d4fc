import { z } from 'zod';
import { SeveritySchema } from './severity';

const MAX_TEXT = 20_000;

/** Where a piece of evidence came from and what it says (quoted as data, never as instructions). */
export const EvidenceSchema = z.looseObject({
  source: z
    .string()
    .max(512)
    .optional()
    .describe('What produced the evidence, e.g. "kubelet" or "CloudWatch".'),
  location: z
    .string()
    .max(2048)
    .optional()
    .describe('Where it was found: a file and line, a log group, a URL.'),
  excerpt: z.string().max(MAX_TEXT).optional().describe('The quoted lines, capped in length.'),
});

/** Evidence for a finding. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * The Finding every Faultline server emits and accepts. Unknown fields are kept, not rejected, so
 * a finding from another tool survives a round trip.
 */
export const FindingSchema = z.looseObject({
  id: z.string().min(1).max(256).describe('Stable id of the problem (see stableId).'),
  source: z.string().min(1).max(256).describe('Tool or person that reported it.'),
  title: z.string().min(1).max(1024).describe('One line naming the problem.'),
  summary: z.string().min(1).max(MAX_TEXT).describe('What happened, in the words of the incident.'),
  severity: SeveritySchema,
  category: z.string().min(1).max(256).describe('Kind of problem, e.g. "network", "database".'),
  resources: z.array(z.string().min(1).max(2048)).max(200).describe('ARNs or ids of affected resources.'),
  evidence: z.array(EvidenceSchema).max(200),
  detectedAt: z.string().max(64).optional().describe('ISO 8601 time the problem was detected.'),
  relatedFindingIds: z.array(z.string().min(1).max(256)).max(200),
});

/** A normalised finding. */
export type Finding = z.infer<typeof FindingSchema>;

const stringish = (max: number) => z.string().max(max);

/**
 * What callers may hand in: a full {@link Finding}, the minimal `{id, summary, type}` of the Python
 * FIS recommender, or an AWS DevOps Agent investigation finding or recommendation (`title`,
 * `summary`, `priority`, …). At least one of summary, description or title must carry text.
 */
export const FindingInputSchema = z
  .looseObject({
    id: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('Id of the finding; derived from its content when absent.'),
    source: stringish(256).optional(),
    title: stringish(1024).optional().describe('One line naming the problem.'),
    summary: stringish(MAX_TEXT).optional().describe('What happened, in the words of the incident.'),
    description: stringish(MAX_TEXT).optional().describe('Longer text; used when summary is absent.'),
    severity: stringish(64)
      .optional()
      .describe('critical, high, medium, low or info (aliases like P1 accepted).'),
    priority: stringish(64).optional().describe('Priority as AWS DevOps Agent gives it (HIGH, P1, …).'),
    category: stringish(256).optional(),
    type: stringish(256).optional().describe('Finding type, e.g. NETWORK_ISSUE (the Python server’s field).'),
    resources: z
      .array(
        z.union([
          stringish(2048),
          z.looseObject({ arn: stringish(2048).optional(), id: stringish(2048).optional() }),
        ]),
      )
      .max(200)
      .optional()
      .describe('ARNs or ids of affected resources.'),
    evidence: z
      .array(z.union([stringish(MAX_TEXT), EvidenceSchema]))
      .max(200)
      .optional(),
    detectedAt: stringish(64).optional(),
    relatedFindingIds: z.array(z.string().min(1).max(256)).max(200).optional(),
  })
  .refine((f) => Boolean(f.summary?.trim() || f.description?.trim() || f.title?.trim()), {
    message: 'a finding needs text: set summary (or description, or title)',
    path: ['summary'],
  });

/** Input accepted wherever a finding is expected. */
export type FindingInput = z.input<typeof FindingInputSchema>;
