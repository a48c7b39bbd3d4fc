import { analyzeBundle, compareAnalyses } from '@faultline/eks-node-diagnostics';
import { SeveritySchema } from '@faultline/findings';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { open } from '../bundle-access';
import type { ServerDeps } from '../deps';
import { BundleRefSchema, NodeFindingSchema } from '../schemas';
import { runTool } from './run-tool';

const Difference = z.object({
  key: z.string(),
  suspect: z.string().nullable(),
  knownGood: z.string().nullable(),
});
const Brief = z.object({ rule: z.string(), title: z.string(), severity: SeveritySchema });
const Side = z.object({ node: z.string(), bundle: z.string(), status: z.string() });

/** Output of compare_nodes. */
export const CompareOutputSchema = z.object({
  suspect: Side,
  knownGood: Side,
  iptables: z.object({
    onlyOnSuspect: z.array(z.string()),
    onlyOnKnownGood: z.array(z.string()),
    suspectRules: z.number().int(),
    knownGoodRules: z.number().int(),
  }),
  sysctls: z.array(Difference),
  versions: z.array(Difference),
  kubeletConfig: z.array(Difference),
  findings: z.object({
    onlyOnSuspect: z.array(Brief),
    onlyOnKnownGood: z.array(Brief),
    onBoth: z.array(z.string()),
  }),
  differenceFindings: z
    .array(NodeFindingSchema)
    .describe('Each kind of difference as a finding about the suspect node.'),
});

/** Registers `compare_nodes`. */
export function registerCompareNodesTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'compare_nodes',
    {
      title: 'Compare a suspect node with a known-good node',
      description:
        'Analyses two bundles and sets them side by side: iptables rules only on one node, differing sysctls, kernel/kubelet/containerd/VPC CNI ' +
        'versions, kubelet configuration, and which findings only the suspect node has. Each kind of difference is also returned as a finding ' +
        '(e.g. an extra DROP rule on the suspect node is high). Use it when one node misbehaves and its peers do not. Read-only.',
      inputSchema: {
        suspect: BundleRefSchema.describe('Bundle of the node that misbehaves.'),
        knownGood: BundleRefSchema.describe('Bundle of a healthy node of the same node group.'),
      },
      outputSchema: CompareOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(deps, 'compare_nodes', args, async () => {
        const suspect = await analyzeBundle(await open(deps, args.suspect));
        const good = await analyzeBundle(await open(deps, args.knownGood));
        const comparison = compareAnalyses(suspect, good);
        deps.findings.add([...suspect.findings, ...comparison.differenceFindings]);
        return comparison;
      }),
  );
}
