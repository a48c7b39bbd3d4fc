import {
  COLLECTION_DOCUMENTS,
  type CollectionTarget,
  NodeDiagnosticsError,
  NodeDiagnosticsErrorCode,
  startCollection,
  waitForCollection,
} from '@faultline/eks-node-diagnostics';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { CollectionStatusSchema } from './get-collection-status';
import { runTool } from './run-tool';

/** Output of collect_node_diagnostics. */
export const CollectOutputSchema = z.object({
  executionId: z.string().describe('SSM Automation execution id; pass it to get_collection_status.'),
  documentName: z.string(),
  instanceId: z.string().optional(),
  s3Prefix: z
    .string()
    .optional()
    .describe(
      'Where the bundle will be (one instance, eks-log-collector); analyze_node_bundle accepts it once the run succeeded.',
    ),
  status: CollectionStatusSchema.omit({ next: true })
    .optional()
    .describe('Final status, when wait was true.'),
  next: z.array(
    z.object({ tool: z.string(), arguments: z.record(z.string(), z.unknown()), why: z.string() }),
  ),
});

// SSM's patterns: at least 1 node (or 1%) at once; 0 errors (or 0%) allowed
const CONCURRENCY = z.string().regex(/^(?:[1-9]\d{0,5}|(?:100|[1-9]\d?)%)$/);
const ERRORS = z.string().regex(/^(?:[1-9]\d{0,5}|0|(?:100|[1-9]?\d)%)$/);

/** Registers `collect_node_diagnostics`. */
export function registerCollectNodeDiagnosticsTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'collect_node_diagnostics',
    {
      title: 'Collect diagnostics from EKS nodes (SSM Automation)',
      description:
        'Starts an SSM Automation on one node (instanceId, or Kubernetes nodeName resolved through EC2) or on every node with given tags (rate-controlled ' +
        'with maxConcurrency/maxErrors): document "eks-log-collector" runs AWSSupport-CollectEKSInstanceLogs and uploads the full log bundle to S3; ' +
        '"iptables-dump", "conntrack-stats", "dns-check", "node-status" and "dmesg" run Faultline’s read-only documents. Never opens a shell; changes ' +
        'nothing on the node beyond the collector’s temporary files. Needs AWS credentials. Returns an executionId for get_collection_status.',
      inputSchema: {
        instanceId: z
          .string()
          .regex(/^i-[0-9a-f]{8,17}$/)
          .optional()
          .describe('EC2 instance id of the node.'),
        nodeName: z
          .string()
          .max(253)
          .optional()
          .describe('Kubernetes node name, e.g. ip-10-0-1-23.ec2.internal.'),
        tags: z
          .record(z.string().max(128), z.array(z.string().max(256)).min(1).max(20))
          .optional()
          .describe('Target every instance with these tags, e.g. {"eks:nodegroup-name": ["ng-a"]}.'),
        maxConcurrency: CONCURRENCY.optional().describe(
          'With tags: nodes at once, a count or a percentage (default 1).',
        ),
        maxErrors: ERRORS.optional().describe('With tags: failures before SSM stops (default 1).'),
        document: z
          .enum(COLLECTION_DOCUMENTS)
          .optional()
          .describe('What to run (default eks-log-collector).'),
        s3Bucket: z
          .string()
          .max(63)
          .optional()
          .describe('Bucket for the bundle or output (default FAULTLINE_LOG_BUCKET).'),
        wait: z
          .boolean()
          .optional()
          .describe(
            'Poll until the run ends (up to 10 minutes) and return the final status (default false).',
          ),
      },
      outputSchema: CollectOutputSchema.shape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (args, extra) =>
      runTool(deps, 'collect_node_diagnostics', args, async () => {
        const given = [args.instanceId, args.nodeName, args.tags].filter((v) => v !== undefined).length;
        if (given !== 1) {
          throw new NodeDiagnosticsError(
            NodeDiagnosticsErrorCode.InvalidInput,
            'give exactly one of instanceId, nodeName or tags',
            {
              data: { issues: [{ path: ['instanceId'], message: 'exactly one target' }] },
            },
          );
        }
        const target: CollectionTarget = args.instanceId
          ? { instanceId: args.instanceId }
          : args.nodeName
            ? { nodeName: args.nodeName }
            : {
                tags: args.tags ?? {},
                ...(args.maxConcurrency && { maxConcurrency: args.maxConcurrency }),
                ...(args.maxErrors && { maxErrors: args.maxErrors }),
              };
        const s3Bucket = args.s3Bucket ?? deps.collection.s3Bucket;
        const started = await startCollection(
          {
            target,
            ...(args.document && { document: args.document }),
            ...(s3Bucket && { s3Bucket }),
            ...(deps.collection.automationAssumeRole && {
              automationAssumeRole: deps.collection.automationAssumeRole,
            }),
            ...(deps.collection.documentPrefix && { documentPrefix: deps.collection.documentPrefix }),
          },
          { ssm: deps.aws.ssm, ec2: deps.aws.ec2 },
        );
        deps.logger.log('info', 'collection started', {
          executionId: started.executionId,
          document: started.documentName,
        });
        let status: Awaited<ReturnType<typeof waitForCollection>> | undefined;
        if (args.wait) {
          const token = extra._meta?.progressToken;
          status = await waitForCollection(started.executionId, {
            ssm: deps.aws.ssm,
            timeoutMs: 10 * 60_000,
            onProgress: (s) => {
              if (token !== undefined) {
                void extra
                  .sendNotification({
                    method: 'notifications/progress',
                    params: {
                      progressToken: token,
                      progress: Math.round(s.progress * 100),
                      total: 100,
                      message: s.status,
                    },
                  })
                  .catch(() => {});
              }
            },
          });
        }
        const bundle = status?.bundle ?? started.s3Prefix;
        return {
          ...started,
          ...(status && { status }),
          next:
            status && bundle
              ? [{ tool: 'analyze_node_bundle', arguments: { bundle }, why: 'Analyse the collected bundle.' }]
              : [
                  {
                    tool: 'get_collection_status',
                    arguments: { executionId: started.executionId },
                    why: 'Poll until it ends (3-5 min for a bundle).',
                  },
                ],
        };
      }),
  );
}
