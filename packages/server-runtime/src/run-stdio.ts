import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { ServerDescription } from './cli';
import type { Logger } from './logger';
import type { ServerCliOptions } from './options';
import type { BuiltServer } from './server-factory';
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
  await built.server.connect(
    new InstrumentedTransport(new StdioServerTransport(), { chaos: options.chaos, knownTools }),
  );
  logger.log('info', `${description.bin} ready`, {
    version: description.version,
    transport: 'stdio',
    readOnly: options.readOnly,
  });
}
