// AwsFisProvider with the REAL FisClient (Faultline's defaults) against a fake FIS on 127.0.0.1:
// throttling past the retries, an experiment stuck starting, denied calls. A start that fails
// half-way must undo itself (no template or experiment left behind), and every id is reported
// to the engine as soon as AWS returns it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AWS_FAULTS,
  FAKE_CREDENTIALS,
  type FakeAws,
  type FakeAwsReply,
  type FakeAwsRequest,
  startFakeAws,
} from '../../../../../scripts/testing/fake-aws';
import { ScenarioEngineErrorCode } from '../../errors';
import type { Fault } from '../../scenario/schema';
import { AwsFisProvider } from './aws-fis-provider';

let fake: FakeAws | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await fake?.close();
  fake = undefined;
});

const fault = {
  type: 'aws-fis',
  target: 'ec2-fleet',
  region: 'us-east-1',
  poll_interval: 20,
  template: { description: 'stop one instance' },
} as unknown as Fault;

/** A FIS that creates EXT1, starts EXP1 and reports it in `status`; overrides per operation. */
function fis(overrides: Record<string, (r: FakeAwsRequest) => FakeAwsReply> = {}, status = 'running') {
  return (r: FakeAwsRequest): FakeAwsReply => {
    const override = overrides[r.operation];
    if (override) return override(r);
    switch (r.operation) {
      case 'CreateExperimentTemplate':
        return { json: { experimentTemplate: { id: 'EXT1' } } };
      case 'StartExperiment':
        return { json: { experiment: { id: 'EXP1', state: { status: 'initiating' } } } };
      case 'GetExperiment':
        return { json: { experiment: { id: 'EXP1', state: { status } } } };
      case 'ListExperiments':
        return {
          json: {
            experiments: [
              { id: 'EXP0', experimentTemplateId: 'EXT0', state: { status: 'running' } },
              { id: 'EXP1', experimentTemplateId: 'EXT1', state: { status: 'running' } },
            ],
          },
        };
      case 'StopExperiment':
        return { json: { experiment: { id: 'EXP1', state: { status: 'stopping' } } } };
      case 'DeleteExperimentTemplate':
        return { json: { experimentTemplate: { id: 'EXT1' } } };
      default:
        return AWS_FAULTS.internal('restJson1');
    }
  };
}

const provider = (extra: Partial<ConstructorParameters<typeof AwsFisProvider>[0]> = {}) =>
  new AwsFisProvider({
    runId: 'run-1',
    clientConfig: { endpoint: fake?.url, credentials: FAKE_CREDENTIALS },
    validate: () => ({ valid: true, errors: [] }),
    ...extra,
  } as ConstructorParameters<typeof AwsFisProvider>[0]);

describe('AwsFisProvider through the real SDK client', () => {
  it('reports the template id, then the experiment id, as soon as AWS returns them', async () => {
    fake = await startFakeAws(fis());
    const handles: Array<Record<string, unknown>> = [];
    const active = await provider().inject(fault, '1-aws-fis-ec2-fleet', {
      onHandle: (h) => handles.push(h),
    });
    expect(handles).toEqual([
      { region: 'us-east-1', templateId: 'EXT1' },
      { region: 'us-east-1', templateId: 'EXT1', experimentId: 'EXP1' },
    ]);
    expect(active.handle).toMatchObject({ templateId: 'EXT1', experimentId: 'EXP1' });
    // the fault's tags carry the run id, so an orphan can always be found by hand
    const create = fake.requests.find((r) => r.operation === 'CreateExperimentTemplate') as FakeAwsRequest;
    expect(JSON.parse(create.body).tags).toMatchObject({ 'faultline:run-id': 'run-1' });
  });

  it('StartExperiment throttled past the retries: 5 attempts, a coded error, and the template it created is deleted', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws(fis({ StartExperiment: () => AWS_FAULTS.throttling('restJson1') }));
    const error = await provider()
      .inject(fault, '1-aws-fis-ec2-fleet')
      .catch((e) => e);
    expect(fake.count('StartExperiment')).toBe(5);
    expect(error).toMatchObject({
      code: ScenarioEngineErrorCode.FaultFailed,
      message: expect.stringMatching(/^AWS FIS: /),
      data: { awsError: 'ThrottlingException', httpStatusCode: 429, attempts: 5 },
    });
    expect(fake.count('DeleteExperimentTemplate')).toBe(1);
    // with no experiment id, the experiments of the template were looked up: none of ours ran
    expect(fake.count('StopExperiment')).toBe(1); // EXP1 is listed as started from EXT1 by this fake
  });

  it('an experiment stuck "initiating" past the start timeout is stopped and its template deleted', async () => {
    fake = await startFakeAws(fis({}, 'initiating'));
    const error = await provider({ startTimeoutMs: 150 })
      .inject(fault, '1-aws-fis-ec2-fleet')
      .catch((e) => e);
    expect(error).toMatchObject({
      code: ScenarioEngineErrorCode.FaultFailed,
      message: expect.stringMatching(/experiment EXP1 still initiating at the start timeout/),
    });
    // polled at the fault's poll_interval (20 ms), not the 5 s default
    expect(fake.count('GetExperiment')).toBeGreaterThanOrEqual(4);
    expect(fake.requests.filter((r) => r.operation === 'StopExperiment').map((r) => r.path)).toEqual([
      '/experiments/EXP1',
    ]);
    expect(fake.count('DeleteExperimentTemplate')).toBe(1);
  });

  it('revert from a template id only (the run died before StartExperiment answered) finds and stops the experiment', async () => {
    fake = await startFakeAws(fis());
    await provider().revert({
      id: '1-aws-fis-ec2-fleet',
      provider: 'aws-fis',
      type: 'aws-fis',
      target: 'ec2-fleet',
      injectedAt: 0,
      recoveryFrom: 'revert',
      handle: { region: 'us-east-1', templateId: 'EXT1' },
    });
    expect(fake.requests.filter((r) => r.operation === 'StopExperiment').map((r) => r.path)).toEqual([
      '/experiments/EXP1',
    ]);
    expect(fake.count('DeleteExperimentTemplate')).toBe(1);
  });

  it('a StopExperiment that keeps failing is reported (the caller journals it), and the template is still deleted', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws(fis({ StopExperiment: () => AWS_FAULTS.unavailable('restJson1') }));
    const error = await provider()
      .revert({
        id: 'x',
        provider: 'aws-fis',
        type: 'aws-fis',
        target: 'ec2-fleet',
        injectedAt: 0,
        recoveryFrom: 'revert',
        handle: { region: 'us-east-1', templateId: 'EXT1', experimentId: 'EXP1' },
      })
      .catch((e) => e);
    expect(fake.count('StopExperiment')).toBe(5);
    expect(error).toMatchObject({
      code: ScenarioEngineErrorCode.FaultFailed,
      message: expect.stringMatching(/stopping EXP1 failed/),
      data: { httpStatusCode: 503, attempts: 5 },
    });
    expect(fake.count('DeleteExperimentTemplate')).toBe(1);
  });
});
