import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from './logger';
import type { Readiness } from './readiness';
import { installInputValidation, withholdTools } from './tools/input-validation';
import { keepReadOnlyTools } from './tools/tool-profile';

/** What the runtime hands an app's factory. */
export interface ServerFactoryContext {
  /** JSON logger on stderr; over HTTP its lines carry the id of the request the instance is serving. */
  logger: Logger;
  /** True under `--read-only`: the runtime removes every tool not annotated read-only after the factory returns. */
  readOnly: boolean;
  /**
   * Over HTTP, the id of the request this instance was built for; it then serves later requests too,
   * one at a time. Absent for the one long-lived instance (stdio's, and HTTP's start-up probe).
   */
  requestId?: string;
}

/** What an app's factory returns. */
export interface BuiltServer {
  server: McpServer;
  /** Releases what the factory opened; called when the instance is done (over HTTP: leaves the pool). */
  close?: () => Promise<void> | void;
  /** Checks for /ready (catalog source and age, AWS credentials...). Read from the first instance built. */
  readiness?: Readiness;
}

/**
 * How {@link runServer} builds the server. Over stdio it is called once; over HTTP once at start
 * (to check tool names and read `readiness`) and then whenever a request finds every instance
 * built so far busy. HTTP instances are pooled: each serves one request at a time and is reused
 * for later ones (its client state from `initialize` reset in between), so register the same tools
 * every time, keep per-request state out of the instance, and share expensive dependencies (AWS
 * clients, catalogs, stores other requests must see) in a closure.
 */
export type ServerFactory = (context: ServerFactoryContext) => BuiltServer | Promise<BuiltServer>;

/**
 * Calls the factory, applies the tool policy (`--read-only`) and makes argument errors coded and
 * explicit (`INVALID_INPUT`, see {@link installInputValidation}).
 */
export async function buildServer(
  factory: ServerFactory,
  context: ServerFactoryContext,
): Promise<BuiltServer> {
  const built = await factory(context);
  if (context.readOnly) {
    withholdTools(
      built.server,
      keepReadOnlyTools(built.server),
      'the server runs with --read-only (FAULTLINE_READ_ONLY), which offers only its read-only tools',
    );
  }
  installInputValidation(built.server, (tool, fields) =>
    context.logger.log('debug', 'argument given as JSON text, parsed', { tool, fields }),
  );
  return built;
}
