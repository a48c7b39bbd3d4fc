import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeDiagnosticsError } from '../errors';
import { FAILED, IN_PROGRESS, SUCCEEDED } from './__fixtures__/automation-executions';
import { getCollectionStatus, waitForCollection } from './collection-status';
import { resolveNodeName } from './resolve-node-name';
import { startCollection } from './start-collection';

const ssmMock = mockClient(SSMClient);
const ec2Mock = mockClient(EC2Client);
const ssm = { client: new SSMClient({ region: 'us-east-1' }) };
const ec2 = { client: new EC2Client({ region: 'us-east-1' }) };
const EXECUTION = '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61';

afterEach(() => {
  ssmMock.reset();
  ec2Mock.reset();
});

describe('startCollection', () => {
  it('starts AWSSupport-CollectEKSInstanceLogs for an instance and says where the bundle will be', async () => {
    ssmMock.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: EXECUTION });
    const started = await startCollection(
      {
        target: { instanceId: 'i-0a1b2c3d4e5f60718' },
        s3Bucket: 'faultline-node-logs',
        automationAssumeRole: 'arn:aws:iam::123456789012:role/R',
      },
      { ssm },
    );
    expect(started).toEqual({
      executionId: EXECUTION,
      documentName: 'AWSSupport-CollectEKSInstanceLogs',
      instanceId: 'i-0a1b2c3d4e5f60718',
      s3Prefix: 's3://faultline-node-logs/eks_i-0a1b2c3d4e5f60718',
    });
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)[0]?.args[0].input).toEqual({
      DocumentName: 'AWSSupport-CollectEKSInstanceLogs',
      Parameters: {
        EKSInstanceId: ['i-0a1b2c3d4e5f60718'],
        LogDestination: ['faultline-node-logs'],
        AutomationAssumeRole: ['arn:aws:iam::123456789012:role/R'],
      },
      ClientToken: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
    });
  });

  it('resolves a Kubernetes node name through EC2 DescribeInstances (private-dns-name)', async () => {
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0123456789abcdef0' }] }] });
    ssmMock.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: EXECUTION });
    const started = await startCollection(
      { target: { nodeName: 'ip-10-0-1-23.ec2.internal' }, document: 'dns-check', s3Bucket: 'b-logs' },
      { ssm, ec2 },
    );
    expect(started.instanceId).toBe('i-0123456789abcdef0');
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters?.[0]).toEqual({
      Name: 'private-dns-name',
      Values: ['ip-10-0-1-23.ec2.internal'],
    });
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)[0]?.args[0].input).toMatchObject({
      DocumentName: 'Faultline-DnsCheck',
      Parameters: { InstanceId: ['i-0123456789abcdef0'], S3Bucket: ['b-logs'] },
    });
  });

  it('targets a node group by tag with rate control, letting SSM fan out', async () => {
    ssmMock.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: EXECUTION });
    await startCollection(
      {
        target: { tags: { 'eks:nodegroup-name': ['ng-a'] }, maxConcurrency: '10%', maxErrors: '1' },
        s3Bucket: 'faultline-node-logs',
      },
      { ssm },
    );
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)[0]?.args[0].input).toEqual({
      DocumentName: 'AWSSupport-CollectEKSInstanceLogs',
      Parameters: { LogDestination: ['faultline-node-logs'] },
      TargetParameterName: 'EKSInstanceId',
      Targets: [{ Key: 'tag:eks:nodegroup-name', Values: ['ng-a'] }],
      MaxConcurrency: '10%',
      MaxErrors: '1',
      ClientToken: expect.any(String),
    });
  });

  it("gives no s3Prefix for a tag run: a bare eks_ prefix would pick any node's newest archive", async () => {
    ssmMock.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: EXECUTION });
    const started = await startCollection(
      { target: { tags: { 'eks:nodegroup-name': ['ng-a'] } }, s3Bucket: 'faultline-node-logs' },
      { ssm },
    );
    expect(started).toEqual({ executionId: EXECUTION, documentName: 'AWSSupport-CollectEKSInstanceLogs' });
  });

  it('refuses rate controls SSM refuses (maxConcurrency 0) before calling AWS, and accepts maxErrors 0', async () => {
    ssmMock.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: EXECUTION });
    const tags = { 'eks:nodegroup-name': ['ng-a'] };
    for (const maxConcurrency of ['0', '0%']) {
      await expect(startCollection({ target: { tags, maxConcurrency } }, { ssm })).rejects.toMatchObject({
        code: 'NODE_DIAG_INVALID_INPUT',
        message: /^maxConcurrency/,
      });
    }
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)).toHaveLength(0);
    await startCollection({ target: { tags, maxConcurrency: '1', maxErrors: '0%' } }, { ssm });
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)[0]?.args[0].input).toMatchObject({
      MaxConcurrency: '1',
      MaxErrors: '0%',
    });
  });

  it.each([
    [
      'AutomationDefinitionNotFoundException',
      'dns-check',
      /Faultline-DnsCheck failed \(AutomationDefinitionNotFoundException: Document Faultline-DnsCheck not found\)\. Install Faultline's documents .*FAULTLINE_DOCUMENT_PREFIX/,
      false,
    ],
    [
      'InvalidAutomationExecutionParametersException',
      'eks-log-collector',
      /failed \(InvalidAutomationExecutionParametersException: Document Faultline-DnsCheck not found\)\. A parameter was refused: check the bucket/,
      false,
    ],
    [
      'AutomationExecutionLimitExceededException',
      'eks-log-collector',
      /Too many automations run .* retry/,
      true,
    ],
  ] as const)(
    "%s: a coded error with AWS's message and what to do",
    async (name, document, message, retryable) => {
      ssmMock.on(StartAutomationExecutionCommand).rejects(
        Object.assign(new Error('Document Faultline-DnsCheck not found'), {
          name,
          $metadata: { httpStatusCode: 400, attempts: 1 },
        }),
      );
      const error = await startCollection(
        { target: { instanceId: 'i-0a1b2c3d4e5f60718' }, document },
        { ssm },
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'NODE_DIAG_AWS_CALL_FAILED',
        message: expect.stringMatching(message),
        data: { awsError: name, retryable },
      });
      expect((error as Error).message).not.toMatch(/Check the AWS credentials/);
    },
  );

  it('refuses a bad instance id before calling AWS, and wraps AWS failures with a code', async () => {
    await expect(
      startCollection({ target: { instanceId: 'i-bad; rm -rf /' } }, { ssm }),
    ).rejects.toMatchObject({ code: 'NODE_DIAG_INVALID_INPUT' });
    ssmMock
      .on(StartAutomationExecutionCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(
      startCollection({ target: { instanceId: 'i-0a1b2c3d4e5f60718' } }, { ssm }),
    ).rejects.toMatchObject({
      code: 'NODE_DIAG_AWS_CALL_FAILED',
      data: { awsError: 'AccessDeniedException' },
    });
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)).toHaveLength(1);
  });
});

