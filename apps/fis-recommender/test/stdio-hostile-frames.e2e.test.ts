import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');

/** The built server over stdio, fed raw frames: nothing a client writes may stop it. */
describe('stdio: hostile JSON-RPC frames', () => {
  let child: ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  let exited: number | null | undefined;

  /** The JSON-RPC messages read so far, one per line. */
  const messages = () =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id?: unknown; result?: unknown; error?: { code: number } });

  async function answer(
    id: number,
    timeoutMs = 10_000,
  ): Promise<{ result?: unknown; error?: { code: number } }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages().find((m) => m.id === id);
      if (found) return found;
      if (exited !== undefined) throw new Error(`the server exited (${exited}): ${stderr.slice(-500)}`);
      if (Date.now() > deadline) throw new Error(`no answer to request ${id}; stderr: ${stderr.slice(-500)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const write = (frame: string | Buffer) =>
    new Promise<void>((resolve, reject) =>
      child.stdin.write(frame, (error) => (error ? reject(error) : resolve())),
    );

  let nextId = 100;
  /** A normal tools/list must still be answered, by a process that is still running. */
  async function stillServes(): Promise<void> {
    const id = nextId++;
    await write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list' })}\n`);
    const reply = await answer(id);
    expect(reply.error).toBeUndefined();
    expect((reply.result as { tools: unknown[] }).tools.length).toBe(2);
    expect(exited).toBeUndefined();
  }

  beforeAll(async () => {
    expect(existsSync(bin), 'run the build first (npm test does)').toBe(true);
    child = spawn(process.execPath, [bin], {
      env: { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('exit', (code) => {
      exited = code;
    });
    await write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw', version: '0' },
        },
      })}\n`,
    );
    await answer(1);
    await write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  });

  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it.each([
    ['malformed JSON', '{"jsonrpc": "2.0", "id": 7, "method": "tools/list"\n'],
    ['a lone brace', '{\n'],
    ['a wrong jsonrpc version', `${JSON.stringify({ jsonrpc: '1.0', id: 8, method: 'tools/list' })}\n`],
    ['no jsonrpc field', `${JSON.stringify({ id: 9, method: 'tools/list' })}\n`],
    ['JSON that is not an object', '[]\nnull\n"tools/list"\n42\ntrue\n'],
    ['an object id', `${JSON.stringify({ jsonrpc: '2.0', id: { a: 1 }, method: 'tools/list' })}\n`],
    ['an unknown method', `${JSON.stringify({ jsonrpc: '2.0', id: 10, method: '__proto__' })}\n`],
    [
      'a tools/call of an unknown tool with hostile arguments',
      `${JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: '../../x', arguments: { __proto__: { a: 1 } } } })}\n`,
    ],
    [
      'a tools/call whose arguments are an array',
      `${JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'tools/call', params: { name: 'recommend_fis_experiments', arguments: [1, 2] } })}\n`,
    ],
    ['binary garbage with NUL bytes and invalid UTF-8', Buffer.from([0, 0xff, 0xfe, 0x7b, 0xc3, 0x28, 0x0a])],
    ['a CRLF line of whitespace', ' \t \r\n'],
    [
      'a JSON-RPC batch',
      `${JSON.stringify([
        { jsonrpc: '2.0', id: 13, method: 'tools/list' },
        { jsonrpc: '2.0', id: 14, method: 'ping' },
      ])}\n`,
    ],
    ['10,000 levels of nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
  ])('keeps serving after %s', async (_, frame) => {
    await write(frame);
    await stillServes();
  });

  it('answers a request with a wrong jsonrpc version with nothing worse than silence or an error', async () => {
    await write(`${JSON.stringify({ jsonrpc: '1.0', id: 15, method: 'tools/list' })}\n`);
    await stillServes();
    const reply = messages().find((m) => m.id === 15);
    expect(reply?.result).toBeUndefined();
  });

  it('keeps serving after a 12 MB line (over the SDK’s 10 MB read buffer) and a 2 MB valid call', async () => {
    const started = performance.now();
    await write(`${'x'.repeat(12 * 1024 * 1024)}\n`);
    await stillServes();
    const id = nextId++;
    await write(
      `${JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: {
          name: 'recommend_fis_experiments',
          arguments: { finding: { summary: 'y'.repeat(2 * 1024 * 1024) } },
        },
      })}\n`,
    );
    const reply = await answer(id);
    expect((reply.result as { isError?: boolean }).isError).toBe(true);
    await stillServes();
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
