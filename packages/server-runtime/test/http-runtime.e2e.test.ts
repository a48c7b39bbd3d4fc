import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedServer, startServer } from '../src/testing/start-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = ['--import', 'tsx', join(root, 'test', 'fixtures', 'slow-server.ts')];
const http = ['--transport', 'http', '--port', '0'];
const ACCEPT = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'runtime-e2e', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

const slowCall = (steps: number, stepMs: number) => ({ name: 'slow_count', arguments: { steps, stepMs } });
const rpc = (method: string, params: Record<string, unknown> = {}) =>
  JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
const initialize = rpc('initialize', {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'raw', version: '0' },
});

describe('a runtime server over Streamable HTTP (stateless, SSE)', () => {
  let server: StartedServer;
  beforeAll(async () => {
    server = await startServer([...fixture, ...http], {}, root);
  }, 20_000);
  afterAll(() => server?.stop());

  it('delivers progress notifications while a long tool runs, before its result', async () => {
    const client = await connect(server.url);
    const progress: Array<{ progress: number; at: number }> = [];
    const started = Date.now();
    const result = (await client.callTool(slowCall(4, 150), undefined, {
      onprogress: (p) => progress.push({ progress: p.progress, at: Date.now() - started }),
    })) as CallToolResult;
    const finished = Date.now() - started;
    expect(result.content).toEqual([{ type: 'text', text: 'counted to 4' }]);
    expect(progress.map((p) => p.progress)).toEqual([1, 2, 3, 4]);
    expect(progress[0]?.at).toBeLessThan(finished - 300); // the first step arrived while the call was running
    await client.close();
  });

  it('serves every request statelessly: calls work without a session, and a platform session id is accepted', async () => {
    const init = await fetch(server.url, {
      method: 'POST',
      headers: {
        ...ACCEPT,
        'mcp-session-id': 'platform-abc',
        'x-amzn-bedrock-agentcore-runtime-session-id': 'rt-1',
      },
      body: initialize,
    });
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    const list = await fetch(server.url, {
      method: 'POST',
      headers: { ...ACCEPT, 'mcp-session-id': 'platform-abc', 'mcp-protocol-version': '2025-06-18' },
      body: rpc('tools/list'),
    });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('slow_count');
  });

  it('refuses a rebinding Host on the endpoint with 403, while /health still answers probes', async () => {
    const status = (path: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            path,
            method: 'POST',
            headers: { host: `evil.example.com:${server.port}`, ...ACCEPT },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        );
        req.on('error', reject);
        req.end(path === '/mcp' ? rpc('tools/list') : undefined);
      });
    expect(await status('/mcp')).toBe(403);
    expect(await status('/health')).toBe(200);
  });

  it('refuses GET and DELETE on the endpoint (no stream to resume) with 405', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('answers /health, counts calls at /metrics, and tags each log line with a request id', async () => {
    const base = server.url.replace('/mcp', '');
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/faultline_tool_calls_total\{tool="slow_count",outcome="ok"\} 1/);
    expect(metrics).toMatch(/faultline_tool_call_duration_seconds_count\{tool="slow_count"\} 1/);
    const requestLines = server
      .stderr()
      .split('\n')
      .filter((line) => line.includes('"request"'))
      .map((line) => JSON.parse(line) as { requestId?: string });
    expect(requestLines.length).toBeGreaterThan(3);
    for (const line of requestLines) expect(line.requestId).toMatch(/^[\w-]{8,}$/);
  });
});

