import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** Where an MCP server is: a Streamable HTTP URL, or a command to start over stdio. */
export type McpEndpoint =
  | { transport: 'http'; url: string }
  | { transport: 'stdio'; command: readonly string[]; cwd?: string };

/** An open MCP session and how to end it (terminating the HTTP session on the server too). */
export interface McpSession {
  client: Client;
  close(): Promise<void>;
}

/** Opens an MCP session: connect and initialize, within `timeoutMs`. */
export async function openMcpSession(
  endpoint: McpEndpoint,
  timeoutMs: number,
  name = 'faultline-probe',
): Promise<McpSession> {
  const client = new Client({ name, version: '0.1.0' }, { capabilities: {} });
  if (endpoint.transport === 'http') {
    const transport = new StreamableHTTPClientTransport(new URL(endpoint.url));
    await client.connect(transport, { timeout: timeoutMs });
    return {
      client,
      async close() {
        await transport.terminateSession().catch(() => {});
        await client.close().catch(() => {});
      },
    };
  }
  const [command, ...args] = endpoint.command;
  const transport = new StdioClientTransport({
    command: command as string,
    args,
    cwd: endpoint.cwd,
    stderr: 'ignore',
  });
  await client.connect(transport, { timeout: timeoutMs });
  return { client, close: () => client.close().catch(() => {}) };
}
