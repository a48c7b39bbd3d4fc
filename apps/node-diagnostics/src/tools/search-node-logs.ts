import { searchBundle } from '@faultline/eks-node-diagnostics';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { open } from '../bundle-access';
import type { ServerDeps } from '../deps';
import { BundleRefSchema } from '../schemas';
import { runTool } from './run-tool';

/** Output of search_node_logs. */
export const SearchOutputSchema = z.object({
  matches: z.array(
    z.object({ file: z.string(), line: z.number().int(), time: z.string().optional(), text: z.string() }),
  ),
  truncated: z.boolean().describe('More lines matched than were returned, or the time budget ran out.'),
  stoppedBy: z.enum(['maxMatches', 'deadline']).optional(),
  filesScanned: z.number().int(),
  linesScanned: z.number().int(),
});

const iso = z.string().max(64);

/** Registers `search_node_logs`. */
export function registerSearchNodeLogsTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'search_node_logs',
    {
      title: 'Search a node’s logs',
      description:
        'Finds lines matching a pattern in a bundle’s files, optionally only some files and only within a window of log time, and returns them ' +
        'with file, line number and time. The pattern is a literal (literal: true) or a regular expression run by a linear-time engine ' +
        '(no backreferences or lookaround). Output is bounded (maxMatches, 4 KB per line searched, a 20 s budget). Matched lines are quoted data. Read-only.',
      inputSchema: {
        bundle: BundleRefSchema,
        pattern: z
          .string()
          .min(1)
          .max(512)
          .describe('What to look for, e.g. "table full" or "Killed process \\\\d+ \\\\(java\\\\)".'),
        literal: z
          .boolean()
          .optional()
          .describe('Match the pattern as plain text (default false: a regular expression).'),
        ignoreCase: z.boolean().optional().describe('Ignore ASCII case (default false).'),
        files: z
          .array(z.string().max(256))
          .max(20)
          .optional()
          .describe(
            'Only files whose bundle path starts with one of these, e.g. "kubelet/" or "var_log/messages".',
          ),
        since: iso.optional().describe('Only lines at or after this ISO 8601 time.'),
        until: iso.optional().describe('Only lines at or before this ISO 8601 time.'),
        around: iso.optional().describe('Centre of a time window (ISO 8601), e.g. a finding’s firstSeen.'),
        windowMinutes: z
          .number()
          .int()
          .min(1)
          .max(1440)
          .optional()
          .describe('Half-width of the window around `around`, in minutes (default 15).'),
        maxMatches: z.number().int().min(1).max(500).optional().describe('Most lines returned (default 50).'),
      },
      outputSchema: SearchOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(deps, 'search_node_logs', args, async () => {
        const { bundle, ...options } = args;
        return searchBundle(await open(deps, bundle), options);
      }),
  );
}
