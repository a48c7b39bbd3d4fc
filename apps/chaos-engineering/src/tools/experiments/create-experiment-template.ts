import type { CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { apiTemplateOf, validateTemplate } from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { awsCallFailed } from '../../aws-error';
import { loadFisSdk } from '../../aws-fis-sdk';
import type { ServerDeps } from '../../deps';
import { ChaosServerError, ChaosServerErrorCode } from '../../errors';
import { regionArgument, resolveRegion } from '../../region-input';

/** Registers `create_experiment_template`: creates a template in AWS after it validates. */
export function registerCreateExperimentTemplateTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'create_experiment_template',
    {
      title: 'Create a FIS experiment template in AWS',
      description:
        'Creates an AWS FIS experiment template (API shape, as create_fis_template returns it) in the account, after it passes ' +
        'validate_fis_template with no errors and no placeholders left. Creating a template injects nothing; start_experiment ' +
        'does. Requires AWS credentials with fis:CreateExperimentTemplate and iam:PassRole on the role. A clientToken in the ' +
        'template is the idempotency token (a new one otherwise): reuse the one a failed call returns to retry without a duplicate.',
      inputSchema: {
        template: z
          .record(z.string(), z.unknown())
          .describe('The template in the CreateExperimentTemplate (camelCase) shape.'),
        region: regionArgument,
      },
      outputSchema: {
        region: z.string(),
        experimentTemplateId: z.string(),
        warnings: z.array(z.string()),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const region = resolveRegion(deps, args.region);
        const { catalog } = await deps.catalogs.getCatalog(region);
        const validation = validateTemplate(args.template, { catalog, region });
        if (validation.shape !== 'api') {
          throw new ChaosServerError(
            ChaosServerErrorCode.Refused,
            'template: this is CloudFormation; deploy it with CloudFormation, or pass the API shape (create_fis_template’s template).',
          );
        }
        if (!validation.valid || validation.placeholders.length > 0) {
          const problems = [
            ...validation.errors.map((e) => `${e.path}: ${e.message}`),
            ...validation.placeholders.map((p) => `${p.path}: fill ${p.text}`),
          ];
          throw new ChaosServerError(
            ChaosServerErrorCode.Refused,
            `template: not created, ${problems.length} problem(s) to fix first: ${problems.slice(0, 6).join('; ')}`,
            { data: { errors: validation.errors, placeholders: validation.placeholders } },
          );
        }
        const fis = await deps.fis(region);
        // what was validated is what is sent: the template inside a whole create_fis_template answer
        // or a GetExperimentTemplate answer, not the wrapper (the SDK would drop every field of it)
        const template = apiTemplateOf(args.template);
        const clientToken =
          typeof template.clientToken === 'string' && template.clientToken !== ''
            ? template.clientToken
            : deps.randomId();
        const input = { ...(template as unknown as CreateExperimentTemplateCommandInput), clientToken };
        const created = await fis
          .send(new (await loadFisSdk()).CreateExperimentTemplateCommand(input))
          .catch((error: unknown) => {
            const failed = awsCallFailed('CreateExperimentTemplate', error);
            if (failed.data?.retryable !== true) throw failed;
            throw new ChaosServerError(
              failed.code,
              `${failed.message} The template may have been created anyway: to retry without a duplicate, send the same ` +
                `template with clientToken: "${clientToken}".`,
              { cause: error, data: { ...failed.data, outcomeUnknown: true, clientToken } },
            );
          });
        const id = created.experimentTemplate?.id;
        if (!id) throw new Error('CreateExperimentTemplate returned no id');
        deps.logger.log('info', 'experiment template created', { id, region });
        return structuredResult({
          region,
          experimentTemplateId: id,
          warnings: validation.warnings.map((w) => `${w.path}: ${w.message}`),
        });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );
}
