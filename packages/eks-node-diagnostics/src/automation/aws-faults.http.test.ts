// The REAL SSM (awsJson1_1) and EC2 (ec2Query) clients, built with this package's defaults, against
// a fake AWS on 127.0.0.1 that throttles, fails with 5xx, denies or never answers. Proves bounded
// retries (requests counted, the same idempotency token on every attempt), backoff, time limits,
// coded errors that say what happened, and that a collection whose status cannot be read is never
// reported as done.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AWS_FAULTS,
  awsError,
  FAKE_CREDENTIALS,
  type FakeAws,
  type FakeAwsRequest,
  startFakeAws,
} from '../../../../scripts/testing/fake-aws';
import { NodeDiagnosticsErrorCode } from '../errors';
import { awsClientDefaults } from './client-options';
import { waitForCollection } from './collection-status';
import { resolveNodeName } from './resolve-node-name';
import { startCollection } from './start-collection';

const EXECUTION = '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61';
let fake: FakeAws | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

/** A fresh options object (one client each), as the server builds them, pointed at the fake. */
const aws = () => ({
  clientConfig: { endpoint: fake?.url, region: 'us-east-1', credentials: FAKE_CREDENTIALS },
});
const gaps = (rs: FakeAwsRequest[]) => rs.slice(1).map((r, i) => r.at - (rs[i] as FakeAwsRequest).at);
const token = (r: FakeAwsRequest) => (JSON.parse(r.body) as { ClientToken?: string }).ClientToken;
const start = () =>
  startCollection(
    { target: { instanceId: 'i-0a1b2c3d4e5f60718' }, s3Bucket: 'faultline-logs' },
    { ssm: aws() },
  );

describe('SSM StartAutomationExecution through the real client under faults', () => {
  it.each([
    [
      'throttling (400 ThrottlingException)',
      'throttling',
      'ThrottlingException',
      400,
      500,
      /was throttled by AWS after 3 attempts/,
    ],
    [
      '500 InternalServerError',
      'internal',
      'InternalServerError',
      500,
      100,
      /failed on AWS's side after 3 attempts \(InternalServerError, HTTP 500\)/,
    ],
    [
      '503 ServiceUnavailable',
      'unavailable',
      'ServiceUnavailable',
      503,
      100,
      /failed on AWS's side after 3 attempts \(ServiceUnavailable, HTTP 503\)/,
    ],
  ] as const)(
    '%s: 3 attempts with backoff, all with the same idempotency token, then a coded, retryable error',
    async (_name, fault, awsError, status, baseMs, message) => {
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      fake = await startFakeAws(() => AWS_FAULTS[fault]('awsJson1_1'));
      const error = await start().catch((e) => e);
      expect(fake.count('StartAutomationExecution')).toBe(3);
      expect(fake.requests.every((r) => r.service === 'ssm')).toBe(true);
      // a retry of a call whose answer was lost must not start a second automation
      const tokens = new Set(fake.requests.map(token));
      expect(tokens.size).toBe(1);
      expect([...tokens][0]).toMatch(/^[0-9a-f-]{36}$/);
      gaps(fake.requests).forEach((gap, i) => {
        const expected = (baseMs * 2 ** i) / 2;
        expect(gap).toBeGreaterThanOrEqual(expected - 5);
        expect(gap).toBeLessThan(expected + 400);
      });
      expect(error).toMatchObject({
        code: NodeDiagnosticsErrorCode.AwsCallFailed,
        message: expect.stringMatching(message),
        data: { awsError, httpStatusCode: status, attempts: 3, retryable: true },
      });
    },
    15_000,
  );

  it('AccessDeniedException: one request, and the message names the permission', async () => {
    fake = await startFakeAws(() => AWS_FAULTS.accessDenied('awsJson1_1'));
    const error = await start().catch((e) => e);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({
      code: NodeDiagnosticsErrorCode.AwsCallFailed,
      message: expect.stringMatching(/was denied \(AccessDeniedException\): .*ssm:StartAutomationExecution/),
      data: { awsError: 'AccessDeniedException', attempts: 1, retryable: false },
    });
  });

  it("InvalidAutomationExecutionParametersException: one request, AWS's message quoted, and what to check instead of credentials", async () => {
    fake = await startFakeAws(() =>
      awsError(
        'awsJson1_1',
        400,
        'InvalidAutomationExecutionParametersException',
        'Parameter "LogDestination" failed validation',
      ),
    );
    const error = await start().catch((e) => e);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({
      code: NodeDiagnosticsErrorCode.AwsCallFailed,
      message: expect.stringMatching(
        /\(InvalidAutomationExecutionParametersException: Parameter "LogDestination" failed validation\)\. A parameter was refused: check the bucket/,
      ),
      data: { awsError: 'InvalidAutomationExecutionParametersException', attempts: 1, retryable: false },
    });
  });

  it('an endpoint that never answers: 3 attempts of FAULTLINE_AWS_TIMEOUT_MS each, then a TimeoutError, well within seconds', async () => {
    vi.stubEnv('FAULTLINE_AWS_TIMEOUT_MS', '300');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    fake = await startFakeAws(() => ({ hang: true }));
    const startedAt = Date.now();
    const error = await start().catch((e) => e);
    const tookMs = Date.now() - startedAt;
    expect(fake.count()).toBe(3);
    expect(tookMs).toBeGreaterThanOrEqual(900);
    expect(tookMs).toBeLessThan(4000);
    expect(error).toMatchObject({
      code: NodeDiagnosticsErrorCode.AwsCallFailed,
      message: expect.stringMatching(/could not reach the AWS endpoint after 3 attempts \(TimeoutError/),
      data: { awsError: 'TimeoutError', attempts: 3, retryable: true },
    });
  });

  it('the default client config carries time limits, 3 attempts and standard retries', () => {
    expect(awsClientDefaults({})).toEqual({
      maxAttempts: 3,
      retryMode: 'standard',
      requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 },
    });
  });
});

