import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../metrics';
import { toolErrorOf } from '../tool-result';
import { InstrumentedTransport } from './instrumented-transport';

async function connected(chaos: { delayMs: number; errorRate: number }, random = () => 0.5) {
  const server = new McpServer({ name: 't', version: '0' });
  server.registerTool('echo', { description: 'echo' }, async () => ({
    content: [{ type: 'text', text: 'hi' }],
  }));
  const metrics = new Metrics({ server: 't', version: '0' });
  const sleeps: number[] = [];
  let clock = 0;
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const transport = new InstrumentedTransport(serverSide, {
    metrics,
    chaos,
    knownTools: new Set(['echo']),
    random,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  const client = new Client({ name: 'c', version: '0' });
  await Promise.all([server.connect(transport), client.connect(clientSide)]);
  return { client, metrics, sleeps };
}

describe('InstrumentedTransport', () => {
  it('counts calls per tool, unknown names under one label', async () => {
    const { client, metrics } = await connected({ delayMs: 0, errorRate: 0 });
    await client.callTool({ name: 'echo', arguments: {} });
    await client.callTool({ name: 'no_such_tool', arguments: {} }).catch(() => {});
    const text = metrics.render();
    expect(text).toContain('faultline_tool_calls_total{tool="echo",outcome="ok"} 1');
    expect(text).toMatch(/faultline_tool_calls_total\{tool="unknown",outcome="(error|protocol_error)"\} 1/);
  });

  it('adds the configured latency to tool calls and measures it', async () => {
    const { client, metrics, sleeps } = await connected({ delayMs: 2000, errorRate: 0 });
    await client.callTool({ name: 'echo', arguments: {} });
    expect(sleeps).toEqual([2000]);
    expect(metrics.render()).toContain('faultline_tool_call_duration_seconds_sum{tool="echo"} 2');
  });

  it('fails the share of calls set by the error rate with a coded tool error', async () => {
    const failing = await connected({ delayMs: 0, errorRate: 0.5 }, () => 0.4);
    const result = (await failing.client.callTool({ name: 'echo', arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({ code: 'CHAOS_INJECTED_ERROR' });
    expect(result.structuredContent).toBeUndefined();
    const passing = await connected({ delayMs: 0, errorRate: 0.5 }, () => 0.6);
    expect(
      ((await passing.client.callTool({ name: 'echo', arguments: {} })) as CallToolResult).isError,
    ).toBeFalsy();
  });
});
