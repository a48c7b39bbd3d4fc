import { FindingInputSchema } from '@faultline/findings';
import { RecommendationSchema, recommend } from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';

const SignalSummary = z.object({
  id: z.string(),
  label: z.string(),
  score: z.number(),
  matched: z.array(z.string()),
});

/** Output of recommend_fis_experiments. */
export const RecommendOutputSchema = z.object({
  findingId: z.string().describe('Id of the finding (given, or derived stably from its content).'),
  count: z.number().int(),
  recommendations: z.array(RecommendationSchema),
  limitations: z
    .array(z.string())
    .describe(
      'What FIS cannot do for this finding, said plainly (e.g. no FIS fault throttles DynamoDB); empty when FIS covers it.',
    ),
  analysis: z.object({
    contexts: z.array(SignalSummary),
    symptoms: z.array(SignalSummary),
    resourceTypes: z.array(z.object({ resourceType: z.string(), arns: z.array(z.string()) })),
  }),
});

/**
 * The finding as an object: plain text is its summary; text that is a JSON finding (a client that
 * sent the object as a string) is that finding.
 */
function findingOf(finding: z.infer<typeof FindingInputSchema> | string): z.infer<typeof FindingInputSchema> {
  if (typeof finding !== 'string') return finding;
  if (/^\s*\{/.test(finding)) {
    try {
      const parsed = FindingInputSchema.safeParse(JSON.parse(finding));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON after all: a summary that starts with a brace
    }
  }
  return { summary: finding };
}

/** Registers `recommend_fis_experiments`. */
export function registerRecommendFisExperimentsTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'recommend_fis_experiments',
    {
      title: 'Recommend FIS experiments for a finding',
      description:
        'Ranks the AWS Fault Injection Service (FIS) experiments that would test the failure an incident finding describes. ' +
        'Give the finding in its own words (summary, and title, type, resources ARNs, evidence when you have them); ' +
        'the minimal {id, summary, type} works, so does an AWS DevOps Agent finding, and so does plain text. Each recommendation has a stable id, ' +
        'the FIS actionId, a score in [0, 1], the signals that matched, a testable hypothesis, safe parameters, a suggested target, ' +
        'a stop condition, blast-radius notes and the IAM permissions. `limitations` says what FIS cannot do for the finding ' +
        '(no FIS fault throttles DynamoDB or Lambda, none targets MSK): say so rather than overstate an experiment. ' +
        'Pass a recommendation as is to create_fis_template. Read-only.',
      inputSchema: {
        finding: z
          .union([FindingInputSchema, z.string().trim().min(1).max(20_000)])
          .describe(
            'The finding: an object with at least a summary (or title), or plain text describing the failure (read as its summary).',
          ),
        limit: z
          .number()
          .int()
          .min(1)
          .max(20)
          .optional()
          .describe('How many recommendations at most (default 5).'),
        region: z
          .string()
          .max(32)
          .optional()
          .describe('AWS Region of the experiment, used in SSM document ARNs.'),
      },
      outputSchema: RecommendOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const result = recommend(findingOf(args.finding), {
          catalog: deps.catalog(),
          ...(args.limit !== undefined && { limit: args.limit }),
          ...(args.region !== undefined && { region: args.region }),
        });
        deps.logger.log('info', 'recommended', { findingId: result.findingId, count: result.count });
        return structuredResult(result as unknown as Record<string, unknown>);
      } catch (error) {
        deps.logger.log('warn', 'recommend failed', { error: String(error) });
        return toErrorResult(error);
      }
    },
  );
}
