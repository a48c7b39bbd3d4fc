import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseServerCli, type ServerDescription } from './cli';
import { createLogger, type Logger } from './logger';

/** How {@link runServer} builds the server once options are known. */
export type ServerFactory = (context: { logger: Logger }) => {
  server: McpServer;
  close?: () => Promise<void> | void;
};

/**
 * The whole life of a server process: parse the command line (printing help, version or a usage
 * error and exiting), build the server, connect the transport, and shut down cleanly on SIGINT,
 * SIGTERM or when stdin closes.
 */
export async function runServer(description: ServerDescription, factory: ServerFactory): Promise<void> {
  const request = parseServerCli(process.argv.slice(2), process.env, description);
  if (request.kind === 'print') {
    (request.exitCode === 0 ? process.stdout : process.stderr).write(request.text);
    process.exit(request.exitCode);
  }
  const logger = createLogger(request.options.logLevel);
  const { server, close } = factory({ logger });
  let closing = false;
  const shutdown = async (reason: string) => {
    if (closing) return;
    closing = true;
    logger.log('info', 'shutting down', { reason });
    await Promise.resolve(close?.()).catch(() => {});
    await server.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.stdin.on('end', () => void shutdown('stdin closed'));
  await server.connect(new StdioServerTransport());
  logger.log('info', `${description.bin} ready`, { version: description.version, transport: 'stdio' });
}
