import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listTools, ToolListCache } from './tool-list-cache';

function serverWith(names: string[]): McpServer {
  const server = new McpServer({ name: 't', version: '0' });
  for (const name of names) {
    server.registerTool(name, { description: name, inputSchema: { text: z.string().max(10) } }, async () => ({
      content: [],
    }));
  }
  return server;
}

async function list(server: McpServer) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'c', version: '0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client.listTools();
}

describe('ToolListCache', () => {
  it('answers from a snapshot written at build time while the tool names match', async () => {
    const snapshot = await listTools(serverWith(['a', 'b']));
    const marked = { ...(snapshot as object), _meta: { from: 'snapshot' } };
    const cache = new ToolListCache();
    expect(cache.seed(JSON.parse(JSON.stringify(marked)))).toBe(true);
    const server = serverWith(['a', 'b']);
    cache.install(server);
    const answer = await list(server);
    expect(answer._meta).toEqual({ from: 'snapshot' });
    expect(answer.tools.map((t) => t.name)).toEqual(['a', 'b']);
    expect(answer.tools[0]?.inputSchema).toMatchObject({ properties: { text: { maxLength: 10 } } });
  });

  it('lets the SDK answer for other tools (a --read-only server, a stale snapshot)', async () => {
    const cache = new ToolListCache();
    cache.seed({ tools: [{ name: 'a' }, { name: 'b' }], _meta: { from: 'snapshot' } });
    const server = serverWith(['a']);
    cache.install(server);
    const answer = await list(server);
    expect(answer._meta).toBeUndefined();
    expect(answer.tools.map((t) => t.name)).toEqual(['a']);
  });

  it('refuses a snapshot that is not a tools/list answer', () => {
    const cache = new ToolListCache();
    expect(cache.seed({ tools: [{ title: 'no name' }] })).toBe(false);
    expect(cache.seed('nonsense')).toBe(false);
  });
});
