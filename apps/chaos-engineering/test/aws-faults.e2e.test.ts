// The chaos-engineering FIS tools over MCP with the server's OWN default FIS client (fisClientConfig:
// 5 attempts, standard retries, time limits; SDK credential chain), pointed at a fake FIS on
// 127.0.0.1 through AWS_ENDPOINT_URL_FIS with fake credentials. The fake throttles, fails, denies
// or never answers; the caller must get a coded tool error, quickly, after a bounded number of
// requests, and nothing may be started half-way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogProvider, createTemplate, recommend } from '@faultline/fis-core';
import { silentLogger, toolErrorOf } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AWS_FAULTS, type FakeAws, fakeAwsEnv, startFakeAws } from '../../../scripts/testing/fake-aws';
import { createServer } from '../src/server';

let fake: FakeAws;
let cacheDir: string;
let client: Client;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws(() => AWS_FAULTS.internal('restJson1'));
  // the server's default client reads these on first use: endpoint, fake keys, a short time limit
  Object.assign(process.env, fakeAwsEnv(fake.url), {
    AWS_ENDPOINT_URL_FIS: fake.url,
    FAULTLINE_AWS_TIMEOUT_MS: '300',
  });
  delete process.env.AWS_PROFILE;
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
});
beforeEach(async () => {
  fake.requests.length = 0;
  cacheDir = mkdtempSync(join(tmpdir(), 'faultline-chaos-faults-'));
  const { server } = createServer({
    catalogs: new CatalogProvider({ cacheDir, credentialsAvailable: async () => false }),
    defaultRegion: 'us-east-1',
    logger: silentLogger,
  });
  client = new Client({ name: 'test', version: '0' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(a), server.connect(b)]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await client.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args }, undefined, { timeout: 30_000 })) as CallToolResult;

function validTemplate() {
  const [top] = recommend({
    summary: 'EC2 instances lost; host failure took the checkout fleet down',
  }).recommendations;
  return createTemplate(top, {
    roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
    stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx',
    resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'],
  }).template;
}

