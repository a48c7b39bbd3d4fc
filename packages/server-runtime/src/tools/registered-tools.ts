import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RuntimeError, RuntimeErrorCode } from '../errors';

/**
 * The tools registered on an McpServer, by name. The v1 SDK keeps them in a private field and
 * hands each RegisteredTool (with `.remove()` and `.disable()`) only to the code that registered it;
 * this is the one place that reads the field, and it fails loudly if an SDK upgrade moves it.
 */
export function registeredTools(server: McpServer): Record<string, RegisteredTool> {
  const tools: unknown = (server as unknown as { _registeredTools?: unknown })._registeredTools;
  if (typeof tools !== 'object' || tools === null) {
    throw new RuntimeError(
      RuntimeErrorCode.ToolRegistryUnavailable,
      'McpServer has no _registeredTools: the MCP SDK changed; update @faultline/server-runtime',
    );
  }
  return tools as Record<string, RegisteredTool>;
}