describe('the HTTP life cycle', () => {
  it('drains an in-flight call on SIGTERM: the call completes, new connections are refused, exit 0', async () => {
    const server = await startServer([...fixture, ...http], {}, root);
    const client = await connect(server.url);
    const call = client.callTool(slowCall(8, 150)) as Promise<CallToolResult>;
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(server.url.replace('/mcp', '/health'))).rejects.toThrow();
    expect((await call).content).toEqual([{ type: 'text', text: 'counted to 8' }]);
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toMatch(/"outcome":"drained"/);
  }, 20_000);

  it('gives up draining after --shutdown-timeout-ms and exits 1', async () => {
    const server = await startServer([...fixture, ...http, '--shutdown-timeout-ms', '200'], {}, root);
    const client = await connect(server.url);
    let settled = false;
    const call = client.callTool(slowCall(20, 200)).finally(() => {
      settled = true;
    });
    call.catch(() => {}); // the stream is cut; the client would wait for its own timeout
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(2500);
    expect(settled).toBe(false); // the call never got a result
    expect(server.stderr()).toMatch(/"outcome":"forced"/);
    await client.close();
  }, 20_000);

  it('caps concurrent requests with 503 and Retry-After, and answers JSON bodies with --response json', async () => {
    const server = await startServer(
      [...fixture, ...http, '--max-concurrent', '1', '--response', 'json'],
      {},
      root,
    );
    const slow = fetch(server.url, {
      method: 'POST',
      headers: ACCEPT,
      body: rpc('tools/call', slowCall(3, 200)),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const refused = await fetch(server.url, { method: 'POST', headers: ACCEPT, body: rpc('tools/list') });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.text()).toMatch(/--max-concurrent/);
    const done = await slow;
    expect(done.headers.get('content-type')).toMatch(/application\/json/);
    expect(await done.json()).toMatchObject({ result: { content: [{ text: 'counted to 3' }] } });
    await server.stop();
  }, 20_000);

  it('answers 504 when a call outlives --request-timeout-ms', async () => {
    const server = await startServer(
      [...fixture, ...http, '--request-timeout-ms', '1000', '--response', 'json'],
      {},
      root,
    );
    const response = await fetch(server.url, {
      method: 'POST',
      headers: ACCEPT,
      body: rpc('tools/call', slowCall(4, 500)),
    });
    expect(response.status).toBe(504);
    expect(await response.text()).toMatch(/longer than 1000 ms/);
    await server.stop();
  }, 20_000);

  it('--read-only exposes only the tools annotated read-only', async () => {
    const server = await startServer([...fixture, ...http, '--read-only'], {}, root);
    const client = await connect(server.url);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['slow_count']);
    const refused = (await client.callTool({ name: 'reset_counter', arguments: {} })) as CallToolResult;
    expect(refused.isError).toBe(true);
    await client.close();
    await server.stop();
  }, 20_000);

  it('/ready answers 503 with a reason when a check fails, and reports fault injection while it is on', async () => {
    const server = await startServer(
      [...fixture, ...http],
      {
        FIXTURE_NOT_READY: '1',
        FAULTLINE_CHAOS_ERROR_RATE: '1',
        FAULTLINE_CHAOS_DELAY_MS: '50',
      },
      root,
    );
    const ready = await fetch(server.url.replace('/mcp', '/ready'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'not_ready',
      reason: 'upstream: upstream_unreachable',
      chaos: { delayMs: 50, errorRate: 1 },
    });
    const client = await connect(server.url);
    const result = (await client.callTool(slowCall(1, 0))) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/CHAOS_INJECTED_ERROR/);
    const metrics = await (await fetch(server.url.replace('/mcp', '/metrics'))).text();
    expect(metrics).toMatch(/faultline_chaos_injected_total\{kind="error"\} 1/);
    expect(metrics).toMatch(/faultline_tool_calls_total\{tool="slow_count",outcome="error"\} 1/);
    await client.close();
    await server.stop();
  }, 20_000);
});

describe('refusals at start', () => {
  it('refuses to listen beyond loopback without authentication, and says why', () => {
    const result = spawnSync(process.execPath, [...fixture, '--transport', 'http', '--host', '0.0.0.0'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without authentication/);
  });

  it('--list-tools prints each tool with its DevOps Agent class', () => {
    const result = spawnSync(process.execPath, [...fixture, '--list-tools'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const tools = JSON.parse(result.stdout) as Array<{ name: string; toolClass: string; problems: string[] }>;
    expect(tools.map((t) => [t.name, t.toolClass, t.problems])).toEqual([
      ['reset_counter', 'destructive', []],
      ['slow_count', 'read-only', []],
    ]);
  });
});
