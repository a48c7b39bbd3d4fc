import { getCollectionStatus } from '@faultline/eks-node-diagnostics';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { runTool } from './run-tool';

/** The status shape shared by the collection tools. */
export const CollectionStatusSchema = z.object({
  executionId: z.string(),
  documentName: z.string(),
  status: z.string().describe('The SSM Automation status (InProgress, Success, Failed, …).'),
  done: z.boolean(),
  succeeded: z.boolean(),
  progress: z.number().describe('Finished steps over all steps, 0 to 1.'),
  steps: z.array(
    z.object({
      name: z.string(),
      action: z.string().optional(),
      status: z.string(),
      failure: z.string().optional(),
    }),
  ),
  failureMessage: z.string().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  bundle: z
    .string()
    .optional()
    .describe(
      'Once the log collector succeeded on one instance: where the bundle is (an s3:// prefix); pass it to analyze_node_bundle.',
    ),
  targets: z.object({ total: z.number(), succeeded: z.number(), failed: z.number() }).optional(),
  next: z.array(
    z.object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()), why: z.string() }),
  ),
});

/** Registers `get_collection_status`. */
export function registerGetCollectionStatusTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'get_collection_status',
    {
      title: 'Get the status of a node collection',
      description:
        'Reads an SSM Automation execution started by collect_node_diagnostics: status, steps, progress, failure message, and, once the log ' +
        'collector succeeded, where the bundle is in S3 with the analyze_node_bundle call to make next. Poll every 15-30 s. Needs AWS credentials ' +
        '(ssm:GetAutomationExecution). Read-only.',
      inputSchema: {
        executionId: z
          .string()
          .regex(/^[0-9a-f-]{36}$/)
          .describe('The executionId collect_node_diagnostics returned.'),
      },
      outputSchema: CollectionStatusSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      runTool(deps, 'get_collection_status', args, async () => {
        const status = await getCollectionStatus(args.executionId, deps.aws.ssm);
        const next =
          status.succeeded && status.bundle
            ? [
                {
                  tool: 'analyze_node_bundle',
                  arguments: { bundle: status.bundle },
                  why: 'Analyse the collected bundle.',
                },
              ]
            : status.done
              ? []
              : [
                  {
                    tool: 'get_collection_status',
                    arguments: { executionId: args.executionId },
                    why: 'Poll again in 15-30 s.',
                  },
                ];
        return { ...status, next };
      }),
  );
}
