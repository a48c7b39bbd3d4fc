import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../deps';
import { resolveRegion } from '../region-input';
import { summarizeCatalog } from '../tools/catalog-summary';

/** Registers `fis://catalog/{region}`: the FIS catalog of a Region, with its source and age. */
export function registerCatalogResource(server: McpServer, deps: ServerDeps): void {
  server.registerResource(
    'fis-catalog',
    new ResourceTemplate('fis://catalog/{region}', {
      list: async () => ({
        resources: [
          {
            uri: `fis://catalog/${deps.defaultRegion}`,
            name: `FIS catalog (${deps.defaultRegion})`,
            mimeType: 'application/json',
          },
        ],
      }),
    }),
    {
      title: 'FIS catalog of a Region',
      description:
        'FIS actions and resource types of a Region, from the freshest source, with status and age.',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const region = resolveRegion(deps, decodeURIComponent(String(variables.region)));
      const result = await deps.catalogs.getCatalog(region);
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify(summarizeCatalog(region, result)),
          },
        ],
      };
    },
  );
}
