import { bundledCatalog } from '@faultline/fis-core';
import { createLogger, installInputValidation } from '@faultline/server-runtime';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from './deps';
import { registerFindingToTemplatePrompt } from './prompts/finding-to-template';
import { registerCatalogResources } from './resources/catalog-resources';
import { registerCreateFisTemplateTool } from './tools/create-fis-template';
import { registerRecommendFisExperimentsTool } from './tools/recommend-fis-experiments';
import { VERSION } from './version';

/** Name the server reports in `initialize`. */
export const SERVER_NAME = 'faultline-fis-recommender';

const INSTRUCTIONS =
  'Turns incident findings into AWS FIS experiments. Call recommend_fis_experiments with a finding, then ' +
  'create_fis_template with the chosen recommendation as is. Both are read-only and need no AWS credentials. ' +
  'The catalog is at fis://actions.';

/**
 * Builds the fis-recommender MCP server, without a transport. Dependencies default to the bundled
 * catalog and a JSON logger on stderr.
 */
export function createServer(overrides: Partial<ServerDeps> = {}): { server: McpServer; deps: ServerDeps } {
  const deps: ServerDeps = {
    catalog: overrides.catalog ?? bundledCatalog,
    logger: overrides.logger ?? createLogger(),
  };
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Faultline FIS recommender', version: VERSION },
    { capabilities: { tools: {}, prompts: {}, resources: {} }, instructions: INSTRUCTIONS },
  );
  installInputValidation(server);
  registerRecommendFisExperimentsTool(server, deps);
  registerCreateFisTemplateTool(server, deps);
  registerFindingToTemplatePrompt(server);
  registerCatalogResources(server, deps);
  return { server, deps };
}