describe('resolveNodeName', () => {
  it('reads resource-based names directly and refuses ambiguous ones', async () => {
    expect(await resolveNodeName('i-0123456789abcdef0.us-west-2.compute.internal', ec2)).toBe(
      'i-0123456789abcdef0',
    );
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(resolveNodeName('ip-10-0-9-9.ec2.internal', ec2)).rejects.toMatchObject({
      code: 'NODE_DIAG_NODE_NOT_FOUND',
    });
  });
});

describe('collection status', () => {
  it('names the bundle only once the collector succeeded: before, or after a failure, the prefix holds only older archives', async () => {
    const failed = {
      ...SUCCEEDED.AutomationExecution,
      AutomationExecutionStatus: 'Failed' as const,
    };
    ssmMock
      .on(GetAutomationExecutionCommand)
      .resolvesOnce(IN_PROGRESS)
      .resolvesOnce({ AutomationExecution: failed })
      .resolves(SUCCEEDED);
    expect((await getCollectionStatus(EXECUTION, ssm)).bundle).toBeUndefined();
    expect((await getCollectionStatus(EXECUTION, ssm)).bundle).toBeUndefined();
    expect((await getCollectionStatus(EXECUTION, ssm)).bundle).toBe(
      's3://faultline-node-logs-123456789012/eks_i-0a1b2c3d4e5f60718',
    );
  });

  it('reads a running execution: steps and progress', async () => {
    ssmMock.on(GetAutomationExecutionCommand).resolves(IN_PROGRESS);
    const status = await getCollectionStatus(EXECUTION, ssm);
    expect(status).toMatchObject({ status: 'InProgress', done: false, progress: 0.25 });
    expect(status.steps[1]).toEqual({
      name: 'runLogCollector',
      action: 'aws:runCommand',
      status: 'InProgress',
    });
  });

  it('polls with backoff on an injected clock, reports progress, and returns the bundle location', async () => {
    ssmMock
      .on(GetAutomationExecutionCommand)
      .resolvesOnce(IN_PROGRESS)
      .resolvesOnce(IN_PROGRESS)
      .resolves(SUCCEEDED);
    const sleeps: number[] = [];
    let clock = 0;
    const seen: string[] = [];
    const status = await waitForCollection(EXECUTION, {
      ssm,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      onProgress: (s) => seen.push(s.status),
    });
    expect(sleeps).toEqual([5000, 7500]);
    expect(seen).toEqual(['InProgress', 'InProgress', 'Success']);
    expect(status).toMatchObject({
      succeeded: true,
      progress: 1,
      bundle: 's3://faultline-node-logs-123456789012/eks_i-0a1b2c3d4e5f60718',
    });
  });

  it('throws AUTOMATION_FAILED with the failure message, and AUTOMATION_TIMEOUT when time runs out', async () => {
    ssmMock.on(GetAutomationExecutionCommand).resolves(FAILED);
    const failure = await waitForCollection(EXECUTION, { ssm, sleep: async () => {} }).catch(
      (e: unknown) => e,
    );
    expect(NodeDiagnosticsError.isInstance(failure) && failure.code).toBe('NODE_DIAG_AUTOMATION_FAILED');
    expect((failure as Error).message).toMatch(/not in a valid state for SSM/);
    // the text names the execution and what to do, not only the _meta details
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^automation ${EXECUTION} ended Failed: .*not managed by SSM: check that amazon-ssm-agent runs`,
      ),
    );
    ssmMock.on(GetAutomationExecutionCommand).resolves(IN_PROGRESS);
    let clock = 0;
    const timeout = await waitForCollection(EXECUTION, {
      ssm,
      timeoutMs: 20_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    }).catch((e: unknown) => e);
    expect(NodeDiagnosticsError.isInstance(timeout) && timeout.code).toBe('NODE_DIAG_AUTOMATION_TIMEOUT');
    expect((timeout as Error).message).toMatch(new RegExp(`^automation ${EXECUTION} is still InProgress`));
  });
});
