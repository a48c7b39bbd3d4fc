import type { z } from 'zod';
import type { McpProbeSchema } from '../scenario/schema';
import { type McpSession, openMcpSession } from './mcp-session';
import type { ProbeRunner } from './probe-sample';
import { timedSample } from './probe-sample';

/** An MCP probe definition. */
export type McpProbe = z.output<typeof McpProbeSchema>;

/**
 * A synthetic MCP probe: each sample opens a new session (initialize), runs the operation
 * (tools/list or a tools/call) and closes it, as an external monitor would.
 */
export function createMcpProbe(
  probe: McpProbe,
  timeoutMs: number,
  now: () => number,
  cwd?: string,
): ProbeRunner {
  const endpoint =
    probe.transport === 'http'
      ? { transport: 'http' as const, url: probe.url as string }
      : { transport: 'stdio' as const, command: probe.command ?? [], cwd };
  return {
    name: probe.name,
    sample: () => {
      let session: McpSession | undefined;
      return timedSample(probe.name, timeoutMs, now, async () => {
        try {
          session = await openMcpSession(endpoint, timeoutMs);
          const { client } = session;
          if (probe.operation === 'tools/list') {
            const listed = await client.listTools(undefined, { timeout: timeoutMs });
            const min = probe.expect?.min_tools ?? 1;
            if (listed.tools.length < min)
              throw new Error(`tools/list returned ${listed.tools.length} tools, expected >= ${min}`);
          } else if (probe.operation === 'tools/call') {
            const result = await client.callTool(
              { name: probe.tool as string, arguments: probe.arguments ?? {} },
              undefined,
              {
                timeout: timeoutMs,
              },
            );
            const text = JSON.stringify(result.content ?? result.structuredContent ?? '');
            if (result.isError && !probe.expect?.allow_tool_error)
              throw new Error(`tool error: ${text.slice(0, 160)}`);
            if (probe.expect?.text_contains && !text.includes(probe.expect.text_contains)) {
              throw new Error(`result does not contain "${probe.expect.text_contains}"`);
            }
          }
        } finally {
          void session?.close();
        }
      });
    },
  };
}
