import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../../deps';
import { registerAbortScenarioRunTool } from './abort-scenario-run';
import { registerGetScenarioRunTool } from './get-scenario-run';
import { registerListScenariosTool } from './list-scenarios';
import { registerRunScenarioTool } from './run-scenario';
import { registerValidateScenarioTool } from './validate-scenario';

/** Registers the scenario tools: list, validate, run (destructive), get and abort runs. */
export function registerScenarioTools(server: McpServer, deps: ServerDeps): void {
  registerListScenariosTool(server, deps);
  registerValidateScenarioTool(server, deps);
  registerRunScenarioTool(server, deps);
  registerGetScenarioRunTool(server, deps);
  registerAbortScenarioRunTool(server, deps);
}
