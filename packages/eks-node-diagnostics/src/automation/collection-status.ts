import type { AutomationExecution } from '@aws-sdk/client-ssm';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { awsCallFailed, type SsmClientOptions, ssmClient } from './client-options';
import { AWS_COLLECT_DOCUMENT } from './documents';

/** Automation states after which nothing changes. */
export const TERMINAL_STATES = new Set([
  'Success',
  'Failed',
  'Cancelled',
  'TimedOut',
  'Rejected',
  'CompletedWithSuccess',
  'CompletedWithFailure',
  'Exited',
  'ChangeCalendarOverrideRejected',
]);

const SUCCESS_STATES = new Set(['Success', 'CompletedWithSuccess']);

/** Where a collection stands. */
export interface CollectionStatus {
  executionId: string;
  documentName: string;
  status: string;
  done: boolean;
  succeeded: boolean;
  /** Finished steps over all steps, 0..1. */
  progress: number;
  steps: Array<{ name: string; action?: string; status: string; failure?: string }>;
  failureMessage?: string;
  startedAt?: string;
  endedAt?: string;
  /** For the log collector on one instance, once it succeeded: where the bundle is (a prefix; analyze_node_bundle picks the newest archive). */
  bundle?: string;
  /** Rate-controlled runs over tags: how many targets are done. */
  targets?: { total: number; succeeded: number; failed: number };
}

const cap = (text: string | undefined, max = 500) =>
  text && text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Reads a GetAutomationExecution response into a {@link CollectionStatus}. */
export function toCollectionStatus(execution: AutomationExecution): CollectionStatus {
  const status = execution.AutomationExecutionStatus ?? 'Pending';
  const steps = (execution.StepExecutions ?? []).map((step) => ({
    name: step.StepName ?? '?',
    ...(step.Action && { action: step.Action }),
    status: step.StepStatus ?? 'Pending',
    ...(step.FailureMessage && { failure: cap(step.FailureMessage) }),
  }));
  const finished = steps.filter((s) => TERMINAL_STATES.has(s.status)).length;
  const done = TERMINAL_STATES.has(status);
  const counters = execution.ProgressCounters;
  const parameters = execution.Parameters ?? {};
  const bucket = parameters.LogDestination?.[0];
  const instance = parameters.EKSInstanceId?.[0];
  const succeeded = SUCCESS_STATES.has(status);
  return {
    executionId: execution.AutomationExecutionId ?? '',
    documentName: execution.DocumentName ?? '',
    status,
    done,
    succeeded,
    progress: done ? 1 : steps.length > 0 ? finished / steps.length : 0,
    steps,
    ...(execution.FailureMessage && { failureMessage: cap(execution.FailureMessage) }),
    ...(execution.ExecutionStartTime && { startedAt: execution.ExecutionStartTime.toISOString() }),
    ...(execution.ExecutionEndTime && { endedAt: execution.ExecutionEndTime.toISOString() }),
    // only once it succeeded: before, the prefix holds no new archive and would pick an older one
    ...(succeeded &&
      execution.DocumentName === AWS_COLLECT_DOCUMENT &&
      bucket &&
      instance && { bundle: `s3://${bucket}/eks_${instance}` }),
    ...(counters && {
      targets: {
        total: counters.TotalSteps ?? 0,
        succeeded: counters.SuccessSteps ?? 0,
        failed: (counters.FailedSteps ?? 0) + (counters.TimedOutSteps ?? 0) + (counters.CancelledSteps ?? 0),
      },
    }),
  };
}

/** What to do about a failed run, from SSM's failure messages (empty when nothing specific is known). */
function failureAdvice(status: CollectionStatus): string {
  const text = [status.failureMessage, ...status.steps.map((s) => s.failure)].join(' ');
  if (/not in a valid state for SSM|InvalidInstanceId|Undeliverable|not (?:a )?managed/i.test(text)) {
    return ' (the node is not managed by SSM: check that amazon-ssm-agent runs on it and that its instance profile allows SSM, e.g. AmazonSSMManagedInstanceCore)';
  }
  if (status.status === 'TimedOut')
    return ' (the node did not finish in time: check it is running and reachable by SSM, then collect again)';
  return '';
}