describe('EC2 DescribeInstances (ec2Query) through the real client under faults', () => {
  it('RequestLimitExceeded: 3 attempts, then a coded throttling error', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws(() => AWS_FAULTS.throttling('ec2Query'));
    const error = await resolveNodeName('ip-10-0-1-23.ec2.internal', aws()).catch((e) => e);
    expect(fake.count('DescribeInstances')).toBe(3);
    expect(error).toMatchObject({
      code: NodeDiagnosticsErrorCode.AwsCallFailed,
      message: expect.stringMatching(
        /EC2 DescribeInstances was throttled by AWS after 3 attempts \(RequestLimitExceeded\)/,
      ),
    });
  });
});

describe('waiting for a collection whose status cannot be read', () => {
  const status = (s: string) => ({
    json: {
      AutomationExecution: {
        AutomationExecutionId: EXECUTION,
        DocumentName: 'AWSSupport-CollectEKSInstanceLogs',
        AutomationExecutionStatus: s,
        Parameters: { EKSInstanceId: ['i-0a1b2c3d4e5f60718'], LogDestination: ['faultline-logs'] },
      },
    },
  });

  it('throttled polls past the tolerance: an error with the executionId and done: false, never a final status', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let polls = 0;
    fake = await startFakeAws((r) => {
      if (r.operation === 'StartAutomationExecution') return { json: { AutomationExecutionId: EXECUTION } };
      polls += 1;
      return polls === 1 ? status('InProgress') : AWS_FAULTS.throttling('awsJson1_1');
    });
    const ssm = aws();
    const started = await startCollection({ target: { instanceId: 'i-0a1b2c3d4e5f60718' } }, { ssm });
    const progress: string[] = [];
    const error = await waitForCollection(started.executionId, {
      ssm,
      initialDelayMs: 5,
      onProgress: (s) => progress.push(s.status),
    }).catch((e) => e);
    // 1 good poll, then 3 failed polls of 3 attempts each
    expect(fake.count('GetAutomationExecution')).toBe(1 + 3 * 3);
    expect(progress).toEqual(['InProgress']);
    expect(error).toMatchObject({
      code: NodeDiagnosticsErrorCode.AwsCallFailed,
      message: expect.stringMatching(
        new RegExp(
          `automation ${EXECUTION} was started, but its status could not be read .*poll get_collection_status`,
        ),
      ),
      data: {
        executionId: EXECUTION,
        done: false,
        failedPolls: 3,
        lastStatus: 'InProgress',
        awsError: 'ThrottlingException',
      },
    });
  });

  it('a throttle that clears between polls is ridden out, and the final status is the real one', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let polls = 0;
    fake = await startFakeAws(() => {
      polls += 1;
      if (polls <= 4) return AWS_FAULTS.throttling('awsJson1_1'); // a whole poll (3 attempts) and one more
      return status(polls < 6 ? 'InProgress' : 'Success');
    });
    const final = await waitForCollection(EXECUTION, { ssm: aws(), initialDelayMs: 5 });
    expect(final).toMatchObject({
      status: 'Success',
      done: true,
      succeeded: true,
      bundle: 's3://faultline-logs/eks_i-0a1b2c3d4e5f60718',
    });
  });

  it('a denied poll stops at once, with the executionId', async () => {
    fake = await startFakeAws(() => AWS_FAULTS.accessDenied('awsJson1_1'));
    const error = await waitForCollection(EXECUTION, { ssm: aws(), initialDelayMs: 5 }).catch((e) => e);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({
      code: NodeDiagnosticsErrorCode.AwsCallFailed,
      data: { executionId: EXECUTION, done: false, failedPolls: 1, awsError: 'AccessDeniedException' },
    });
  });
});
