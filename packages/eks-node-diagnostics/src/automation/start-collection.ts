import { randomUUID } from 'node:crypto';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { awsCallFailed, type Ec2ClientOptions, type SsmClientOptions, ssmClient } from './client-options';
import { type CollectionDocument, documentName } from './documents';
import { resolveNodeName } from './resolve-node-name';

/** Which nodes to collect from: one instance, one Kubernetes node, or every instance with given tags. */
export type CollectionTarget =
  | { instanceId: string }
  | { nodeName: string }
  | {
      /** Tag key → values, e.g. `{ 'eks:nodegroup-name': ['ng-a'] }`. */
      tags: Record<string, string[]>;
      /** SSM rate control: how many nodes at once (`10` or `10%`). Default `1`. */
      maxConcurrency?: string;
      /** SSM rate control: how many failures stop the run (`1` or `10%`). Default `1`. */
      maxErrors?: string;
    };

/** What to start. */
export interface StartCollectionInput {
  target: CollectionTarget;
  /** Default `eks-log-collector` (AWSSupport-CollectEKSInstanceLogs). */
  document?: CollectionDocument;
  /** S3 bucket for the bundle (LogDestination) or our documents' output. */
  s3Bucket?: string;
  /** IAM role Automation assumes (the role from our CloudFormation template). */
  automationAssumeRole?: string;
  /** Prefix of our document names as installed by the stack. */
  documentPrefix?: string;
  /** Idempotency token (a UUID): the same token returns the same execution. Default: a new one per call. */
  clientToken?: string;
}

/** A started collection. */
export interface StartedCollection {
  executionId: string;
  documentName: string;
  /** The instance, when one was targeted. */
  instanceId?: string;
  /** Where the bundle will be (`s3://bucket/eks_<instance>`), for one instance: pass it to analyze_node_bundle once done. */
  s3Prefix?: string;
}

const INSTANCE = /^i-[0-9a-f]{8,17}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// SSM's own patterns: MaxConcurrency is at least 1 (or 1%), MaxErrors may be 0 (or 0%)
const CONCURRENCY = /^(?:[1-9]\d{0,5}|(?:100|[1-9]\d?)%)$/;
const ERRORS = /^(?:[1-9]\d{0,5}|0|(?:100|[1-9]?\d)%)$/;

function invalid(path: string, message: string): NodeDiagnosticsError {
  return new NodeDiagnosticsError(NodeDiagnosticsErrorCode.InvalidInput, `${path}: ${message}`, {
    data: { issues: [{ path: [path], message }] },
  });
}

/**
 * Starts an SSM Automation on EKS nodes: AWSSupport-CollectEKSInstanceLogs (the full log bundle,
 * uploaded to `s3Bucket`) or one of our read-only documents. A node name is resolved to its
 * instance; tags become Automation targets with rate control, so one call covers a node group and
 * SSM does the fan-out. Never opens a shell.
 */
export async function startCollection(
  input: StartCollectionInput,
  clients: { ssm?: SsmClientOptions; ec2?: Ec2ClientOptions } = {},
): Promise<StartedCollection> {
  const document = input.document ?? 'eks-log-collector';
  const name = documentName(document, input.documentPrefix);
  const isAwsDocument = document === 'eks-log-collector';
  const instanceParameter = isAwsDocument ? 'EKSInstanceId' : 'InstanceId';
  if (input.s3Bucket !== undefined && !BUCKET.test(input.s3Bucket))
    throw invalid('s3Bucket', 'not an S3 bucket name');
  const parameters: Record<string, string[]> = {};
  if (input.s3Bucket) parameters[isAwsDocument ? 'LogDestination' : 'S3Bucket'] = [input.s3Bucket];
  if (input.automationAssumeRole) parameters.AutomationAssumeRole = [input.automationAssumeRole];
  let instanceId: string | undefined;
  let rateControl:
    | { Targets: Array<{ Key: string; Values: string[] }>; MaxConcurrency: string; MaxErrors: string }
    | undefined;
  const target = input.target;
  if ('instanceId' in target) {
    if (!INSTANCE.test(target.instanceId)) throw invalid('instanceId', 'not an EC2 instance id (i-…)');
    instanceId = target.instanceId;
  } else if ('nodeName' in target) {
    instanceId = await resolveNodeName(target.nodeName, clients.ec2);
  } else {
    const entries = Object.entries(target.tags);
    if (entries.length === 0 || entries.length > 5) throw invalid('tags', 'give 1 to 5 tag keys');
    const maxConcurrency = target.maxConcurrency ?? '1';
    const maxErrors = target.maxErrors ?? '1';
    if (!CONCURRENCY.test(maxConcurrency))
      throw invalid('maxConcurrency', 'a count or a percentage, e.g. 2 or 10%');
    if (!ERRORS.test(maxErrors)) throw invalid('maxErrors', 'a count or a percentage, e.g. 1 or 10%');
    rateControl = {
      Targets: entries.map(([key, values]) => ({ Key: `tag:${key}`, Values: values })),
      MaxConcurrency: maxConcurrency,
      MaxErrors: maxErrors,
    };
  }
  if (instanceId) parameters[instanceParameter] = [instanceId];
  const client = await ssmClient(clients.ssm);
  const { StartAutomationExecutionCommand } = await import('@aws-sdk/client-ssm');
  const response = await client
    .send(
      new StartAutomationExecutionCommand({
        DocumentName: name,
        Parameters: parameters,
        ...(rateControl && { TargetParameterName: instanceParameter, ...rateControl }),
        // always a token: the SDK retries a throttled or timed-out call, and without one a retry
        // after a lost answer would start a second automation on the same nodes
        ClientToken: input.clientToken ?? randomUUID(),
      }),
    )
    .catch((error: unknown) => {
      throw awsCallFailed(error, `SSM StartAutomationExecution of ${name}`, 'ssm:StartAutomationExecution', {
        AutomationDefinitionNotFoundException: {
          what: isAwsDocument
            ? `${name} is not available in this region; check AWS_REGION.`
            : `Install Faultline's documents in this account and region (automation/cloudformation.yaml), and set FAULTLINE_DOCUMENT_PREFIX to the stack's DocumentPrefix if it has one.`,
        },
        AutomationDefinitionVersionNotFoundException: {
          what: `Update the stack that installs ${name} (automation/cloudformation.yaml).`,
        },
        InvalidAutomationExecutionParametersException: {
          what: 'A parameter was refused: check the bucket (s3Bucket or FAULTLINE_LOG_BUCKET), the role (FAULTLINE_AUTOMATION_ROLE_ARN) and the target; nothing was started.',
        },
        AutomationExecutionLimitExceededException: {
          what: 'Too many automations run in this account and region; wait for some to end and retry. Nothing was started.',
          retryable: true,
        },
        InvalidTarget: {
          what: 'Check the tags or instance: no managed instance matches. Nothing was started.',
        },
      });
    });
  if (!response.AutomationExecutionId) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.AwsCallFailed,
      'SSM returned no AutomationExecutionId',
    );
  }
  return {
    executionId: response.AutomationExecutionId,
    documentName: name,
    ...(instanceId && { instanceId }),
    // only for one instance: a tag run uploads one archive per node, and the bare `eks_` prefix would
    // pick whichever node's archive is newest
    ...(isAwsDocument &&
      input.s3Bucket &&
      instanceId && { s3Prefix: `s3://${input.s3Bucket}/eks_${instanceId}` }),
  };
}
