// Soak of a Faultline MCP server over Streamable HTTP on loopback: many concurrent sessions, each an
// MCP client (initialize, notifications/initialized, then a loop of tools/list and tools/call)
// speaking raw JSON-RPC over fetch, so the load generator stays light. Measures every request's
// outcome and latency, the server's retained heap (after a forced GC, through an IPC probe preloaded
// into the server) after warm-up and at the end, its RSS while loaded, and checks the server counted
// every tool call the clients made (nothing dropped without a client-visible error).
// Used by the CI soak tests and by `pnpm soak` (scripts/soak/cli.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One JSON-RPC call of a workload. */
export interface SoakCall {
  method: 'tools/list' | 'tools/call';
  /** For tools/call. */
  tool?: string;
  arguments?: Record<string, unknown>;
  /** The call is expected to end in a tool error (e.g. a refusal); it is then counted as ok. */
  expectToolError?: boolean;
}

/** A server to soak and what its clients call. */
export interface SoakTarget {
  name: string;
  /** node arguments that start the server (script and flags); --transport http and a port are added. */
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Calls made once by each warm-up session (every tool the workload uses, so lazy caches fill first). */
  warmup: SoakCall[];
  /** The call number `i` of session `s`. */
  next(session: number, i: number): SoakCall;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Concurrent sessions, in each of the two phases of the run (so 2 × sessions in all). */
  sessions: number;
  /** Calls per session after initialize. */
  callsPerSession: number;
  /** Warm-up sessions before the memory baseline. Default 20. */
  warmupSessions?: number;
  /** Poll /ready this often during the run, as a load balancer would. Default 1000 ms. */
  readyEveryMs?: number;
  /** A request slower than this is abandoned and counted as `client-timeout`. Default 30 s. */
  requestTimeoutMs?: number;
  /** Sessions that run at once; default all of them. */
  concurrency?: number;
  /** Sessions start spread over this many ms (a ramp, not a thundering herd). Default 1000. */
  rampMs?: number;
  /** Pause of each session between two calls, as an agent thinking would. Default 0. */
  thinkMs?: number;
  log?: (line: string) => void;
}

/** Latency figures in ms. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Memory of the server process, bytes. */
export interface MemoryFigures {
  /** After warm-up, after a forced GC. */
  baseline: { heapUsed: number; rss: number };
  /** After the first of the two equal phases of the run, after a forced GC. */
  half: { heapUsed: number; rss: number };
  /** At the end, after a forced GC. */
  final: { heapUsed: number; rss: number };
  /** Highest RSS sampled during the run. */
  peakRss: number;
  /**
   * Retained heap growth over the second phase (final − half): the same work as the first phase,
   * done by a warm server, so anything kept per request shows here. Near zero when memory is flat.
   */
  heapGrowth: number;
  /** final − baseline: includes what the first phase warmed up (JIT code, caches that fill once). */
  heapGrowthFromBaseline: number;
  rssGrowth: number;
  /** Whether the GC could be forced (the figures are then retained memory). */
  gcForced: boolean;
}

/** What a soak measured. */
export interface SoakResult {
  server: string;
  /** Sessions in all (two phases). */
  sessions: number;
  /** Sessions at once (each phase). */
  concurrentSessions: number;
  /** Requests made in the measured run (initialize, initialized, calls). */
  requests: number;
  toolCalls: number;
  durationMs: number;
  requestsPerSecond: number;
  /** Outcome → count: ok, http-<status>, jsonrpc-error, tool-error, client-timeout, network-error. */
  outcomes: Record<string, number>;
  /** Requests that ended without any answer from the server (reset, hang-up): must be 0. */
  silentDrops: number;
  latency: Record<string, Latency>;
  memory: MemoryFigures;
  /** Sum of faultline_tool_calls_total at the end (warm-up included) and what the clients sent. */
  serverToolCalls: number;
  clientToolCalls: number;
  /** /ready status → count, polled during the run. */
  ready: Record<string, number>;
  /** Log lines of level error written by the server. */
  serverErrorLogs: number;
  /** How the server exited on SIGTERM after the run. */
  exitCode: number | null;
  /** A few examples of unexpected outcomes. */
  examples: string[];
  /** 1-minute load average of the machine at the start and the end (shared CI machines are noisy). */
  loadAverage: [number, number];
  /** Tool-call latency only (initialize and the notification left out), ms. */
  toolCallLatency: Latency;
  /** Up to 200 requests slower than 2 s, with when they started. */
  slowRequests: Array<{ startedAtMs: number; label: string; ms: number }>;
  /** When the second phase started, ms since the run began. */
  secondPhaseAtMs: number;
}