/** One GetAutomationExecution call, read into a {@link CollectionStatus}. */
export async function getCollectionStatus(
  executionId: string,
  ssm: SsmClientOptions = {},
): Promise<CollectionStatus> {
  if (!/^[0-9a-f-]{36}$/.test(executionId)) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.InvalidInput,
      'executionId is not an Automation execution id',
      {
        data: { issues: [{ path: ['executionId'], message: 'expected a UUID' }] },
      },
    );
  }
  const client = await ssmClient(ssm);
  const { GetAutomationExecutionCommand } = await import('@aws-sdk/client-ssm');
  const response = await client
    .send(new GetAutomationExecutionCommand({ AutomationExecutionId: executionId }))
    .catch((error: unknown) => {
      if ((error as { name?: string }).name === 'AutomationExecutionNotFoundException') {
        throw new NodeDiagnosticsError(
          NodeDiagnosticsErrorCode.InvalidInput,
          `no Automation execution ${executionId} in this account and region`,
          {
            cause: error,
          },
        );
      }
      throw awsCallFailed(error, 'SSM GetAutomationExecution', 'ssm:GetAutomationExecution');
    });
  if (!response.AutomationExecution) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.AwsCallFailed,
      'SSM returned no AutomationExecution',
    );
  }
  return toCollectionStatus(response.AutomationExecution);
}

/** Failed status polls in a row after which {@link waitForCollection} gives up. */
export const MAX_FAILED_POLLS = 3;

/** Options of {@link waitForCollection}. */
export interface WaitOptions {
  ssm?: SsmClientOptions;
  /** First wait between polls, in ms. Default 5000. */
  initialDelayMs?: number;
  /** Longest wait between polls, in ms. Default 30000. */
  maxDelayMs?: number;
  /** Give up after this many ms. Default 30 minutes. */
  timeoutMs?: number;
  /** Called after every poll. */
  onProgress?: (status: CollectionStatus) => void;
  /** For tests. Default: the real clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Polls an Automation execution until it ends, waiting longer between polls each time
 * (×1.5, capped), and reports progress. Resolves with the final status when it succeeded; throws
 * NODE_DIAG_AUTOMATION_FAILED or NODE_DIAG_AUTOMATION_TIMEOUT otherwise, and NODE_DIAG_AWS_CALL_FAILED
 * (with `data.executionId` and `done: false`) when the status cannot be read: after a denied call at
 * once, after {@link MAX_FAILED_POLLS} throttled or timed-out polls in a row otherwise.
 */
export async function waitForCollection(
  executionId: string,
  options: WaitOptions = {},
): Promise<CollectionStatus> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.timeoutMs ?? 30 * 60_000);
  let delay = options.initialDelayMs ?? 5000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let failedPolls = 0;
  let last: CollectionStatus | undefined;
  for (;;) {
    let status: CollectionStatus;
    try {
      status = await getCollectionStatus(executionId, options.ssm);
      failedPolls = 0;
    } catch (error) {
      // The automation runs on in SSM whatever happens here: never report it done, always say which
      // execution to poll. A poll that was throttled or timed out (after the SDK's own retries) is
      // tried again at the next interval, up to MAX_FAILED_POLLS in a row.
      failedPolls += 1;
      const retryable =
        NodeDiagnosticsError.isInstance(error) && (error.data as { retryable?: boolean })?.retryable === true;
      if (!retryable || failedPolls >= MAX_FAILED_POLLS || now() + delay > deadline) {
        const cause = error as { code?: string; message?: string; data?: unknown };
        throw new NodeDiagnosticsError(
          NodeDiagnosticsError.isInstance(error) ? error.code : NodeDiagnosticsErrorCode.AwsCallFailed,
          `automation ${executionId} was started, but its status could not be read (${cause.message ?? String(error)}); it may still be running: poll get_collection_status with this executionId`,
          {
            cause: error,
            data: {
              ...(typeof cause.data === 'object' && cause.data !== null ? cause.data : {}),
              executionId,
              done: false,
              failedPolls,
              ...(last && { lastStatus: last.status }),
            },
          },
        );
      }
      await sleep(delay);
      delay = Math.min(Math.round(delay * 1.5), maxDelay);
      continue;
    }
    last = status;
    options.onProgress?.(status);
    if (status.done) {
      if (status.succeeded) return status;
      throw new NodeDiagnosticsError(
        NodeDiagnosticsErrorCode.AutomationFailed,
        `automation ${executionId} ended ${status.status}${status.failureMessage ? `: ${status.failureMessage}` : ''}${failureAdvice(status)}`,
        { data: { status } },
      );
    }
    if (now() + delay > deadline) {
      throw new NodeDiagnosticsError(
        NodeDiagnosticsErrorCode.AutomationTimeout,
        `automation ${executionId} is still ${status.status}; poll again with get_collection_status and this executionId`,
        { data: { status } },
      );
    }
    await sleep(delay);
    delay = Math.min(Math.round(delay * 1.5), maxDelay);
  }
}
