// A closed-loop load generator for Streamable HTTP: N clients, each sending its next POST as soon
// as the previous answer has arrived, over keep-alive connections on loopback.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { quantile, sleep } from './common.mjs';
import { PROTOCOL_VERSION } from './stdio-client.mjs';

/** Starts an HTTP server bin and waits for the port it logs on stderr (`--port 0`). */
export async function startHttpServer(script, args, { env, stderrFile, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    stdio: ['ignore', 'ignore', openSync(stderrFile, 'w')],
    env: { ...process.env, ...env },
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = /listening.*"port":(\d+)/.exec(readFileSync(stderrFile, 'utf8'));
    if (match) return { child, port: Number(match[1]) };
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not start listening: ${readFileSync(stderrFile, 'utf8').slice(-500)}`);
    }
    await sleep(20);
  }
}

/** Stops a server started by {@link startHttpServer}. */
export async function stopHttpServer(server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const done = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 3000);
  await done;
  clearTimeout(timer);
}

/** Whether a response body (one JSON message, or SSE events) holds a JSON-RPC result that is not a tool error. */
function answered(text) {
  const payload = text.trimStart().startsWith('{')
    ? text
    : text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5))
        .at(-1);
  try {
    const message = JSON.parse(payload ?? '');
    return message.result !== undefined && message.result.isError !== true;
  } catch {
    return false;
  }
}

/** One JSON-RPC POST; resolves with the status and whether the answer carries a non-error result. */
function post(agent, port, body) {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/mcp',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': PROTOCOL_VERSION,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode, ok: res.statusCode === 200 && answered(text), text });
        });
        res.on('error', () => resolve({ status: res.statusCode ?? 0, ok: false, text }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, ok: false, text: String(error) }));
    req.end(body);
  });
}

/**
 * Runs `clients` closed-loop clients for `warmUpMs + measureMs`; counts and times only the requests
 * that started inside the measuring window. Returns requests/s, latency percentiles and errors.
 */
export async function loadTest({ port, clients, body, warmUpMs, measureMs }) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
  const start = performance.now();
  const windowStart = start + warmUpMs;
  const windowEnd = windowStart + measureMs;
  const latencies = [];
  let errors = 0;
  let firstError;
  const client = async () => {
    for (;;) {
      const t = performance.now();
      if (t >= windowEnd) return;
      const answer = await post(agent, port, body);
      const done = performance.now();
      if (t >= windowStart && done <= windowEnd + 10_000) {
        if (answer.ok) latencies.push(done - t);
        else {
          errors += 1;
          firstError ??= `${answer.status} ${answer.text.slice(0, 200)}`;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  const elapsed = Math.max(measureMs, performance.now() - windowStart);
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    errors,
    ...(firstError && { firstError }),
    perSecond: latencies.length / (elapsed / 1000),
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
  };
}

/** The JSON body of a tools/call. */
export const toolCallBody = (name, args) =>
  JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

/** The JSON body of a tools/list. */
export const toolsListBody = () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
