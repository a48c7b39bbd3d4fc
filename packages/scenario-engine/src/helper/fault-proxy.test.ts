import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultProxy } from './fault-proxy';

let upstream: Server | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.shutdown();
  upstream?.closeAllConnections();
  await new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r()));
});

async function setup(): Promise<string> {
  upstream = createServer((_, res) => res.end('ok'));
  await new Promise<void>((r) => upstream?.listen(0, '127.0.0.1', r));
  const port = (upstream.address() as { port: number }).port;
  proxy = new FaultProxy({
    listenHost: '127.0.0.1',
    listenPort: 0,
    upstreamHost: '127.0.0.1',
    upstreamPort: port,
  });
  return `http://127.0.0.1:${await proxy.listen()}/`;
}

const timed = async (url: string, timeoutMs = 10_000) => {
  const start = Date.now();
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { connection: 'close' } });
    return { ok: true, status: r.status, body: await r.text(), ms: Date.now() - start };
  } catch (error) {
    return { ok: false, error: String((error as Error).cause ?? error), ms: Date.now() - start };
  }
};

describe('FaultProxy, on real sockets', () => {
  it('passes traffic, delays it, fails it and swallows it, then passes again', async () => {
    const url = await setup();
    expect(await timed(url)).toMatchObject({ ok: true, body: 'ok' });
    proxy?.setMode({ kind: 'latency', latencyMs: 200, jitterMs: 0 });
    const slow = await timed(url);
    expect(slow).toMatchObject({ ok: true, body: 'ok' });
    expect(slow.ms).toBeGreaterThanOrEqual(195); // responses only, by default: one latency per round trip
    proxy?.setMode({ kind: 'latency', latencyMs: 200, jitterMs: 0, direction: 'both' });
    const slower = await timed(url);
    expect(slower).toMatchObject({ ok: true, body: 'ok' });
    expect(slower.ms).toBeGreaterThanOrEqual(390);
    proxy?.setMode({ kind: 'errors', rate: 1, mode: 'http-503', seed: 1 });
    expect(await timed(url)).toMatchObject({ ok: true, status: 503 });
    proxy?.setMode({ kind: 'errors', rate: 1, mode: 'reset', seed: 1 });
    expect((await timed(url)).ok).toBe(false);
    proxy?.setMode({ kind: 'blackhole' });
    const hole = await timed(url, 300);
    expect(hole).toMatchObject({ ok: false });
    expect(hole.ms).toBeGreaterThanOrEqual(290);
    proxy?.setMode({ kind: 'pass' });
    expect(await timed(url)).toMatchObject({ ok: true, body: 'ok' });
  });
});

describe('FaultProxy under latency', () => {
  it('delays responses only by default: the request reaches the service at once', async () => {
    const arrivals: number[] = [];
    upstream = createServer((_, res) => {
      arrivals.push(Date.now());
      res.end('ok');
    });
    await new Promise<void>((r) => upstream?.listen(0, '127.0.0.1', r));
    proxy = new FaultProxy({
      listenHost: '127.0.0.1',
      listenPort: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort: (upstream.address() as { port: number }).port,
    });
    const url = `http://127.0.0.1:${await proxy.listen()}/`;
    proxy.setMode({ kind: 'latency', latencyMs: 1000, jitterMs: 0 });
    const sent = Date.now();
    const answer = await timed(url);
    expect(answer).toMatchObject({ ok: true, body: 'ok' });
    expect(answer.ms).toBeGreaterThanOrEqual(995);
    // a delayed request would have arrived a second late; the response alone carries the delay
    expect((arrivals[0] ?? Number.POSITIVE_INFINITY) - sent).toBeLessThan(1000);
  });

  it('delivers every delayed response before the end of the stream, request after request', async () => {
    // the end used to race the last delayed chunk (separate timers), so a few percent of
    // responses were cut off ("other side closed")
    const url = await setup();
    proxy?.setMode({ kind: 'latency', latencyMs: 20, jitterMs: 0 });
    const results = [];
    for (let i = 0; i < 150; i++) results.push(await timed(url));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});