const PROBE = pathToFileURL(fileURLToPath(new URL('./memory-probe.mjs', import.meta.url))).href;
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

interface Started {
  child: ChildProcess;
  url: string;
  base: string;
  errorLogs: () => number;
  exited: Promise<number | null>;
  memory: () => Promise<{ heapUsed: number; rss: number; gc: boolean }>;
}

async function startTarget(target: SoakTarget, sessions: number): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      PROBE,
      ...target.args,
      '--transport',
      'http',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--rate-limit',
      '0',
      '--max-concurrent',
      String(sessions + 16),
    ],
    {
      cwd: target.cwd,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', ...target.env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    },
  );
  let errorLogs = 0;
  let pending = '';
  let early = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (early.length < 20_000) early += `${line}\n`;
        if (line.includes('"level":"error"')) errorLogs += 1;
        if (line.includes(' listening"')) resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    void exited.then((code) =>
      reject(new Error(`${target.name} exited with ${code} before listening:\n${early}`)),
    );
  });
  const url = await listening;
  const replies: Array<(m: { heapUsed: number; rss: number; gc: boolean }) => void> = [];
  child.on('message', (m: { type?: string; heapUsed: number; rss: number; gc: boolean }) => {
    if (m?.type === 'soak:memory') replies.shift()?.(m);
  });
  return {
    child,
    url,
    base: url.replace(/\/mcp$/, ''),
    errorLogs: () => errorLogs,
    exited,
    memory: () =>
      new Promise((resolve) => {
        replies.push(resolve);
        child.send({ type: 'soak:memory' });
      }),
  };
}

function rssOf(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The JSON-RPC message of a response (a JSON body, or the `data:` of an SSE stream). */
function messageOf(contentType: string, text: string): { result?: unknown; error?: unknown } | undefined {
  if (contentType.includes('text/event-stream')) {
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trim())
      .filter(Boolean);
    const last = data[data.length - 1];
    return last ? (JSON.parse(last) as { result?: unknown; error?: unknown }) : undefined;
  }
  return text ? (JSON.parse(text) as { result?: unknown; error?: unknown }) : undefined;
}

class Recorder {
  readonly outcomes: Record<string, number> = {};
  readonly latencies = new Map<string, number[]>();
  readonly examples: string[] = [];
  requests = 0;
  toolCalls = 0;
  silentDrops = 0;

  /** Requests slower than 2 s: when they started (ms since the run began), what, how long. */
  readonly slow: Array<{ startedAtMs: number; label: string; ms: number }> = [];
  readonly origin = performance.now();

  record(label: string, outcome: string, ms: number, detail = ''): void {
    this.requests += 1;
    if (ms > 2000 && this.slow.length < 200)
      this.slow.push({
        startedAtMs: Math.round(performance.now() - ms - this.origin),
        label,
        ms: Math.round(ms),
      });
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    const list = this.latencies.get(label) ?? [];
    if (list.length === 0) this.latencies.set(label, list);
    list.push(ms);
    if (outcome !== 'ok' && this.examples.length < 10)
      this.examples.push(`${label}: ${outcome} ${detail}`.slice(0, 300));
  }

  latency(): Record<string, Latency> {
    const out: Record<string, Latency> = {};
    const all: number[] = [];
    for (const [label, list] of this.latencies) {
      all.push(...list);
      const sorted = [...list].sort((a, b) => a - b);
      out[label] = {
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? 0,
      };
    }
    const sorted = all.sort((a, b) => a - b);
    out.all = {
      count: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? 0,
    };
    return out;
  }
}

