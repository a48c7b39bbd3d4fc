import type { AutomationExecutionStatus, GetAutomationExecutionCommandOutput, StepExecution } from '@aws-sdk/client-ssm';

// Shaped like real GetAutomationExecution responses of AWSSupport-CollectEKSInstanceLogs (ids scrubbed).
const base = {
  AutomationExecutionId: '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61',
  DocumentName: 'AWSSupport-CollectEKSInstanceLogs',
  DocumentVersion: '7',
  ExecutionStartTime: new Date('2026-11-02T10:20:01.512Z'),
  Mode: 'Auto' as const,
  ExecutedBy: 'arn:aws:sts::123456789012:assumed-role/FaultlineOperator/agent',
  Parameters: {
    AutomationAssumeRole: ['arn:aws:iam::123456789012:role/FaultlineAutomationRole'],
    EKSInstanceId: ['i-0a1b2c3d4e5f60718'],
    LogDestination: ['faultline-node-logs-123456789012'],
  },
};

const step = (name: string, action: string, status: AutomationExecutionStatus, extra: Partial<StepExecution> = {}): StepExecution => ({
  StepName: name,
  Action: action,
  OnFailure: 'Abort',
  MaxAttempts: 1,
  StepStatus: status,
  StepExecutionId: `${name}-0c1d2e3f`,
  ...extra,
});

const meta = { $metadata: { httpStatusCode: 200, requestId: 'b1c2d3e4-0000-4000-8000-000000000000', attempts: 1, totalRetryDelay: 0 } };

/** The execution while the collector runs. */
export const IN_PROGRESS: GetAutomationExecutionCommandOutput = {
  ...meta,
  AutomationExecution: {
    ...base,
    AutomationExecutionStatus: 'InProgress',
    StepExecutions: [
      step('assertInstanceIsLinux', 'aws:assertAwsResourceProperty', 'Success'),
      step('runLogCollector', 'aws:runCommand', 'InProgress'),
      step('checkLogDestination', 'aws:branch', 'Pending'),
      step('uploadLogsToS3', 'aws:runCommand', 'Pending'),
    ],
  },
};

/** The execution once the bundle is in S3. */
export const SUCCEEDED: GetAutomationExecutionCommandOutput = {
  ...meta,
  AutomationExecution: {
    ...base,
    AutomationExecutionStatus: 'Success',
    ExecutionEndTime: new Date('2026-11-02T10:24:12.003Z'),
    StepExecutions: [
      step('assertInstanceIsLinux', 'aws:assertAwsResourceProperty', 'Success'),
      step('runLogCollector', 'aws:runCommand', 'Success'),
      step('checkLogDestination', 'aws:branch', 'Success'),
      step('uploadLogsToS3', 'aws:runCommand', 'Success'),
    ],
    Outputs: { 'runLogCollector.Output': ['Done... your bundled logs are located in /var/log/eks_i-0a1b2c3d4e5f60718_2026-11-02_1020-UTC_0.7.8.tar.gz'] },
  },
};

/** The execution when the node is not managed by SSM. */
export const FAILED: GetAutomationExecutionCommandOutput = {
  ...meta,
  AutomationExecution: {
    ...base,
    AutomationExecutionStatus: 'Failed',
    ExecutionEndTime: new Date('2026-11-02T10:21:40.000Z'),
    FailureMessage: 'Step fails when it is Poll action status for completion. Instance i-0a1b2c3d4e5f60718 is not in a valid state for SSM.',
    StepExecutions: [
      step('assertInstanceIsLinux', 'aws:assertAwsResourceProperty', 'Success'),
      step('runLogCollector', 'aws:runCommand', 'Failed', { FailureMessage: 'Instance i-0a1b2c3d4e5f60718 is not in a valid state for SSM.' }),
    ],
  },
};
