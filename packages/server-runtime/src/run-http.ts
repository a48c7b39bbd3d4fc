import type { ServerDescription } from './cli';
import { createHttpRuntime } from './http/http-runtime';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { authMethods, type ServerCliOptions } from './options';
import type { BuiltServer, ServerFactory } from './server-factory';
import type { ToolListCache } from './tools/tool-list-cache';

/** Serves Streamable HTTP until SIGTERM or SIGINT, then drains in-flight calls and exits. */
export async function runHttp(
  description: ServerDescription,
  factory: ServerFactory,
  probe: BuiltServer,
  options: ServerCliOptions,
  logger: Logger,
  knownTools: ReadonlySet<string>,
  toolList?: ToolListCache,
): Promise<void> {
  const runtime = createHttpRuntime({
    description,
    factory,
    options,
    logger,
    metrics: new Metrics({ server: description.bin, version: description.version }),
    knownTools,
    ...(toolList && { toolList }),
    ...(probe.readiness && { readiness: probe.readiness }),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log('info', 'shutting down: draining in-flight requests', {
      signal,
      timeoutMs: options.http.shutdownTimeoutMs,
    });
    const outcome = await runtime.shutdown();
    await Promise.resolve(probe.close?.()).catch(() => {});
    logger.log(outcome === 'drained' ? 'info' : 'warn', 'stopped', { outcome });
    process.exit(outcome === 'drained' ? 0 : 1);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const { port, url } = await runtime.listen();
  logger.log('info', `${description.bin} listening`, {
    version: description.version,
    transport: 'http',
    url,
    port,
    auth: authMethods(options.http.auth),
    response: options.http.response,
    readOnly: options.readOnly,
  });
}
