import {
  createTemplate,
  RecommendationInputSchema,
  RecommendationResultInputSchema,
  TargetConfigSchema,
} from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';

/** Output of create_fis_template. */
export const CreateTemplateOutputSchema = z.object({
  template: z.record(z.string(), z.unknown()).describe('CreateExperimentTemplate input (API shape).'),
  cloudformation: z.object({
    template: z.record(z.string(), z.unknown()).describe('CloudFormation template (JSON).'),
    yaml: z.string().describe('The same CloudFormation template as YAML.'),
  }),
  iamPolicy: z.record(z.string(), z.unknown()).describe('Least-privilege policy for the experiment role.'),
  trustPolicy: z.record(z.string(), z.unknown()),
  placeholders: z.array(z.object({ text: z.string(), paths: z.array(z.string()), hint: z.string() })),
  warnings: z.array(z.string()),
});

/** Registers `create_fis_template`. */
export function registerCreateFisTemplateTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'create_fis_template',
    {
      title: 'Create a FIS experiment template',
      description:
        'Builds a complete, deployable AWS FIS experiment template from a recommendation of recommend_fis_experiments (as is), ' +
        'or from {action, duration, description}. Several recommendations (an array) become one template, run together or ' +
        'one after another (target_config.sequence). Returns the template (CreateExperimentTemplate shape), the same as ' +
        'CloudFormation (JSON and YAML, with a least-privilege role when no roleArn is given), the IAM policy, and the ' +
        'placeholders still to fill. Give target_config.stopConditionAlarmArn: without it the template names a placeholder ' +
        'alarm (allowNoStopCondition: true waives it, with a warning). Validate the result with validate_fis_template. Read-only.',
      inputSchema: {
        recommendation: z
          .union([
            RecommendationInputSchema,
            z.array(RecommendationInputSchema).min(1).max(20),
            RecommendationResultInputSchema,
          ])
          .describe(
            'A recommendation (or an array of them) from recommend_fis_experiments, or {action, duration}; the whole recommend_fis_experiments result builds its top recommendation.',
          ),
        // Unknown fields are checked by createTemplate, which suggests the field meant (roleARN → roleArn).
        target_config: z
          .looseObject(TargetConfigSchema.shape)
          .optional()
          .describe(
            'Targets, role, stop condition and options: resourceType, selectionMode, tags, resourceArns, roleArn, stopConditionAlarmArn, duration, ...',
          ),
      },
      outputSchema: CreateTemplateOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const result = createTemplate(args.recommendation, args.target_config ?? {}, {
          catalog: deps.catalog(),
          inputNames: { recommendation: 'recommendation', targetConfig: 'target_config' },
        });
        deps.logger.log('info', 'template created', {
          actions: Object.keys(result.template.actions).length,
          placeholders: result.placeholders.length,
        });
        return structuredResult(result as unknown as Record<string, unknown>);
      } catch (error) {
        deps.logger.log('warn', 'create template failed', { error: String(error) });
        return toErrorResult(error);
      }
    },
  );
}
