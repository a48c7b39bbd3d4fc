import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolErrorOf } from '../tool-result';
import { installInputValidation, withholdTools } from './input-validation';

const Recommendation = z.object({ action: z.string(), duration: z.string().optional() });

async function connected(install = true) {
  const server = new McpServer({ name: 'input-test', version: '0' });
  const seen: unknown[] = [];
  server.registerTool(
    'make',
    {
      inputSchema: {
        recommendation: z.union([Recommendation, z.array(Recommendation).min(1)]),
        mode: z.enum(['parallel', 'sequential']).optional(),
        count: z.number().int().max(5).optional(),
        label: z.string().max(8).optional(),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) => {
      seen.push(args);
      return { content: [{ type: 'text', text: 'made' }] };
    },
  );
  const coerced: Array<[string, string[]]> = [];
  if (install) installInputValidation(server, (tool, fields) => coerced.push([tool, fields]));
  withholdTools(server, ['erase'], 'the server runs with --read-only');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'c', version: '0' });
  await client.connect(clientSide);
  const call = async (args: Record<string, unknown>, name = 'make') =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { call, seen, coerced };
}

const textOf = (result: CallToolResult) => (result.content[0] as { text: string }).text;

describe('installInputValidation', () => {
  it('answers a union field given the wrong type with the forms it accepts, coded', async () => {
    const { call } = await connected();
    const result = await call({ recommendation: 7 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'INVALID_INPUT: recommendation: expected an object or an array, got the number 7. The input schema of make is in tools/list.',
    );
    expect(toolErrorOf(result)).toMatchObject({
      code: 'INVALID_INPUT',
      tool: 'make',
      issues: [{ path: 'recommendation', message: 'expected an object or an array, got the number 7' }],
    });
  });

  it('explains the union branch the value came closest to, with the inner path', async () => {
    const { call } = await connected();
    expect(textOf(await call({ recommendation: { action: 5 } }))).toMatch(
      /^INVALID_INPUT: recommendation\.action: expected a string, got the number 5\./,
    );
    expect(textOf(await call({ recommendation: [{ action: 'a' }, {}] }))).toMatch(
      /^INVALID_INPUT: recommendation\[1\]\.action: required: a string\./,
    );
    expect(textOf(await call({ recommendation: [] }))).toMatch(/recommendation: expected at least one item/);
  });

  it('names every bad field at once: missing, out of range, not an option, too long', async () => {
    const { call } = await connected();
    expect(textOf(await call({}))).toMatch(
      /^INVALID_INPUT: recommendation: required: an object or an array\./,
    );
    const text = textOf(
      await call({ recommendation: { action: 'a' }, mode: 'paralel', count: 9, label: 'much too long' }),
    );
    expect(text).toContain('mode: expected one of "parallel", "sequential", got "paralel"');
    expect(text).toContain('count: too large: expected at most 5');
    expect(text).toContain('label: too large: expected at most 8 characters');
  });

  it('never echoes a string given for a structured field (it may be a token)', async () => {
    const { call } = await connected();
    const secret = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const text = textOf(await call({ recommendation: { action: 'a' }, count: secret }));
    expect(text).toContain('count: expected a number, got a string of 40 characters');
    expect(JSON.stringify(await call({ recommendation: { action: 'a' }, count: secret }))).not.toContain(
      secret,
    );
  });

  it('accepts an object sent as JSON text when the parsed form is valid, and says so to the listener', async () => {
    const { call, seen, coerced } = await connected();
    const result = await call({ recommendation: JSON.stringify({ action: 'aws:ec2:stop-instances' }) });
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual([{ recommendation: { action: 'aws:ec2:stop-instances' } }]);
    expect(coerced).toEqual([['make', ['recommendation']]]);
    // JSON text that is not valid either way is refused with the explanation of the text as given
    const refused = await call({ recommendation: '{"action": 5}' });
    expect(textOf(refused)).toMatch(
      /^INVALID_INPUT: recommendation: expected an object or an array, got a string/,
    );
  });

  it('leaves valid calls to the SDK untouched, and codes a call to a tool that does not exist', async () => {
    const { call, seen } = await connected();
    expect((await call({ recommendation: [{ action: 'a', duration: 'PT1M' }] })).isError).toBeFalsy();
    expect(seen).toEqual([{ recommendation: [{ action: 'a', duration: 'PT1M' }] }]);
    const missing = await call({}, 'nope');
    expect(textOf(missing)).toBe(
      'UNKNOWN_TOOL: this server has no tool named "nope"; tools/list shows its tools',
    );
  });

  it('names every bad field even among many problems, and counts the rest', async () => {
    const { call } = await connected();
    const many = Array.from({ length: 14 }, () => ({ action: 1 }));
    const result = await call({ recommendation: many, mode: 'x' });
    const issues = toolErrorOf(result)?.issues as Array<{ path: string; message: string }>;
    expect(issues.some((i) => i.path === 'mode')).toBe(true);
    expect(issues.at(-1)).toEqual({ path: '(arguments)', message: 'and 5 more problems' });
  });

  it('codes arguments nested too deeply to check', async () => {
    const { call } = await connected();
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const result = await call({ recommendation: deep });
    expect(textOf(result)).toMatch(/^INVALID_INPUT: /);
  });

  it('is what the SDK answers without it (so a missing SDK method degrades to this, not a crash)', async () => {
    const { call } = await connected(false);
    expect(textOf(await call({ recommendation: 7 }))).toMatch(/^MCP error -32602: Input validation error/);
  });
});
