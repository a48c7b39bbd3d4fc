import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Authenticator, createAuthenticator } from '../auth/authenticator';
import {
  metadataUrl,
  PROTECTED_RESOURCE_PREFIX,
  protectedResourceMetadata,
  resourceUrl,
} from '../auth/protected-resource';
import type { ServerDescription } from '../cli';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { ServerCliOptions } from '../options';
import { evaluateReadiness, type Readiness } from '../readiness';
import type { ServerFactory } from '../server-factory';
import type { ToolListCache } from '../tools/tool-list-cache';
import { checkHostAndOrigin } from './host-origin-guard';
import { serveMcpRequest } from './mcp-handler';
import { RateLimiter } from './rate-limiter';
import { readBody } from './read-body';
import { requestIdFrom } from './request-id';
import { sendJson, sendRefusal } from './responses';
import { ServerPool } from './server-pool';

/** What the HTTP runtime serves, and the seams tests substitute. */
export interface HttpRuntimeDeps {
  description: ServerDescription;
  factory: ServerFactory;
  options: ServerCliOptions;
  logger: Logger;
  metrics: Metrics;
  /** Names of the registered tools (metric labels). */
  knownTools: ReadonlySet<string>;
  readiness?: Readiness;
  /** Answers tools/list for every pooled instance; seeded from a build-time snapshot by runServer. */
  toolList?: ToolListCache;
  authenticator?: Authenticator;
  /** Wall clock in ms for the rate limiter. */
  now?: () => number;
}

/** A listening (or ready to listen) HTTP server with its life cycle. */
export interface HttpRuntime {
  server: Server;
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting, lets in-flight requests finish within the shutdown timeout, then closes. */
  shutdown(): Promise<'drained' | 'forced'>;
}

/** Idle server instances kept for later requests (at most; fewer under a lower --max-concurrent). */
const MAX_IDLE_INSTANCES = 64;

