import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorResult, structuredResult } from '../src/tool-result';
import { installInputValidation } from '../src/tools/input-validation';
import { fuzzTool, leak } from './support/tool-fuzz';

/** A server with one tool whose behaviour the test picks, to prove the harness fails when it should. */
async function serverWith(
  behaviour: 'good' | 'stack' | 'hang' | 'loose' | 'bad-output' | 'private-path',
): Promise<Client> {
  const server = new McpServer({ name: 'fuzz-self-test', version: '0' });
  installInputValidation(server);
  server.registerTool(
    'echo_count',
    {
      inputSchema: {
        text: z.string().max(100),
        // z.coerce says "number" in the JSON schema but takes "2": a wrong type accepted
        times:
          behaviour === 'loose' ? z.coerce.number().optional() : z.number().int().min(1).max(3).optional(),
      },
      outputSchema: { count: z.number() },
    },
    async (args) => {
      switch (behaviour) {
        case 'stack':
          return {
            isError: true,
            content: [
              { type: 'text', text: 'TypeError: boom\n    at handler (/srv/app/dist/index.js:10:5)' },
            ],
          };
        case 'hang':
          return new Promise(() => {});
        case 'bad-output':
          return structuredResult({ count: 'many' });
        case 'private-path':
          return errorResult('APP_FAILED', 'could not read /srv/private/config.json');
        default:
          return structuredResult({ count: typeof args.text === 'string' ? args.text.length : 0 });
      }
    },
  );
  const client = new Client({ name: 'fuzz', version: '0' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(a), server.connect(b)]);
  return client;
}

/** The message of what made the property fail (fast-check wraps it as the cause). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return `${(error as Error).message}\n${String((error as Error).cause)}`;
  }
  return 'did not fail';
}

async function fuzz(behaviour: Parameters<typeof serverWith>[0]) {
  const client = await serverWith(behaviour);
  const [tool] = (await client.listTools()).tools;
  try {
    return await fuzzTool(tool as never, {
      client,
      numRuns: 60,
      privatePaths: ['/srv/private'],
      callTimeoutMs: 300,
      seeds: [{ text: 'hello' }],
    });
  } finally {
    await client.close();
  }
}

describe('the tool-input fuzz harness', () => {
  it('passes a well-behaved tool and counts what it tried', async () => {
    const stats = await fuzz('good');
    expect(stats.runs).toBe(60);
    expect(stats.ok + stats.toolErrors + stats.protocolErrors).toBe(60);
    expect(stats.ok).toBeGreaterThan(0);
    expect(stats.mustReject).toBeGreaterThan(0);
  });

  it.each([
    ['a stack trace', 'stack', /leaks a stack trace/],
    ['a hang', 'hang', /did not answer within 300 ms/],
    ['a tool that accepts wrong types', 'loose', /accepted a value of the wrong type for times/],
    ['output that breaks the output schema', 'bad-output', /breaks its output schema/],
    ['a private path in an error', 'private-path', /private path \/srv\/private/],
  ] as const)('fails on %s', async (_, behaviour, message) => {
    expect(await failure(fuzz(behaviour))).toMatch(message);
  });

  it('does not count text the caller sent as a leak', () => {
    expect(leak('no file "file:///etc/passwd"', [], '"file:///etc/passwd"')).toBeUndefined();
    expect(leak('no file /srv/private/x', ['/srv/private'], '"/srv/private/x"')).toBeUndefined();
    expect(leak('Error\n    at f (x.js:1:2)', [], '')).toBe('a stack trace');
  });
});
