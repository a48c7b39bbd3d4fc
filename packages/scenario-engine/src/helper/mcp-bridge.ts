import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  isJSONRPCError,
  isJSONRPCRequest,
  isJSONRPCResponse,
  type JSONRPCMessage,
  LATEST_PROTOCOL_VERSION,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { log } from './ipc';

/** Configuration of the MCP bridge. */
export interface McpBridgeConfig {
  host: string;
  port: number;
  /** The stdio MCP server to expose, e.g. `node apps/fis-recommender/dist/index.js`. */
  command: string[];
}

/**
 * Exposes a stdio MCP server over Streamable HTTP at `/mcp`: one server process, many HTTP
 * sessions. `initialize` is answered from the server's own initialize result; every other request
 * is forwarded with its id remapped, and the response routed back to its session. When the server
 * process exits, the bridge exits too (so a supervisor restarts both).
 */
export async function runMcpBridge(config: McpBridgeConfig): Promise<void> {
  const [command, ...args] = config.command;
  const child = new StdioClientTransport({ command: command as string, args, stderr: 'inherit' });
  const pending = new Map<RequestId, { session: StreamableHTTPServerTransport; id: RequestId }>();
  let nextId = 1;
  let initializeResult: Record<string, unknown> | undefined;
  const initialized = new Promise<void>((resolve, reject) => {
    child.onmessage = (message: JSONRPCMessage) => {
      if ((isJSONRPCResponse(message) || isJSONRPCError(message)) && message.id === 0) {
        if (isJSONRPCResponse(message)) {
          initializeResult = message.result as Record<string, unknown>;
          void child.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
          resolve();
        } else reject(new Error(`initialize failed: ${message.error.message}`));
        return;
      }
      if (isJSONRPCResponse(message) || isJSONRPCError(message)) {
        const route = message.id === undefined ? undefined : pending.get(message.id);
        if (!route || message.id === undefined) return;
        pending.delete(message.id);
        void route.session.send({ ...message, id: route.id }, { relatedRequestId: route.id }).catch(() => {});
      }
    };
  });
  child.onclose = () => {
    log('stdio server exited; bridge exits');
    process.exit(1);
  };
  await child.start();
  await child.send({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'faultline-mcp-bridge', version: '0.1.0' },
    },
  });
  await initialized;

  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const newSession = () => {
    const session: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, session),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    session.onmessage = (message: JSONRPCMessage) => {
      if (!isJSONRPCRequest(message)) return; // notifications (initialized, cancelled) stay here
      if (message.method === 'initialize') {
        const requested = (message.params as { protocolVersion?: string } | undefined)?.protocolVersion;
        const result = {
          ...initializeResult,
          protocolVersion: requested ?? initializeResult?.protocolVersion,
        };
        void session.send({ jsonrpc: '2.0', id: message.id, result }, { relatedRequestId: message.id });
        return;
      }
      const id = nextId++;
      pending.set(id, { session, id: message.id });
      void child.send({ ...message, id });
    };
    session.onclose = () => {
      for (const [key, route] of pending) if (route.session === session) pending.delete(key);
    };
    return session;
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/mcp')) {
      res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/health' ? '{"status":"ok"}' : '{"error":"not found"}');
      return;
    }
    const id = req.headers['mcp-session-id'];
    const existing = typeof id === 'string' ? sessions.get(id) : undefined;
    if (typeof id === 'string' && !existing) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}');
      return;
    }
    const session = existing ?? newSession();
    if (!existing) await session.start();
    await session.handleRequest(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  log('mcp bridge ready', { host: config.host, port: config.port });
  const shutdown = () => {
    void child.close();
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