/** Builds the HTTP side of a server: /mcp (stateless Streamable HTTP), /health, /ready, /metrics, RFC 9728 metadata. */
export function createHttpRuntime(deps: HttpRuntimeDeps): HttpRuntime {
  const { http } = deps.options;
  const pool = new ServerPool({
    factory: deps.factory,
    logger: deps.logger,
    readOnly: deps.options.readOnly,
    maxIdle: Math.min(MAX_IDLE_INSTANCES, http.maxConcurrent),
    ...(deps.toolList && { toolList: deps.toolList }),
  });
  const limiter = new RateLimiter(http.rateLimitPerMinute, http.rateLimitBurst, deps.now);
  const authenticate = deps.authenticator ?? createAuthenticator(http.auth);
  let inFlight = 0;
  let draining = false;
  let onIdle: (() => void) | undefined;

  const routeOf = (pathname: string) =>
    pathname === http.path
      ? 'mcp'
      : ['/health', '/ready', '/metrics'].includes(pathname)
        ? pathname.slice(1)
        : pathname.startsWith(PROTECTED_RESOURCE_PREFIX)
          ? 'oauth-metadata'
          : 'other';

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    const route = routeOf(new URL(req.url ?? '/', 'http://localhost').pathname);
    let client = 'none';
    res.setHeader('x-request-id', requestId);
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      deps.metrics.recordHttpRequest(route, res.statusCode);
      deps.logger.log(route === 'mcp' || res.statusCode >= 400 ? 'info' : 'debug', 'request', {
        requestId,
        method: req.method,
        route,
        status: res.statusCode,
        durationMs: Math.round(performance.now() - started),
        client,
        ...(!res.writableFinished && { aborted: true }),
      });
    });
    // Probes come from load balancers that send their own Host (the task's IP): no DNS-rebinding check.
    if (route === 'health') return sendJson(res, 200, { status: 'ok', server: deps.description.bin });
    if (route === 'ready') {
      const report = await evaluateReadiness(deps.readiness, {
        draining,
        chaos: deps.options.chaos,
        optional: http.readyOptional,
      });
      return sendJson(res, report.status, report.body);
    }
    const refused = checkHostAndOrigin(req.headers, http);
    if (refused) return sendRefusal(res, 403, 'HOST_OR_ORIGIN_REFUSED', refused);
    const resource = http.auth.jwt && resourceUrl(http.auth.jwt, req.headers, http.path);
    const metadata = resource ? metadataUrl(resource) : '';
    if (route === 'oauth-metadata') {
      if (!http.auth.jwt || !resource)
        return sendJson(res, 404, { error: 'no OAuth resource server configured' });
      return sendJson(res, 200, protectedResourceMetadata(http.auth.jwt, resource, deps.description.bin));
    }
    if (route === 'other') return sendJson(res, 404, { error: `not found; MCP is at ${http.path}` });

    const auth = await authenticate(req.headers, metadata);
    if (!auth.ok) {
      const ip = `ip:${req.socket.remoteAddress ?? 'unknown'}`;
      const decision = limiter.take(ip);
      if (!decision.allowed) {
        return sendRefusal(res, 429, 'RATE_LIMITED', 'too many failed attempts; slow down', {
          'retry-after': String(decision.retryAfterSeconds),
        });
      }
      const code =
        auth.status === 403 ? 'FORBIDDEN' : auth.status === 503 ? 'AUTH_UNAVAILABLE' : 'UNAUTHORIZED';
      return sendRefusal(res, auth.status, code, auth.message, {
        'www-authenticate': auth.wwwAuthenticate,
        ...(auth.status === 503 && { 'retry-after': '5' }),
      });
    }
    client = auth.identity;
    if (route === 'metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(deps.metrics.render());
      return;
    }
    if (req.method !== 'POST') {
      return sendRefusal(
        res,
        405,
        'METHOD_NOT_ALLOWED',
        `this server is stateless: POST JSON-RPC messages to ${http.path} (no GET stream, no DELETE)`,
        { allow: 'POST' },
      );
    }
    const rate = limiter.take(client === 'anonymous' ? `ip:${req.socket.remoteAddress}` : client);
    if (!rate.allowed) {
      return sendRefusal(
        res,
        429,
        'RATE_LIMITED',
        `rate limit of ${http.rateLimitPerMinute} requests per minute (burst ${http.rateLimitBurst}) reached; retry in ${rate.retryAfterSeconds} s`,
        { 'retry-after': String(rate.retryAfterSeconds) },
      );
    }
    if (draining) {
      return sendRefusal(res, 503, 'SHUTTING_DOWN', 'the server is shutting down; retry on another replica', {
        'retry-after': '1',
      });
    }
    if (inFlight >= http.maxConcurrent) {
      return sendRefusal(
        res,
        503,
        'TOO_MANY_CONCURRENT_REQUESTS',
        `${http.maxConcurrent} requests are being served already (--max-concurrent); retry shortly`,
        { 'retry-after': '1' },
      );
    }
    inFlight += 1;
    deps.metrics.addInFlight(1);
    res.once('close', () => {
      inFlight -= 1;
      deps.metrics.addInFlight(-1);
      if (inFlight === 0) onIdle?.();
    });
    const body = await readBody(req, http.maxBodyBytes);
    if (!body.ok) {
      if (body.reason === 'aborted') return void res.destroy();
      return sendRefusal(
        res,
        413,
        'BODY_TOO_LARGE',
        `the request body is larger than ${http.maxBodyBytes} bytes (--max-body-bytes); send the essentials, not whole logs`,
        { connection: 'close' },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return sendJson(res, 400, {
        jsonrpc: '2.0',
        error: { code: -32700, message: 'Parse error: invalid JSON' },
        id: null,
      });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deps.logger.log('warn', 'request timed out', { requestId, timeoutMs: http.requestTimeoutMs });
      if (!res.headersSent) {
        sendRefusal(res, 504, 'REQUEST_TIMEOUT', `the request took longer than ${http.requestTimeoutMs} ms`);
      } else res.destroy();
    }, http.requestTimeoutMs);
    res.once('close', () => clearTimeout(timer));
    await serveMcpRequest(
      req,
      res,
      {
        requestId,
        body: parsed,
        timedOut: () => timedOut,
        ...(auth.authInfo && { authInfo: auth.authInfo }),
      },
      { pool, options: deps.options, metrics: deps.metrics, knownTools: deps.knownTools },
    );
  }

  const server = createServer((req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    handle(req, res, requestId).catch((error: unknown) => {
      // `detail`, not `message`: a field named message would replace the line's own.
      deps.logger.log('error', 'request failed', {
        requestId,
        error: (error as Error).name,
        detail: (error as Error).message,
      });
      sendRefusal(
        res,
        500,
        'INTERNAL_ERROR',
        'the server failed to handle the request; it logged the details',
      );
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 65_000;

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(http.port, http.host, () => {
          const { port } = server.address() as AddressInfo;
          const host = http.host.includes(':') ? `[${http.host}]` : http.host;
          resolve({ port, url: `http://${host}:${port}${http.path}` });
        });
      }),
    async shutdown() {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idle = new Promise<'drained'>((resolve) => {
        onIdle = () => resolve('drained');
        if (inFlight === 0) resolve('drained');
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'forced'>((resolve) => {
        timer = setTimeout(() => resolve('forced'), http.shutdownTimeoutMs);
      });
      const outcome = await Promise.race([idle, timeout]);
      clearTimeout(timer);
      server.closeIdleConnections();
      if (outcome === 'forced') server.closeAllConnections();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      server.closeAllConnections();
      await pool.close();
      return outcome;
    },
  };
}
