import { z } from 'zod';

const arn = z.string().min(20).max(2048);

/**
 * How to turn recommendations into a deployable template. The first five fields are the Python
 * FIS recommender's `target_config`; the rest are ours. Unknown fields are refused, so a typo
 * (`roleARN`) is an error that names it rather than a setting silently ignored.
 */
export const TargetConfigSchema = z
  .object({
    resourceType: z
      .string()
      .max(128)
      .optional()
      .describe(
        'FIS resource type the selection below applies to, e.g. aws:ec2:instance. Omit to apply to every target.',
      ),
    selectionMode: z
      .string()
      .max(64)
      .optional()
      .describe('ALL, COUNT(n) or PERCENT(n). Default: the recommendation’s (COUNT(1) for tag selections).'),
    tags: z
      .record(z.string().min(1).max(128), z.string().max(256))
      .optional()
      .describe('Select targets by these resource tags (all must match).'),
    resourceArns: z.array(arn).min(1).max(5).optional().describe('Select these resources (at most 5).'),
    roleArn: arn
      .optional()
      .describe('IAM role FIS assumes. Omit to get a placeholder and a role in the CloudFormation output.'),
    stopConditionAlarmArn: z
      .union([arn, z.array(arn).min(1).max(5)])
      .optional()
      .describe('CloudWatch alarm ARN(s) that stop the experiment.'),
    allowNoStopCondition: z
      .boolean()
      .optional()
      .describe(
        'Explicit waiver: write stopConditions [{source: "none"}] when no alarm is given (a warning says so).',
      ),
    duration: z.string().max(32).optional().describe('ISO 8601 fault duration for every action, e.g. PT5M.'),
    parameters: z
      .record(z.string().max(64), z.string().max(1024))
      .optional()
      .describe('Action parameters that override the recommendation’s.'),
    targetParameters: z
      .record(z.string().max(64), z.string().max(1024))
      .optional()
      .describe('Target parameters (e.g. namespace, selectorValue for aws:eks:pod).'),
    region: z
      .string()
      .regex(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, 'expected an AWS region name such as us-east-1')
      .optional()
      .describe('Region of the experiment; fills <YOUR REGION> placeholders.'),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'expected a 12-digit AWS account id')
      .optional()
      .describe('Account of the experiment; fills <YOUR AWS ACCOUNT> placeholders.'),
    sequence: z
      .enum(['parallel', 'sequential'])
      .optional()
      .describe(
        'With several recommendations: run actions together (default) or one after another (startAfter).',
      ),
    description: z.string().min(1).max(512).optional().describe('Experiment template description.'),
    experimentTags: z
      .record(z.string().min(1).max(128), z.string().max(256))
      .optional()
      .describe('Tags of the template itself.'),
    logGroupArn: arn.optional().describe('CloudWatch Logs log group for experiment logs.'),
    logBucket: z.string().min(3).max(63).optional().describe('S3 bucket for experiment logs.'),
  })
  .strict();

/** Input of `createTemplate` beyond the recommendations. */
export type TargetConfig = z.infer<typeof TargetConfigSchema>;
