#!/usr/bin/env node
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseCli } from './cli';
import { createLogger } from './logger';
import { createServer } from './server';
import { VERSION } from './version';

const request = parseCli(process.argv.slice(2), process.env);
if (request.kind === 'print') {
  (request.exitCode === 0 ? process.stdout : process.stderr).write(request.text);
  process.exit(request.exitCode);
}

const logger = createLogger(request.options.logLevel);
const { server } = createServer({ logger });
const transport = new StdioServerTransport();

let closing = false;
async function shutdown(reason: string): Promise<void> {
  if (closing) return;
  closing = true;
  logger.log('info', 'shutting down', { reason });
  await server.close().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.stdin.on('end', () => void shutdown('stdin closed'));

await server.connect(transport);
logger.log('info', 'fis-recommender ready', { version: VERSION, transport: 'stdio' });
