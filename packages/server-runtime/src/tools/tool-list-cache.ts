import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { RuntimeError, RuntimeErrorCode } from '../errors';
import { registeredTools } from './registered-tools';

type RequestHandler = (request: unknown, extra: unknown) => Promise<unknown>;

/** The SDK's own request handler table of a server (a private field of the v1 SDK's Protocol). */
function requestHandlers(server: McpServer): Map<string, RequestHandler> {
  const handlers: unknown = (server.server as unknown as { _requestHandlers?: unknown })._requestHandlers;
  if (!(handlers instanceof Map)) {
    throw new RuntimeError(
      RuntimeErrorCode.ToolRegistryUnavailable,
      'the MCP Server has no _requestHandlers map: the MCP SDK changed; update @faultline/server-runtime',
    );
  }
  return handlers as Map<string, RequestHandler>;
}

/**
 * Answers `tools/list` from a copy made once per process. The SDK converts every tool's zod input
 * and output schemas to JSON Schema on each `tools/list` (about 7 ms for 14 tools), and stateless
 * HTTP asks a new or pooled instance every time. The copy is keyed by the names of the enabled
 * tools: an instance with other tools gets its own answer from the SDK. Factories must therefore
 * register a tool the same way on every instance (they do: the runtime already lists the tools of
 * the first instance for metrics and `--list-tools`).
 */
export class ToolListCache {
  private key: string | undefined;
  private answer: unknown;

  /**
   * Starts from an answer computed earlier, at build time (`--write-tool-list`): used while the
   * enabled tools have the names it lists, in the same order. Anything else in `answer` is ignored.
   */
  seed(answer: unknown): boolean {
    const tools = (answer as { tools?: unknown } | undefined)?.tools;
    if (!Array.isArray(tools) || !tools.every((tool) => typeof tool?.name === 'string')) return false;
    this.key = tools.map((tool: { name: string }) => tool.name).join('\n');
    this.answer = answer;
    return true;
  }

  /** Puts the cache in front of `server`'s tools/list handler (once tools are registered). */
  install(server: McpServer): void {
    const handlers = requestHandlers(server);
    const original = handlers.get('tools/list');
    if (!original) return;
    handlers.set('tools/list', async (request, extra) => {
      const key = Object.entries(registeredTools(server))
        .filter(([, tool]) => tool.enabled)
        .map(([name]) => name)
        .join('\n');
      if (key === this.key) return this.answer;
      const answer = await original(request, extra);
      this.key = key;
      this.answer = answer;
      return answer;
    });
  }
}

/** The SDK's own tools/list answer for `server` (what `--write-tool-list` writes). */
export async function listTools(server: McpServer): Promise<unknown> {
  const handler = requestHandlers(server).get('tools/list');
  if (!handler) return { tools: [] };
  return handler({ method: 'tools/list', params: {} }, {});
}
