import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ServerDescription } from './cli';
import type { Logger } from './logger';
import type { ServerCliOptions } from './options';
import type { BuiltServer } from './server-factory';
import { LineLimiter, MAX_STDIO_LINE_BYTES } from './stdio/line-limiter';
import { InstrumentedTransport } from './tools/instrumented-transport';

/** Serves one built server over stdio until SIGINT, SIGTERM or the end of stdin. */
export async function runStdio(
  description: ServerDescription,
  built: BuiltServer,
  options: ServerCliOptions,
  logger: Logger,
  knownTools: ReadonlySet<string>,
): Promise<void> {
  let closing = false;
  const shutdown = async (reason: string) => {
    if (closing) return;
    closing = true;
    logger.log('info', 'shutting down', { reason });
    await Promise.resolve(built.close?.()).catch(() => {});
    await built.server.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.stdin.on('end', () => void shutdown('stdin closed'));
  // Whole lines only, none over 8 MB: a longer line would make the SDK transport close (and the process exit).
  const input = process.stdin.pipe(
    new LineLimiter(MAX_STDIO_LINE_BYTES, (bytes) =>
      logger.log('warn', 'dropped a stdio message over the line limit', {
        bytes,
        limit: MAX_STDIO_LINE_BYTES,
      }),
    ),
  );
  await built.server.connect(
    new InstrumentedTransport(new StdioServerTransport(input, process.stdout), {
      chaos: options.chaos,
      knownTools,
    }),
  );
  logger.log('info', `${description.bin} ready`, {
    version: description.version,
    transport: 'stdio',
    readOnly: options.readOnly,
  });
}
