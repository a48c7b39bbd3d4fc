import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Metrics } from '../metrics';
import type { ServerCliOptions } from '../options';
import { InstrumentedTransport } from '../tools/instrumented-transport';
import type { ServerPool } from './server-pool';

/** What serving one MCP POST needs. */
export interface McpHandlerDeps {
  pool: ServerPool;
  options: ServerCliOptions;
  metrics: Metrics;
  knownTools: ReadonlySet<string>;
}

type StreamableHttp = typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js');
let streamableHttp: Promise<StreamableHttp> | undefined;

/** The SDK's HTTP transport (and the web-standard layer under it) loads with the first request, not at start-up. */
function loadStreamableHttp(): Promise<StreamableHttp> {
  streamableHttp ??= import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  return streamableHttp;
}

/**
 * Serves one JSON-RPC POST statelessly: a server instance from the pool and a fresh transport
 * without sessions (`sessionIdGenerator: undefined`), so any replica can answer any request and a
 * session id header added by a platform (AgentCore) is accepted and ignored. The transport is
 * closed when the response ends, or when the client goes away; the instance goes back to the pool
 * only if it answered everything it was asked.
 */
export async function serveMcpRequest(
  req: IncomingMessage,
  res: ServerResponse,
  request: { requestId: string; body: unknown; authInfo?: AuthInfo; timedOut?: () => boolean },
  deps: McpHandlerDeps,
): Promise<void> {
  const [{ StreamableHTTPServerTransport }, instance] = await Promise.all([
    loadStreamableHttp(),
    deps.pool.acquire(request.requestId),
  ]);
  if (res.destroyed) {
    // The client went away while the instance was found: it was given nothing, so it can serve another.
    await deps.pool.release(instance, true);
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: deps.options.http.response === 'json',
  });
  const instrumented = new InstrumentedTransport(transport, {
    metrics: deps.metrics,
    chaos: deps.options.chaos,
    knownTools: deps.knownTools,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const reusable =
      res.writableFinished && instrumented.requestsInFlight === 0 && !(request.timedOut?.() ?? false);
    await transport.close().catch(() => {});
    await deps.pool.release(instance, reusable);
  };
  res.once('close', () => void close());
  await instance.built.server.connect(instrumented);
  if (request.authInfo) (req as IncomingMessage & { auth?: AuthInfo }).auth = request.authInfo;
  await transport.handleRequest(req, res, request.body);
}
