import { connect, createServer, type Server, type Socket } from 'node:net';
import type { ProxyMode } from './ipc';
import { OrderedDelayQueue } from './ordered-delay-queue';

/** A deterministic pseudo-random generator (mulberry32), so error injection is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  holes: boolean;
  /** Chunks (and the end) still to deliver, per direction, in order. */
  toUpstream: OrderedDelayQueue;
  toClient: OrderedDelayQueue;
}

/**
 * A TCP proxy in front of a target whose behaviour can be switched at run time: pass traffic,
 * delay every chunk of one direction or both (latency; responses by default, so a round trip takes
 * `latencyMs` longer, as netem on the target would), fail connections (reset, or an HTTP 503), or swallow everything
 * (black hole). Changing the mode acts on open connections too.
 */
export class FaultProxy {
  private server: Server | undefined;
  private mode: ProxyMode = { kind: 'pass' };
  private random: () => number = Math.random;
  private readonly pairs = new Set<Pair>();
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly options: {
      listenHost: string;
      listenPort: number;
      upstreamHost: string;
      upstreamPort: number;
    },
  ) {}

  /** Starts listening; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((client) => this.accept(client));
      server.on('error', reject);
      server.listen(this.options.listenPort, this.options.listenHost, () => {
        this.server = server;
        resolve((server.address() as { port: number }).port);
      });
    });
  }

  /** The current mode. */
  current(): ProxyMode {
    return this.mode;
  }

  /** Switches the mode; errors and black hole also act on open connections. */
  setMode(mode: ProxyMode): void {
    const previous = this.mode;
    this.mode = mode;
    if (mode.kind === 'errors') {
      this.random = seededRandom(mode.seed);
      for (const pair of [...this.pairs]) if (this.random() < mode.rate) this.fail(pair.client, mode.mode);
    }
    if (mode.kind === 'blackhole') for (const pair of this.pairs) pair.holes = true;
    if (previous.kind === 'blackhole' && mode.kind !== 'blackhole') {
      // connections that were swallowed are closed so that clients reconnect
      for (const pair of [...this.pairs]) if (pair.holes) this.close(pair);
    }
  }

  private fail(client: Socket, how: 'reset' | 'http-503'): void {
    if (how === 'http-503') {
      client.end(
        'HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\ncontent-length: 26\r\nconnection: close\r\n\r\nfault injected: errors 503',
      );
    } else {
      client.resetAndDestroy();
    }
  }

  private close(pair: Pair): void {
    pair.toUpstream.clear();
    pair.toClient.clear();
    pair.client.destroy();
    pair.upstream?.destroy();
    this.pairs.delete(pair);
  }

  /** Closes the pair once `survivor` has handed what was written to it to the kernel. */
  private closeAfterFlush(pair: Pair, survivor: Socket | undefined): void {
    if (!survivor || survivor.destroyed || survivor.writableLength === 0) {
      this.close(pair);
      return;
    }
    const fallback = setTimeout(() => this.close(pair), 1000).unref();
    survivor.end(() => {
      clearTimeout(fallback);
      this.close(pair);
    });
  }

  private accept(client: Socket): void {
    client.on('error', () => {});
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    const mode = this.mode;
    if (mode.kind === 'errors' && this.random() < mode.rate) {
      this.fail(client, mode.mode);
      return;
    }
    const pair: Pair = {
      client,
      holes: mode.kind === 'blackhole',
      toUpstream: new OrderedDelayQueue(),
      toClient: new OrderedDelayQueue(),
    };
    this.pairs.add(pair);
    // a side that closes ends the pair once what it sent has been delivered to the other side
    client.on('close', () => pair.toUpstream.pushOrRun(() => this.closeAfterFlush(pair, pair.upstream)));
    if (pair.holes) {
      client.resume(); // read and drop
      return;
    }
    const upstream = connect({ host: this.options.upstreamHost, port: this.options.upstreamPort });
    pair.upstream = upstream;
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => pair.toClient.pushOrRun(() => this.closeAfterFlush(pair, client)));
    this.pipe(client, upstream, pair, pair.toUpstream, 'request');
    this.pipe(upstream, client, pair, pair.toClient, 'response');
  }

  private pipe(
    from: Socket,
    to: Socket,
    pair: Pair,
    queue: OrderedDelayQueue,
    direction: 'request' | 'response',
  ): void {
    from.on('data', (chunk: Buffer) => {
      if (pair.holes) return;
      const mode = this.mode;
      const write = () => {
        if (!pair.holes && !to.destroyed) to.write(chunk);
      };
      if (mode.kind === 'latency' && [direction, 'both'].includes(mode.direction ?? 'response')) {
        queue.push(mode.latencyMs + Math.floor(Math.random() * (mode.jitterMs + 1)), write);
      } else {
        queue.pushOrRun(write);
      }
    });
    from.on('end', () => queue.pushOrRun(() => to.end()));
  }

  /** Stops listening and closes every connection. */
  async shutdown(): Promise<void> {
    for (const pair of [...this.pairs]) this.close(pair);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