describe('chaos-engineering FIS tools when FIS misbehaves', () => {
  it('start_experiment, GetExperimentTemplate throttled: 5 requests, a CHAOS_AWS_CALL_FAILED error, and no StartExperiment', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake.setHandler(() => AWS_FAULTS.throttling('restJson1'));
    const result = await call('start_experiment', {
      experiment_template_id: 'EXT1a2b3c4d5e6f7',
      confirm: true,
    });
    expect(result.isError).toBe(true);
    expect(toolErrorOf(result)).toMatchObject({
      code: 'CHAOS_AWS_CALL_FAILED',
      message: expect.stringMatching(
        /^GetExperimentTemplate failed after 5 attempts \(ThrottlingException\).*try again in a minute/,
      ),
      awsError: 'ThrottlingException',
      httpStatusCode: 429,
      attempts: 5,
      retryable: true,
    });
    expect(fake.count('GetExperimentTemplate')).toBe(5);
    expect(fake.count('StartExperiment')).toBe(0);
    expect(fake.requests.every((r) => r.service === 'fis')).toBe(true);
  });

  it('get_experiment, 500 then 503: 5 requests, a retryable error naming the status', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    let n = 0;
    fake.setHandler(() => {
      n += 1;
      return n % 2 ? AWS_FAULTS.internal('restJson1') : AWS_FAULTS.unavailable('restJson1');
    });
    const result = await call('get_experiment', { id: 'EXP1a2b3c4d5e6f7' });
    expect(toolErrorOf(result)).toMatchObject({
      code: 'CHAOS_AWS_CALL_FAILED',
      message: expect.stringMatching(/failed on its side \(HTTP 500\)/),
      httpStatusCode: 500,
      attempts: 5,
      retryable: true,
    });
    expect(fake.count('GetExperiment')).toBe(5);
  });

  it('list_experiments on an endpoint that never answers: a TimeoutError within 5 × 300 ms and backoff, not a hung call', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake.setHandler(() => ({ hang: true }));
    const startedAt = Date.now();
    const result = await call('list_experiments', {});
    const tookMs = Date.now() - startedAt;
    expect(toolErrorOf(result)).toMatchObject({
      code: 'CHAOS_AWS_CALL_FAILED',
      awsError: 'TimeoutError',
      attempts: 5,
      retryable: true,
      message: expect.stringMatching(/did not answer in time/),
    });
    expect(fake.count('ListExperiments')).toBe(5);
    expect(tookMs).toBeGreaterThanOrEqual(1500);
    expect(tookMs).toBeLessThan(5000);
  });

  it('stop_experiment denied: one request, not retryable, and the message points at the policy', async () => {
    fake.setHandler(() => AWS_FAULTS.accessDenied('restJson1'));
    const result = await call('stop_experiment', { id: 'EXP1a2b3c4d5e6f7', confirm: true });
    expect(toolErrorOf(result)).toMatchObject({
      code: 'CHAOS_AWS_CALL_FAILED',
      awsError: 'AccessDeniedException',
      attempts: 1,
      retryable: false,
    });
    expect(fake.count()).toBe(1);
  });

  it('create_experiment_template throttled: every retry carries the same clientToken (no duplicate template)', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake.setHandler(() => AWS_FAULTS.throttling('restJson1'));
    const result = await call('create_experiment_template', { template: validTemplate(), confirm: true });
    expect(toolErrorOf(result)).toMatchObject({ code: 'CHAOS_AWS_CALL_FAILED', attempts: 5 });
    const tokens = fake.requests
      .filter((r) => r.operation === 'CreateExperimentTemplate')
      .map((r) => (JSON.parse(r.body) as { clientToken?: string }).clientToken);
    expect(tokens).toHaveLength(5);
    expect(new Set(tokens).size).toBe(1);
  });

  it('start_experiment whose answers are lost: outcomeUnknown with the clientToken, and a retry with it sends the same token', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const template = { id: 'EXT1a2b3c4d5e6f7', ...validTemplate() };
    // FIS receives every StartExperiment (it may well have started the experiment) but the answer never comes back
    fake.setHandler((request) =>
      request.operation === 'GetExperimentTemplate'
        ? { json: { experimentTemplate: template } }
        : { hang: true },
    );
    const result = await call('start_experiment', { experiment_template_id: template.id, confirm: true });
    const error = toolErrorOf(result) as Record<string, unknown>;
    expect(error).toMatchObject({
      code: 'CHAOS_AWS_CALL_FAILED',
      awsError: 'TimeoutError',
      outcomeUnknown: true,
      clientToken: expect.any(String),
      message: expect.stringMatching(
        /may have started anyway.*list_experiments with experiment_template_id: EXT1a2b3c4d5e6f7.*client_token: "/,
      ),
    });
    expect(error.message).not.toMatch(/try again/); // the generic advice would contradict "do not start it again"
    const tokens = () =>
      fake.requests
        .filter((r) => r.operation === 'StartExperiment')
        .map((r) => (JSON.parse(r.body) as { clientToken?: string }).clientToken);
    expect(new Set(tokens())).toEqual(new Set([error.clientToken]));
    fake.requests.length = 0;
    fake.setHandler((request) =>
      request.operation === 'GetExperimentTemplate'
        ? { json: { experimentTemplate: template } }
        : { json: { experiment: { id: 'EXP1a2b3c4d5e6f7', state: { status: 'initiating' } } } },
    );
    const retried = await call('start_experiment', {
      experiment_template_id: template.id,
      confirm: true,
      client_token: error.clientToken,
    });
    expect(retried.isError).toBeFalsy();
    expect(tokens()).toEqual([error.clientToken]);
  });

  it('start_experiment denied: not retryable, and no outcomeUnknown (nothing started)', async () => {
    const template = { id: 'EXT1a2b3c4d5e6f7', ...validTemplate() };
    fake.setHandler((request) =>
      request.operation === 'GetExperimentTemplate'
        ? { json: { experimentTemplate: template } }
        : AWS_FAULTS.accessDenied('restJson1'),
    );
    const result = await call('start_experiment', { experiment_template_id: template.id, confirm: true });
    const error = toolErrorOf(result) as Record<string, unknown>;
    expect(error).toMatchObject({ code: 'CHAOS_AWS_CALL_FAILED', retryable: false });
    expect(error).not.toHaveProperty('outcomeUnknown');
  });

  it('validate_fis_template and get_valid_fis_actions keep working while FIS is down (no request sent)', async () => {
    fake.setHandler(() => ({ hang: true }));
    const validation = await call('validate_fis_template', { template: validTemplate() });
    expect(validation.isError).toBeFalsy();
    expect(validation.structuredContent).toMatchObject({ valid: true });
    const actions = await call('get_valid_fis_actions', {});
    expect(actions.isError).toBeFalsy();
    expect(fake.count()).toBe(0);
  });
});