async function post(
  url: string,
  body: unknown,
  label: string,
  recorder: Recorder | undefined,
  timeoutMs: number,
  expectToolError = false,
): Promise<unknown> {
  const started = performance.now();
  let outcome = 'ok';
  let detail = '';
  let result: unknown;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    if (response.status === 202) {
      outcome = 'ok';
    } else if (response.status !== 200) {
      outcome = `http-${response.status}`;
      detail = text.slice(0, 200);
    } else {
      const message = messageOf(response.headers.get('content-type') ?? '', text);
      if (!message) {
        outcome = 'empty-answer';
      } else if (message.error) {
        outcome = 'jsonrpc-error';
        detail = JSON.stringify(message.error);
      } else {
        result = message.result;
        const isError = (message.result as { isError?: boolean } | undefined)?.isError === true;
        if (isError !== expectToolError) {
          outcome = isError ? 'tool-error' : 'unexpected-success';
          detail = JSON.stringify((message.result as { content?: unknown }).content ?? '').slice(0, 200);
        }
      }
    }
  } catch (error) {
    const name = (error as Error).name;
    outcome = name === 'TimeoutError' || name === 'AbortError' ? 'client-timeout' : 'network-error';
    detail = String((error as Error).cause ?? (error as Error).message);
    if (recorder && outcome === 'network-error') recorder.silentDrops += 1;
  }
  recorder?.record(label, outcome, performance.now() - started, detail);
  return result;
}

