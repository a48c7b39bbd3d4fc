import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { type Logger, withFields } from '../logger';
import type { Metrics } from '../metrics';
import type { ServerCliOptions } from '../options';
import { buildServer, type ServerFactory } from '../server-factory';
import { InstrumentedTransport } from '../tools/instrumented-transport';

/** What serving one MCP POST needs. */
export interface McpHandlerDeps {
  factory: ServerFactory;
  options: ServerCliOptions;
  logger: Logger;
  metrics: Metrics;
  knownTools: ReadonlySet<string>;
}

/**
 * Serves one JSON-RPC POST statelessly: a fresh McpServer from the factory and a fresh transport
 * without sessions (`sessionIdGenerator: undefined`), so any replica can answer any request and a
 * session id header added by a platform (AgentCore) is accepted and ignored. Both are closed when
 * the response ends, or when the client goes away.
 */
export async function serveMcpRequest(
  req: IncomingMessage,
  res: ServerResponse,
  request: { requestId: string; body: unknown; authInfo?: AuthInfo },
  deps: McpHandlerDeps,
): Promise<void> {
  const logger = withFields(deps.logger, { requestId: request.requestId });
  const built = await buildServer(deps.factory, {
    logger,
    readOnly: deps.options.readOnly,
    requestId: request.requestId,
  });
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: deps.options.http.response === 'json',
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await transport.close().catch(() => {});
    await built.server.close().catch(() => {});
    await Promise.resolve(built.close?.()).catch(() => {});
  };
  res.once('close', () => void close());
  await built.server.connect(
    new InstrumentedTransport(transport, {
      metrics: deps.metrics,
      chaos: deps.options.chaos,
      knownTools: deps.knownTools,
    }),
  );
  if (request.authInfo) (req as IncomingMessage & { auth?: AuthInfo }).auth = request.authInfo;
  await transport.handleRequest(req, res, request.body);
}
