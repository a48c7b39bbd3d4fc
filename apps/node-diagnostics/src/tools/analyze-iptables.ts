import {
  analyzeIptables,
  NodeDiagnosticsError,
  NodeDiagnosticsErrorCode,
  readBundleFile,
} from '@faultline/eks-node-diagnostics';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { open } from '../bundle-access';
import type { ServerDeps } from '../deps';
import { BundleRefSchema, NodeFindingSchema } from '../schemas';
import { runTool } from './run-tool';

/** Output of analyze_iptables. */
export const IptablesOutputSchema = z.object({
  findings: z.array(NodeFindingSchema),
  stats: z.object({
    tables: z.array(z.object({ table: z.string(), chains: z.number().int(), rules: z.number().int() })),
    totalRules: z.number().int(),
    kubeProxyChains: z.number().int(),
    rejectRules: z.number().int().describe('DROP and REJECT rules.'),
    allowedRejectRules: z
      .number()
      .int()
      .describe('Of those, rules healthy EKS nodes carry (kube-proxy, Calico, VPC CNI).'),
    dnatRules: z.number().int(),
  }),
});

/** Registers `analyze_iptables`. */
export function registerAnalyzeIptablesTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'analyze_iptables',
    {
      title: 'Analyse a node’s iptables rules',
      description:
        'Checks an iptables-save dump (from a bundle’s networking/iptables-save.txt, or pasted) for missing kube-proxy chains, DROP/REJECT rules ' +
        'outside the allow-list of rules healthy EKS nodes carry (critical when they hit DNS port 53 or the API server), a redirect of the kubelet ' +
        'port 10250, and rule counts out of line; returns findings and rule-set statistics. Read-only.',
      inputSchema: {
        bundle: BundleRefSchema.optional(),
        iptablesSave: z
          .string()
          .max(1_000_000)
          .optional()
          .describe('iptables-save output, when you have it without a bundle.'),
        allowedChains: z
          .array(z.string().regex(/^[a-z]+\/[A-Za-z0-9_-]+$/))
          .max(50)
          .optional()
          .describe('Extra table/chain names (e.g. filter/MY-AGENT) whose DROP/REJECT rules are intended.'),
      },
      outputSchema: IptablesOutputSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(deps, 'analyze_iptables', args, async () => {
        let text = args.iptablesSave;
        let bundleRef: string | undefined;
        if (text === undefined) {
          if (!args.bundle) {
            throw new NodeDiagnosticsError(
              NodeDiagnosticsErrorCode.InvalidInput,
              'give bundle or iptablesSave',
              {
                data: { issues: [{ path: ['bundle'], message: 'required when iptablesSave is absent' }] },
              },
            );
          }
          bundleRef = args.bundle;
          text = await readBundleFile(await open(deps, args.bundle), 'networking/iptables-save.txt');
          if (text === undefined) {
            throw new NodeDiagnosticsError(
              NodeDiagnosticsErrorCode.BundleInvalid,
              'the bundle has no networking/iptables-save.txt',
            );
          }
        }
        const result = analyzeIptables(text, {
          ...(args.allowedChains && { allowedChains: args.allowedChains }),
          ...(bundleRef && { bundleRef }),
        });
        deps.findings.add(result.findings);
        return result;
      }),
  );
}
