import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../deps';

/** Registers `fis://actions` (the catalog's actions) and `fis://actions/{id}` (one action in full). */
export function registerCatalogResources(server: McpServer, deps: ServerDeps): void {
  server.registerResource(
    'fis-actions',
    'fis://actions',
    {
      title: 'AWS FIS actions',
      description: 'Every FIS action in the catalog: id, description, targets and whether it has a duration.',
      mimeType: 'application/json',
    },
    async (uri) => {
      const catalog = deps.catalog();
      const actions = catalog.actions.map((a) => ({
        id: a.id,
        description: a.description,
        targets: a.targets,
        durationParameter: a.durationParameter ?? null,
        ...(a.deprecated && { deprecated: a.deprecated }),
      }));
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/json',
            text: JSON.stringify({ source: catalog.source, count: actions.length, actions }),
          },
        ],
      };
    },
  );
  server.registerResource(
    'fis-action',
    new ResourceTemplate('fis://actions/{id}', {
      list: async () => ({
        resources: deps
          .catalog()
          .actions.map((a) => ({ uri: `fis://actions/${a.id}`, name: a.id, mimeType: 'application/json' })),
      }),
      complete: {
        id: (value) =>
          deps
            .catalog()
            .actions.map((a) => a.id)
            .filter((id) => id.startsWith(value))
            .slice(0, 100),
      },
    }),
    {
      title: 'One AWS FIS action',
      description: 'One FIS action with its parameters, targets, duration limits and IAM permissions.',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const id = decodeURIComponent(String(variables.id));
      const action = deps.catalog().action(id);
      if (!action) throw new Error(`unknown FIS action "${id}"; list them at fis://actions`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(action) }] };
    },
  );
}
