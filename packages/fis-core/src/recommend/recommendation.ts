import { z } from 'zod';

const parameterMap = z.record(z.string().max(64), z.string().max(4096));

/** The target a recommendation suggests: a resource type and how to select resources of it. */
export const SuggestedTargetSchema = z.object({
  key: z.string().describe('Target key of the action, e.g. "Instances".'),
  resourceType: z.string().describe('FIS resource type, e.g. "aws:ec2:instance".'),
  selectionMode: z.string().describe('ALL, COUNT(n) or PERCENT(n).'),
  resourceArns: z.array(z.string()).optional().describe('ARNs taken from the finding, when they fit.'),
  resourceTags: z.record(z.string(), z.string()).optional().describe('Tag selection used when no ARN fits.'),
  parameters: parameterMap.optional().describe('Target parameters (e.g. for aws:eks:pod).'),
  filters: z
    .array(z.object({ path: z.string(), values: z.array(z.string()) }))
    .optional()
    .describe('Resource filters, e.g. the Availability Zone the finding names.'),
});

/** A suggested target. */
export type SuggestedTarget = z.infer<typeof SuggestedTargetSchema>;

/**
 * One recommended FIS experiment for a finding. Output of `recommend()` and accepted as is by
 * `createTemplate()`. The `action`, `duration`, `description`, `targets` and `stopConditions`
 * fields repeat the Python FIS recommender's shape so its users' prompts keep working.
 */
export const RecommendationSchema = z.looseObject({
  id: z.string().describe('Stable id: rec_ + hash of finding id, action id and failure mode.'),
  findingId: z.string(),
  rank: z.number().int().min(1),
  actionId: z.string().describe('FIS action id, e.g. "aws:rds:failover-db-cluster".'),
  title: z.string(),
  score: z.number().min(0).max(1).describe('Confidence in [0, 1].'),
  failureModeId: z.string().optional(),
  rationale: z.array(z.string()).describe('The signals that matched, in words.'),
  hypothesis: z.object({ steadyState: z.string(), expectedBehaviour: z.string() }),
  parameters: parameterMap.describe('Action parameters with safe defaults within the catalog limits.'),
  target: SuggestedTargetSchema.nullable().describe('null for actions that take no target.'),
  stopCondition: z.object({
    source: z.literal('aws:cloudwatch:alarm'),
    suggestion: z.string(),
    alarmArn: z.string().optional(),
  }),
  blastRadius: z.array(z.string()),
  permissions: z.array(z.string()).describe('IAM actions the experiment role needs.'),
  placeholders: z.array(z.string()).describe('Values the user must still fill in.'),
  action: z.string().describe('Same as actionId (Python recommender field).'),
  duration: z.string().optional().describe('ISO 8601 fault duration, when the action has one.'),
  description: z.string(),
  targets: z.array(z.string()),
  stopConditions: z.array(z.string()),
});

/** A recommended experiment. */
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** What `recommend()` returns. */
export interface RecommendationResult {
  findingId: string;
  count: number;
  recommendations: Recommendation[];
  /**
   * What FIS cannot do for this finding, said plainly: no action reproduces the failure directly
   * (a DynamoDB or Lambda throttling fault, an Amazon MSK broker action), so the recommendations
   * test the recovery paths around it, or there are none. Empty when FIS covers the finding.
   */
  limitations: string[];
  /** How the finding was read: contexts and symptoms with their scores, for transparency. */
  analysis: FindingAnalysisSummary;
}

/** The signals read from a finding. */
export interface FindingAnalysisSummary {
  contexts: Array<{ id: string; label: string; score: number; matched: string[] }>;
  symptoms: Array<{ id: string; label: string; score: number; matched: string[] }>;
  resourceTypes: Array<{ resourceType: string; arns: string[] }>;
}
