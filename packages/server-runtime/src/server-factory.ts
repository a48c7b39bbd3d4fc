import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from './logger';
import type { Readiness } from './readiness';
import { keepReadOnlyTools } from './tools/tool-profile';

/** What the runtime hands an app's factory. */
export interface ServerFactoryContext {
  /** JSON logger on stderr; over HTTP its lines carry the request id. */
  logger: Logger;
  /** True under `--read-only`: the runtime removes every tool not annotated read-only after the factory returns. */
  readOnly: boolean;
  /** Id of the HTTP request this server instance answers (stateless HTTP builds one per request). */
  requestId?: string;
}

/** What an app's factory returns. */
export interface BuiltServer {
  server: McpServer;
  /** Releases what the factory opened; called when the instance is done. */
  close?: () => Promise<void> | void;
  /** Checks for /ready (catalog source and age, AWS credentials...). Read from the first instance built. */
  readiness?: Readiness;
}

/**
 * How {@link runServer} builds the server. Over stdio it is called once; over HTTP once at start
 * (to check tool names and read `readiness`) and then once per request, so keep it cheap and share
 * expensive dependencies (AWS clients, catalogs) in a closure.
 */
export type ServerFactory = (context: ServerFactoryContext) => BuiltServer | Promise<BuiltServer>;

/** Calls the factory and applies the tool policy (`--read-only`). */
export async function buildServer(
  factory: ServerFactory,
  context: ServerFactoryContext,
): Promise<BuiltServer> {
  const built = await factory(context);
  if (context.readOnly) keepReadOnlyTools(built.server);
  return built;
}
