import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../deps';
import { regionArgument, resolveRegion } from '../region-input';
import { CatalogSummarySchema, summarizeCatalog } from './catalog-summary';

/** Registers `get_valid_fis_actions`. */
export function registerGetValidFisActionsTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'get_valid_fis_actions',
    {
      title: 'Get the valid FIS actions of a Region',
      description:
        'Lists the AWS FIS actions and target resource types valid in a Region, from the freshest source available: ' +
        'a cache younger than 24 h, the live FIS API when AWS credentials resolve, or the bundled snapshot. ' +
        'status says which (fresh, stale, empty, bundled) and instructions say how to refresh when it is not fresh. ' +
        'Use describe_fis_action for one action’s parameters and limits. Read-only.',
      inputSchema: { region: regionArgument },
      outputSchema: CatalogSummarySchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const region = resolveRegion(deps, args.region);
        const result = await deps.catalogs.getCatalog(region);
        return structuredResult(summarizeCatalog(region, result));
      } catch (error) {
        deps.logger.log('warn', 'get_valid_fis_actions failed', { error: String(error) });
        return toErrorResult(error);
      }
    },
  );
}
