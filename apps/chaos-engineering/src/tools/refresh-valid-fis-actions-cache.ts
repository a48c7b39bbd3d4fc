import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { regionArgument, resolveRegion } from '../region-input';
import { CatalogSummarySchema, summarizeCatalog } from './catalog-summary';

/** Registers `refresh_valid_fis_actions_cache`. */
export function registerRefreshValidFisActionsCacheTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'refresh_valid_fis_actions_cache',
    {
      title: 'Refresh the FIS action catalog of a Region',
      description:
        'Refreshes the cached FIS catalog of a Region. Without fis_data it asks the live FIS API (ListActions, GetAction, ' +
        'ListTargetResourceTypes) when AWS credentials resolve. With fis_data, it stores what you fetched yourself: the JSON ' +
        'output of `aws fis list-actions` (and optionally `aws fis list-target-resource-types`), as an object or a string. ' +
        'Writes only the local cache file; changes nothing in AWS.',
      inputSchema: {
        region: regionArgument,
        fis_data: z
          .union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.string().max(1_000_000)])
          .optional()
          .describe(
            'Output of `aws fis list-actions` (and list-target-resource-types), as JSON or a JSON string.',
          ),
      },
      outputSchema: CatalogSummarySchema.extend({ success: z.boolean(), message: z.string() }).shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const region = resolveRegion(deps, args.region);
        let agentData: unknown = args.fis_data;
        if (typeof agentData === 'string') {
          try {
            agentData = JSON.parse(agentData);
          } catch {
            return toErrorResult(
              Object.assign(
                new Error('fis_data: not valid JSON; pass the output of `aws fis list-actions` as is'),
                {
                  code: 'FIS_INVALID_INPUT',
                },
              ),
            );
          }
        }
        const result = await deps.catalogs.getCatalog(region, {
          refresh: true,
          ...(agentData !== undefined && { agentData }),
        });
        deps.logger.log('info', 'catalog refreshed', {
          region,
          source: result.source.kind,
          status: result.status,
        });
        const success = result.source.kind === 'aws' || result.source.kind === 'agent';
        const message = success
          ? `Cache updated from ${result.source.kind === 'aws' ? 'the FIS API' : 'the data you provided'}: ${result.catalog.actions.length} actions.`
          : `Not refreshed; serving the ${result.status} catalog. ${result.problems.join(' ')}`.trim();
        return structuredResult({ ...summarizeCatalog(region, result), success, message });
      } catch (error) {
        deps.logger.log('warn', 'refresh failed', { error: String(error) });
        return toErrorResult(error);
      }
    },
  );
}