async function session(
  url: string,
  target: SoakTarget,
  s: number,
  calls: SoakCall[] | number,
  recorder: Recorder | undefined,
  timeoutMs: number,
  thinkMs = 0,
): Promise<void> {
  let id = 0;
  await post(
    url,
    {
      jsonrpc: '2.0',
      id: ++id,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: `soak-${s}`, version: '0' },
      },
    },
    'initialize',
    recorder,
    timeoutMs,
  );
  await post(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    'initialized',
    recorder,
    timeoutMs,
  );
  const list = typeof calls === 'number' ? Array.from({ length: calls }, (_, i) => target.next(s, i)) : calls;
  for (const call of list) {
    if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs));
    if (recorder && call.method === 'tools/call') recorder.toolCalls += 1;
    await post(
      url,
      {
        jsonrpc: '2.0',
        id: ++id,
        method: call.method,
        params: call.method === 'tools/call' ? { name: call.tool, arguments: call.arguments ?? {} } : {},
      },
      call.method === 'tools/call' ? `tools/call ${call.tool}` : call.method,
      recorder,
      timeoutMs,
      call.expectToolError,
    );
  }
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Starts the target over HTTP, warms it up, soaks it and stops it; never throws for a bad outcome (the result says). */
export async function runSoak(target: SoakTarget, options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => {});
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const server = await startTarget(target, options.sessions);
  try {
    log(`${target.name}: listening at ${server.url}; warming up`);
    await pool(options.warmupSessions ?? 20, 10, (s) =>
      session(server.url, target, -1 - s, target.warmup, undefined, timeoutMs),
    );
    const baseline = await server.memory();
    log(
      `${target.name}: baseline heap ${(baseline.heapUsed / 1e6).toFixed(1)} MB, rss ${(baseline.rss / 1e6).toFixed(1)} MB`,
    );
    const recorder = new Recorder();
    const ready: Record<string, number> = {};
    let peakRss = baseline.rss;
    let running = true;
    const sampler = (async () => {
      while (running) {
        const rss = rssOf(server.child.pid as number);
        if (rss !== undefined) peakRss = Math.max(peakRss, rss);
        try {
          const r = await fetch(`${server.base}/ready`, { signal: AbortSignal.timeout(5000) });
          await r.arrayBuffer();
          ready[String(r.status)] = (ready[String(r.status)] ?? 0) + 1;
        } catch {
          ready.error = (ready.error ?? 0) + 1;
        }
        await new Promise((r) => setTimeout(r, options.readyEveryMs ?? 1000));
      }
    })();
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const rampStep = (options.rampMs ?? 1000) / Math.max(1, options.sessions);
    // two equal phases, the heap measured after each: growth over the second one is what leaks
    const phase = async (offset: number) => {
      const phaseStart = performance.now();
      await pool(options.sessions, options.concurrency ?? options.sessions, async (s) => {
        const wait = s * rampStep - (performance.now() - phaseStart);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await session(
          server.url,
          target,
          offset + s,
          options.callsPerSession,
          recorder,
          timeoutMs,
          options.thinkMs,
        );
      });
    };
    await phase(0);
    const half = await server.memory();
    const secondPhaseAtMs = Math.round(performance.now() - recorder.origin);
    await phase(options.sessions);
    const durationMs = performance.now() - started;
    running = false;
    await sampler;
    const final = await server.memory();
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    const serverToolCalls = [...metrics.matchAll(/^faultline_tool_calls_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
    const warmupToolCalls =
      (options.warmupSessions ?? 20) * target.warmup.filter((c) => c.method === 'tools/call').length;
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const result: SoakResult = {
      server: target.name,
      sessions: options.sessions * 2,
      concurrentSessions: options.concurrency ?? options.sessions,
      requests: recorder.requests,
      toolCalls: recorder.toolCalls,
      durationMs: Math.round(durationMs),
      requestsPerSecond: Math.round((recorder.requests / durationMs) * 1000),
      outcomes: recorder.outcomes,
      silentDrops: recorder.silentDrops,
      latency: Object.fromEntries(
        Object.entries(recorder.latency()).map(([k, v]) => [
          k,
          {
            ...v,
            p50: Math.round(v.p50),
            p95: Math.round(v.p95),
            p99: Math.round(v.p99),
            max: Math.round(v.max),
          },
        ]),
      ),
      memory: {
        baseline: { heapUsed: baseline.heapUsed, rss: baseline.rss },
        half: { heapUsed: half.heapUsed, rss: half.rss },
        final: { heapUsed: final.heapUsed, rss: final.rss },
        peakRss,
        heapGrowth: final.heapUsed - half.heapUsed,
        heapGrowthFromBaseline: final.heapUsed - baseline.heapUsed,
        rssGrowth: final.rss - baseline.rss,
        gcForced: baseline.gc && final.gc,
      },
      serverToolCalls: serverToolCalls - warmupToolCalls,
      clientToolCalls: recorder.toolCalls,
      ready,
      serverErrorLogs: server.errorLogs(),
      exitCode,
      examples: recorder.examples,
      loadAverage: [Number(loadBefore.toFixed(2)), Number((loadavg()[0] ?? 0).toFixed(2))],
      toolCallLatency: toolCallLatency(recorder),
      slowRequests: recorder.slow,
      secondPhaseAtMs,
    };
    log(`${target.name}: ${summarize(result)}`);
    return result;
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}

function toolCallLatency(recorder: Recorder): Latency {
  const sorted = [...recorder.latencies]
    .filter(([label]) => label.startsWith('tools/'))
    .flatMap(([, list]) => list)
    .sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: Math.round(percentile(sorted, 50)),
    p95: Math.round(percentile(sorted, 95)),
    p99: Math.round(percentile(sorted, 99)),
    max: Math.round(sorted[sorted.length - 1] ?? 0),
  };
}

/** One line per soak, for logs and the figures table. */
export function summarize(r: SoakResult): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  return [
    `${r.requests} requests (${r.toolCalls} tool calls) over ${r.sessions} sessions, ${r.concurrentSessions} at once, in ${(r.durationMs / 1000).toFixed(1)} s (${r.requestsPerSecond} req/s)`,
    `outcomes ${JSON.stringify(r.outcomes)}, silent drops ${r.silentDrops}`,
    `p50/p95/p99 ${r.latency.all?.p50}/${r.latency.all?.p95}/${r.latency.all?.p99} ms (max ${r.latency.all?.max}); tool calls ${r.toolCallLatency.p50}/${r.toolCallLatency.p95}/${r.toolCallLatency.p99} ms`,
    `heap ${mb(r.memory.baseline.heapUsed)} → ${mb(r.memory.half.heapUsed)} → ${mb(r.memory.final.heapUsed)} (second half ${r.memory.heapGrowth >= 0 ? '+' : ''}${mb(r.memory.heapGrowth)}), rss ${mb(r.memory.baseline.rss)} → ${mb(r.memory.final.rss)}, peak ${mb(r.memory.peakRss)}`,
    `server counted ${r.serverToolCalls}/${r.clientToolCalls} tool calls, /ready ${JSON.stringify(r.ready)}, exit ${r.exitCode}, load ${r.loadAverage.join('→')}`,
  ].join('; ');
}
