import { validateTemplate } from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { regionArgument, resolveRegion } from '../region-input';
import { ValidationOutputSchema } from './validation-output';

/** Registers `validate_fis_template`. */
export function registerValidateFisTemplateTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'validate_fis_template',
    {
      title: 'Validate a FIS experiment template',
      description:
        'Checks an AWS FIS experiment template against everything AWS would reject and what is risky, before it is deployed: ' +
        'action ids, parameters (required, unknown, types, enums, ISO 8601 durations within each action’s range and the ' +
        '12-hour cap), target keys and types, selection modes, ARNs, stop conditions, the role ARN, startAfter cycles, quotas; ' +
        'with warnings for no stop condition, ALL selection on production, unused targets and actions that cannot be undone. ' +
        'Accepts the API shape (camelCase), CloudFormation properties (PascalCase), or a whole CloudFormation template, as ' +
        'an object or a JSON/YAML string. Each issue has a code, a JSON Pointer path, a message and often a suggestion. ' +
        'An invalid template is a normal answer (valid: false), not an error. Read-only.',
      inputSchema: {
        template: z
          .union([z.record(z.string(), z.unknown()), z.string().max(1_000_000)])
          .describe(
            'The template: an object, or JSON/YAML text (API body, CloudFormation, or the whole create_fis_template answer).',
          ),
        region: regionArgument,
      },
      outputSchema: ValidationOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const region = resolveRegion(deps, args.region);
        const { catalog } = await deps.catalogs.getCatalog(region);
        const result = validateTemplate(args.template, { catalog, region });
        deps.logger.log('info', 'template validated', {
          valid: result.valid,
          errors: result.errors.length,
          warnings: result.warnings.length,
        });
        return structuredResult({ ...result, region });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );
}
