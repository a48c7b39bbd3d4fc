// A bare JSON-RPC client over a child's stdio: newline-delimited messages, as MCP's stdio transport
// frames them. Much lighter than the SDK's Client, so the figures measure the server, not the client.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

export const PROTOCOL_VERSION = '2025-06-18';

/**
 * Starts `node <script> ...args` with stdin/stdout piped and stderr sent to `stderrFile` (a file,
 * not a pipe: nobody has to drain it, and a full pipe can never stall the server). `nodeArgs` go
 * to node itself (`--cpu-prof` when profiling).
 */
export function startStdioServer(
  script,
  args = [],
  { env, stderrFile = '/dev/null', cwd, nodeArgs = [] } = {},
) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    stdio: ['pipe', 'pipe', openSync(stderrFile, 'a')],
    env: { ...process.env, ...env },
    ...(cwd && { cwd }),
  });
  const pending = new Map();
  let nextId = 1;
  let buffer = '';
  let exited;
  const exitedPromise = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  exitedPromise.then((status) => {
    exited = status;
    for (const { reject } of pending.values()) {
      reject(new Error(`server exited (${status.code ?? status.signal}) with a request pending`));
    }
    pending.clear();
  });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      if (line.trim() === '') continue;
      const message = JSON.parse(line);
      const waiter = message.id !== undefined ? pending.get(message.id) : undefined;
      if (!waiter) continue;
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else waiter.resolve(message.result);
    }
  });
  child.stdin.on('error', () => {});

  const request = (method, params) => {
    if (exited) return Promise.reject(new Error(`server exited (${exited.code ?? exited.signal})`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params && { params }) })}\n`);
    });
  };
  const notify = (method, params) =>
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, ...(params && { params }) })}\n`);

  return {
    child,
    started,
    request,
    notify,
    /** initialize + notifications/initialized. */
    async initialize() {
      const result = await request('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'faultline-bench', version: '0' },
      });
      notify('notifications/initialized');
      return result;
    },
    /** Calls a tool; throws when the result is a tool error. */
    async callTool(name, args) {
      const result = await request('tools/call', { name, arguments: args });
      if (result.isError) throw new Error(`${name} failed: ${result.content?.[0]?.text ?? 'tool error'}`);
      return result;
    },
    /** Ends the process (stdin closed, then SIGKILL after a grace period). */
    async stop() {
      if (exited) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
