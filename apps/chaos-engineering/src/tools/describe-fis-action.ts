import { closestMatch, FisCoreError, FisCoreErrorCode } from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { regionArgument, resolveRegion } from '../region-input';

/** Registers `describe_fis_action`. */
export function registerDescribeFisActionTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'describe_fis_action',
    {
      title: 'Describe one FIS action',
      description:
        'Everything about one AWS FIS action: its parameters (type, required, allowed values, ranges, defaults), ' +
        'target keys and resource types, duration limits, targeting restrictions, the IAM permissions its role needs, ' +
        'and the AWS documentation link. Read-only.',
      inputSchema: {
        action_id: z.string().min(1).max(128).describe('FIS action id, e.g. aws:ec2:stop-instances.'),
        region: regionArgument,
      },
      outputSchema: {
        region: z.string(),
        catalogSource: z.object({ kind: z.string(), retrievedAt: z.string(), region: z.string().optional() }),
        action: z.record(z.string(), z.unknown()),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const region = resolveRegion(deps, args.region);
        const { catalog } = await deps.catalogs.getCatalog(region);
        const action = catalog.action(args.action_id);
        if (!action) {
          const suggestion = closestMatch(
            args.action_id,
            catalog.actions.map((a) => a.id),
          );
          throw new FisCoreError(
            FisCoreErrorCode.UnknownAction,
            `action_id: unknown FIS action "${args.action_id}" in ${region}${suggestion ? `; did you mean ${suggestion}?` : ''} (get_valid_fis_actions lists them)`,
          );
        }
        return structuredResult({
          region,
          catalogSource: catalog.source,
          action: action as unknown as Record<string, unknown>,
        });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );
}
