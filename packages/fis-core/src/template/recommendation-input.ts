import { z } from 'zod';

/**
 * What `createTemplate` accepts as a recommendation: one from `recommend()` as it is, or the
 * Python recommender's `{action, duration, description}`.
 */
export const RecommendationInputSchema = z
  .looseObject({
    id: z.string().max(256).optional(),
    findingId: z.string().max(256).optional(),
    actionId: z.string().min(1).max(128).optional().describe('FIS action id, e.g. aws:ec2:stop-instances.'),
    action: z.string().min(1).max(128).optional().describe('Same as actionId (Python recommender field).'),
    title: z.string().max(1024).optional(),
    description: z.string().max(4096).optional(),
    duration: z.string().max(32).optional(),
    parameters: z.record(z.string().max(64), z.string().max(4096)).optional(),
    target: z
      .looseObject({
        key: z.string().max(64).optional(),
        resourceType: z.string().max(128).optional(),
        selectionMode: z.string().max(64).optional(),
        resourceArns: z.array(z.string().max(2048)).max(5).optional(),
        resourceTags: z.record(z.string().max(128), z.string().max(256)).optional(),
        parameters: z.record(z.string().max(64), z.string().max(1024)).optional(),
        filters: z
          .array(z.object({ path: z.string().max(256), values: z.array(z.string().max(128)).max(100) }))
          .max(50)
          .optional(),
      })
      .nullable()
      .optional(),
  })
  .refine((r) => Boolean(r.actionId ?? r.action), {
    message: 'a recommendation needs actionId (or action), e.g. "aws:ec2:stop-instances"',
    path: ['actionId'],
  });

/** A recommendation as `createTemplate` accepts it. */
export type RecommendationInput = z.input<typeof RecommendationInputSchema>;

/**
 * The whole answer of `recommend()` / recommend_fis_experiments (`{findingId, recommendations: [...]}`),
 * which `createTemplate` also accepts: it builds the top recommendation and says so in a warning.
 */
export const RecommendationResultInputSchema = z.looseObject({
  findingId: z.string().max(256).optional(),
  recommendations: z
    .array(z.looseObject({}))
    .max(20)
    .describe('The recommendations of recommend_fis_experiments; the first (rank 1) is built.'),
});

/** True for the whole answer of `recommend()` rather than one recommendation. */
export function isRecommendationResult(
  value: unknown,
): value is { findingId?: string; recommendations: unknown[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { recommendations?: unknown }).recommendations) &&
    (value as { actionId?: unknown }).actionId === undefined &&
    (value as { action?: unknown }).action === undefined
  );
}
