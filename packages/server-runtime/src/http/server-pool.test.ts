import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../logger';
import type { ServerFactoryContext } from '../server-factory';
import { ServerPool } from './server-pool';

function pool(maxIdle = 4) {
  const contexts: ServerFactoryContext[] = [];
  const closed: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const logger: Logger = { log: (_level, message, fields) => lines.push({ message, ...fields }) };
  let listed = 0;
  const servers = new ServerPool({
    logger,
    readOnly: false,
    maxIdle,
    factory: (context) => {
      contexts.push(context);
      const server = new McpServer({ name: 't', version: '0' });
      server.registerTool(
        'echo',
        { description: 'echo', inputSchema: { text: z.string() } },
        async ({ text }) => {
          context.logger.log('info', 'echoed');
          return { content: [{ type: 'text', text }] };
        },
      );
      // Counts the SDK's own tools/list work, under the cache.
      const handlers = (server.server as unknown as { _requestHandlers: Map<string, unknown> })
        ._requestHandlers;
      const original = handlers.get('tools/list') as (...args: unknown[]) => Promise<unknown>;
      handlers.set('tools/list', (...args: unknown[]) => {
        listed += 1;
        return original(...args);
      });
      return { server, close: () => void closed.push(context.requestId ?? 'none') };
    },
  });
  return { servers, contexts, closed, lines, listed: () => listed };
}

async function connect(server: McpServer, capabilities: Record<string, unknown> = {}) {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'c', version: '0' }, { capabilities });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

describe('ServerPool', () => {
  it('reuses an instance for the next request instead of building a new one', async () => {
    const { servers, contexts } = pool();
    const first = await servers.acquire('r-1');
    await servers.release(first, true);
    const second = await servers.acquire('r-2');
    expect(second).toBe(first);
    expect(contexts.map((c) => c.requestId)).toEqual(['r-1']);
    // Two requests at once get two instances.
    const third = await servers.acquire('r-3');
    expect(third).not.toBe(second);
    expect(contexts).toHaveLength(2);
  });

  it('forgets what the previous client said in initialize, as a fresh instance would', async () => {
    const { servers } = pool();
    const instance = await servers.acquire('r-1');
    const client = await connect(instance.built.server, { elicitation: {} });
    expect(instance.built.server.server.getClientCapabilities()).toMatchObject({ elicitation: {} });
    await client.close();
    await servers.release(instance, true);
    const again = await servers.acquire('r-2');
    expect(again).toBe(instance);
    expect(again.built.server.server.getClientCapabilities()).toBeUndefined();
    expect(again.built.server.server.getClientVersion()).toBeUndefined();
    // And it can be connected again.
    const next = await connect(again.built.server);
    expect((await next.listTools()).tools.map((t) => t.name)).toEqual(['echo']);
  });

  it('tags log lines with the request the instance serves now', async () => {
    const { servers, lines } = pool();
    const instance = await servers.acquire('r-1');
    await servers.release(instance, true);
    const again = await servers.acquire('r-2');
    const client = await connect(again.built.server);
    await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    expect(lines).toContainEqual({ message: 'echoed', requestId: 'r-2' });
  });

  it('closes an instance that may still be working instead of lending it again', async () => {
    const { servers, closed } = pool();
    const instance = await servers.acquire('r-1');
    await servers.release(instance, false);
    expect(closed).toEqual(['r-1']);
    expect(servers.size).toBe(0);
    expect(await servers.acquire('r-2')).not.toBe(instance);
  });

  it('keeps at most maxIdle idle instances, and closes them when the pool closes', async () => {
    const { servers, closed } = pool(1);
    const a = await servers.acquire('a');
    const b = await servers.acquire('b');
    await servers.release(a, true);
    await servers.release(b, true);
    expect(servers.size).toBe(1);
    expect(closed).toEqual(['b']);
    await servers.close();
    expect(closed).toEqual(['b', 'a']);
  });

  it('answers tools/list from one listing per process, the same as the SDK would', async () => {
    const { servers, listed } = pool();
    const a = await servers.acquire('a');
    const b = await servers.acquire('b');
    const first = await (await connect(a.built.server)).listTools();
    const second = await (await connect(b.built.server)).listTools();
    expect(second).toEqual(first);
    expect(first.tools[0]).toMatchObject({ name: 'echo', inputSchema: { type: 'object' } });
    expect(listed()).toBe(1);
  });
});
