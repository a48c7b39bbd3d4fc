import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../deps';
import { registerAnalyzeIptablesTool } from './analyze-iptables';
import { registerAnalyzeNodeBundleTool } from './analyze-node-bundle';
import { registerCheckNodeHealthTool } from './check-node-health';
import { registerCollectNodeDiagnosticsTool } from './collect-node-diagnostics';
import { registerCompareNodesTool } from './compare-nodes';
import { registerGetCollectionStatusTool } from './get-collection-status';
import { registerGetFindingTool } from './get-finding';
import { registerSearchNodeLogsTool } from './search-node-logs';

/** Registers every tool of the node-diagnostics server. */
export function registerTools(server: McpServer, deps: ServerDeps): void {
  registerCollectNodeDiagnosticsTool(server, deps);
  registerGetCollectionStatusTool(server, deps);
  registerAnalyzeNodeBundleTool(server, deps);
  registerCheckNodeHealthTool(server, deps);
  registerAnalyzeIptablesTool(server, deps);
  registerSearchNodeLogsTool(server, deps);
  registerCompareNodesTool(server, deps);
  registerGetFindingTool(server, deps);
}
