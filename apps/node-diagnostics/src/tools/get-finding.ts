import { errorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { NodeFindingSchema } from '../schemas';
import { runTool } from './run-tool';

/** Registers `get_finding`. */
export function registerGetFindingTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'get_finding',
    {
      title: 'Get a finding by id',
      description:
        'Returns a finding in full (evidence, remediation, next steps) by its id, from an analysis made earlier by this server process ' +
        '(analyze_node_bundle, check_node_health, analyze_iptables, compare_nodes). Read-only.',
      inputSchema: {
        id: z
          .string()
          .regex(/^fnd_[0-9a-z]{16}$/)
          .describe('The finding id, e.g. fnd_0123456789abcdef.'),
      },
      outputSchema: { finding: NodeFindingSchema },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      const finding = deps.findings.get(args.id);
      if (!finding) {
        return errorResult(
          'NODE_DIAG_FINDING_NOT_FOUND',
          `no finding ${args.id} in this server process; analyse the bundle again (analyze_node_bundle) to get current ids`,
        );
      }
      return runTool(deps, 'get_finding', args, async () => ({ finding }));
    },
  );
}
