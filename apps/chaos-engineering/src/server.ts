import { randomUUID } from 'node:crypto';
import { CatalogProvider } from '@faultline/fis-core';
import { createLogger } from '@faultline/server-runtime';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { loadFisSdk } from './aws-fis-sdk';
import type { ServerDeps } from './deps';
import { registerGenerateFisTemplatePrompt } from './prompts/generate-fis-template';
import { registerCatalogResource } from './resources/catalog';
import { registerDescribeFisActionTool } from './tools/describe-fis-action';
import { registerCreateExperimentTemplateTool } from './tools/experiments/create-experiment-template';
import { registerExperimentStateTools } from './tools/experiments/read-experiments';
import { registerStartExperimentTool } from './tools/experiments/start-experiment';
import { registerGetValidFisActionsTool } from './tools/get-valid-fis-actions';
import { registerRefreshValidFisActionsCacheTool } from './tools/refresh-valid-fis-actions-cache';
import { registerValidateFisTemplateTool } from './tools/validate-fis-template';
import { VERSION } from './version';

/** Name the server reports in `initialize`. */
export const SERVER_NAME = 'faultline-chaos-engineering';

const INSTRUCTIONS =
  'AWS FIS for agents. get_valid_fis_actions and describe_fis_action read the catalog of a Region; validate_fis_template ' +
  'checks a template before deployment (works offline). create_experiment_template, start_experiment, get_experiment, ' +
  'stop_experiment and list_experiments need AWS credentials; start_experiment injects real faults and requires the ' +
  'user’s explicit approval (confirm: true).';

/** The Region used when a call names none: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

const clients = new Map<string, Promise<import('@aws-sdk/client-fis').FisClient>>();

/** FIS clients per Region with the SDK's default credential chain and standard retries; built on first use. */
function defaultFisClient(region: string): Promise<import('@aws-sdk/client-fis').FisClient> {
  let client = clients.get(region);
  if (!client) {
    client = loadFisSdk().then((sdk) => new sdk.FisClient({ region, maxAttempts: 5, retryMode: 'standard' }));
    clients.set(region, client);
  }
  return client;
}

/**
 * Builds the chaos-engineering MCP server, without a transport. Dependencies default to a catalog
 * provider with the user's cache directory and real FIS clients, created when first needed.
 */
export function createServer(overrides: Partial<ServerDeps> = {}): { server: McpServer; deps: ServerDeps } {
  const deps: ServerDeps = {
    catalogs: overrides.catalogs ?? new CatalogProvider(),
    fis: overrides.fis ?? defaultFisClient,
    defaultRegion: overrides.defaultRegion ?? defaultRegion(),
    logger: overrides.logger ?? createLogger(),
    randomId: overrides.randomId ?? randomUUID,
  };
  const server = new McpServer(
    { name: SERVER_NAME, title: 'Faultline chaos engineering', version: VERSION },
    { capabilities: { tools: {}, prompts: {}, resources: {} }, instructions: INSTRUCTIONS },
  );
  registerGetValidFisActionsTool(server, deps);
  registerRefreshValidFisActionsCacheTool(server, deps);
  registerValidateFisTemplateTool(server, deps);
  registerDescribeFisActionTool(server, deps);
  registerCreateExperimentTemplateTool(server, deps);
  registerStartExperimentTool(server, deps);
  registerExperimentStateTools(server, deps);
  registerGenerateFisTemplatePrompt(server, deps);
  registerCatalogResource(server, deps);
  return { server, deps };
}
