import type { Logger, LogLevel } from '../logger';
import { type BuiltServer, buildServer, type ServerFactory } from '../server-factory';
import { ToolListCache } from '../tools/tool-list-cache';

/** A built server lent to one HTTP request at a time. */
export interface PooledServer {
  built: BuiltServer;
  /** Tags this instance's log lines with the request it serves now. */
  serving(requestId: string): void;
}

/** What the pool needs to build instances. */
export interface ServerPoolOptions {
  factory: ServerFactory;
  logger: Logger;
  readOnly: boolean;
  /** Idle instances kept for later requests; more are closed once done. */
  maxIdle: number;
  /** The tools/list answer shared by every instance (default: a new, empty one). */
  toolList?: ToolListCache;
}

/** Client state a Server keeps from `initialize` (private fields of the v1 SDK's Server). */
const CONNECTION_FIELDS = ['_clientCapabilities', '_clientVersion'] as const;

/**
 * Server instances for stateless Streamable HTTP, reused across requests. Building an instance
 * runs the app's factory (registering every tool: zod schemas, the SDK's wrappers, an Ajv instance
 * per SDK Server), which cost more than the request it serves; so each instance, once its request
 * is answered, waits here for the next one instead of being thrown away. An instance serves one
 * request at a time (so JSON-RPC ids of different clients never meet), gets its client state reset
 * between requests (as a fresh instance, it knows nothing of earlier `initialize` calls), and is
 * only reused after it answered every request it was given: one whose client went away, or whose
 * request timed out, is closed instead, as its tool may still be running.
 */
export class ServerPool {
  private readonly idle: PooledServer[] = [];
  private readonly toolList: ToolListCache;
  private closed = false;

  constructor(private readonly options: ServerPoolOptions) {
    this.toolList = options.toolList ?? new ToolListCache();
  }

  /** An idle instance, or a new one built for `requestId`. */
  async acquire(requestId: string): Promise<PooledServer> {
    const reused = this.idle.pop();
    if (reused) {
      reused.serving(requestId);
      return reused;
    }
    let fields: Record<string, unknown> = { requestId };
    const base = this.options.logger;
    const logger: Logger = {
      log: (level: LogLevel, message: string, own?: Record<string, unknown>) =>
        base.log(level, message, { ...fields, ...own }),
    };
    const built = await buildServer(this.options.factory, {
      logger,
      readOnly: this.options.readOnly,
      requestId,
    });
    this.toolList.install(built.server);
    return {
      built,
      serving: (id) => {
        fields = { requestId: id };
      },
    };
  }

  /**
   * Takes an instance back once its request is over. `reusable` is false when it may still be
   * working (its client went away, or the request timed out): it is closed, never lent again.
   */
  async release(instance: PooledServer, reusable: boolean): Promise<void> {
    await instance.built.server.close().catch(() => {});
    if (reusable && !this.closed && this.idle.length < this.options.maxIdle) {
      const server = instance.built.server.server as unknown as Record<string, unknown>;
      for (const field of CONNECTION_FIELDS) server[field] = undefined;
      (server._loggingLevels as Map<unknown, unknown> | undefined)?.clear();
      this.idle.push(instance);
      return;
    }
    await Promise.resolve(instance.built.close?.()).catch(() => {});
  }

  /** Closes the idle instances; instances still lent are closed when they come back. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((instance) => Promise.resolve(instance.built.close?.()).catch(() => {})));
  }

  /** Idle instances (tests, metrics). */
  get size(): number {
    return this.idle.length;
  }
}
