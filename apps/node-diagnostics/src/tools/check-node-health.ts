import { analyzeBundle } from '@faultline/eks-node-diagnostics';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { open } from '../bundle-access';
import type { ServerDeps } from '../deps';
import { BundleRefSchema, CountsSchema, NodeSchema, PackSummarySchema } from '../schemas';
import { runTool } from './run-tool';

/** Output of check_node_health. */
export const HealthOutputSchema = z.object({
  node: NodeSchema,
  status: z
    .enum(['healthy', 'degraded', 'unhealthy'])
    .describe('unhealthy: the node cannot run pods reliably (a critical finding).'),
  counts: CountsSchema,
  packs: z
    .array(PackSummarySchema)
    .describe('Every rule pack, with its status and its top findings (ids for get_finding).'),
  next: z.array(
    z.object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()), why: z.string() }),
  ),
});

/** Registers `check_node_health`. */
export function registerCheckNodeHealthTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'check_node_health',
    {
      title: 'Summarise the health of an EKS node',
      description:
        'A one-screen health summary of a node bundle: overall status, counts by severity, and per rule pack its status and top findings ' +
        '(ids you can pass to get_finding). Use it first; call analyze_node_bundle for the full findings. Works offline. Read-only.',
      inputSchema: { bundle: BundleRefSchema },
      outputSchema: HealthOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(deps, 'check_node_health', args, async () => {
        const { findings, summary } = await analyzeBundle(await open(deps, args.bundle));
        deps.findings.add(findings);
        const worst = findings[0];
        return {
          node: summary.node,
          status: summary.status,
          counts: summary.counts,
          packs: summary.packs,
          next: [
            ...(worst
              ? [
                  {
                    tool: 'get_finding',
                    arguments: { id: worst.id },
                    why: 'Read the most severe finding in full.',
                  },
                ]
              : []),
            {
              tool: 'analyze_node_bundle',
              arguments: { bundle: args.bundle, minSeverity: 'medium' },
              why: 'All findings with evidence.',
            },
          ],
        };
      }),
  );
}
