// The REAL FisClient, built with Faultline's defaults (fisClientConfig), against a fake FIS on
// 127.0.0.1 that throttles, fails with 5xx, denies or never answers. Proves: retries are bounded
// (requests counted), they back off (Math.random pinned, so the SDK's jittered delays are exact),
// a silent endpoint cannot hold a call for ever, the caller gets a coded error that says what
// happened, and a failed refresh never writes the cache as if it had succeeded.
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FisClient } from '@aws-sdk/client-fis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AWS_FAULTS,
  FAKE_CREDENTIALS,
  type FakeAws,
  type FakeAwsReply,
  type FakeAwsRequest,
  startFakeAws,
} from '../../../../scripts/testing/fake-aws';
import { FisCoreErrorCode } from '../errors';
import {
  getActionById,
  getTargetResourceTypeByName,
  listActionsPage1,
  listActionsPage2,
  listTargetResourceTypes,
} from './__fixtures__/fis-fixtures';
import { fetchCatalogFromAws, fisClientConfig } from './aws-catalog-fetcher';
import { CapabilityCache } from './capability-cache';
import { CatalogProvider } from './catalog-provider';

const region = 'us-east-1';
let fake: FakeAws | undefined;
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'faultline-aws-faults-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fake?.close();
  fake = undefined;
  await fs.rm(dir, { recursive: true, force: true });
});

/** A healthy FIS answering from the recorded payloads. */
function healthy(request: FakeAwsRequest): FakeAwsReply {
  const id = decodeURIComponent(request.path.split('/')[2] ?? '');
  switch (request.operation) {
    case 'ListActions':
      return { json: request.query.get('nextToken') ? listActionsPage2 : listActionsPage1 };
    case 'GetAction':
      return { json: getActionById[id] };
    case 'ListTargetResourceTypes':
      return { json: listTargetResourceTypes };
    case 'GetTargetResourceType':
      return { json: getTargetResourceTypeByName[id] };
    default:
      return AWS_FAULTS.internal('restJson1');
  }
}

/** Client options as Faultline builds them (5 attempts, standard retries, time limits), pointed at the fake. */
const clientConfig = (env: Record<string, string> = {}) => ({
  ...fisClientConfig(env),
  endpoint: fake?.url,
  credentials: FAKE_CREDENTIALS,
});

/** Milliseconds between consecutive requests. */
const gaps = (requests: FakeAwsRequest[]) =>
  requests.slice(1).map((r, i) => r.at - (requests[i] as FakeAwsRequest).at);

describe('FIS catalog fetch through the real SDK client under faults', () => {
  it.each([
    [
      'throttling (429 ThrottlingException)',
      'throttling',
      'ThrottlingException',
      429,
      500,
      /FIS throttled ListActions in us-east-1 after 5 attempts/,
    ],
    [
      '500 InternalServerError',
      'internal',
      'InternalServerError',
      500,
      100,
      /ListActions in us-east-1 failed \(InternalServerError, HTTP 500/,
    ],
    [
      '503 ServiceUnavailable',
      'unavailable',
      'ServiceUnavailable',
      503,
      100,
      /ListActions in us-east-1 failed \(ServiceUnavailable, HTTP 503/,
    ],
  ] as const)(
    '%s: exactly 5 attempts, backing off ×2 each time, then a coded error naming the cause',
    async (_name, fault, errorName, status, baseMs, message) => {
      // Prepare: pin the SDK's jitter at one half, so delays are base × 2^n / 2
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      fake = await startFakeAws(() => AWS_FAULTS[fault]('restJson1'));
      // Act
      const error = await fetchCatalogFromAws({ clientConfig: clientConfig() }, { region }).catch((e) => e);
      // Assess: bounded, backing off, and explained
      expect(fake.count()).toBe(5);
      expect(fake.count('ListActions')).toBe(5);
      const expected = [1, 2, 4, 8].map((n) => (baseMs * n) / 2);
      gaps(fake.requests).forEach((gap, i) => {
        expect(gap).toBeGreaterThanOrEqual((expected[i] as number) - 5);
        expect(gap).toBeLessThan((expected[i] as number) + 400);
      });
      expect(error).toMatchObject({
        code: FisCoreErrorCode.CapabilityLookupFailed,
        message: expect.stringMatching(message),
        data: { operation: 'ListActions', region, errorName, httpStatusCode: status, attempts: 5 },
      });
    },
    20_000,
  );

  it('AccessDeniedException: one request, no retry, and the message names the permissions to grant', async () => {
    fake = await startFakeAws(() => AWS_FAULTS.accessDenied('restJson1'));
    const error = await fetchCatalogFromAws({ clientConfig: clientConfig() }, { region }).catch((e) => e);
    expect(fake.count()).toBe(1);
    expect(error).toMatchObject({
      code: FisCoreErrorCode.CapabilityLookupFailed,
      message: expect.stringMatching(
        /^AWS denied ListActions in us-east-1 \(AccessDeniedException.*fis:ListActions, fis:GetAction/,
      ),
      data: { errorName: 'AccessDeniedException', httpStatusCode: 403, attempts: 1 },
    });
  });

  it('an endpoint that never answers: each attempt ends at the time limit, 5 attempts, then a TimeoutError', async () => {
    // Prepare: a 300 ms request limit (FAULTLINE_AWS_TIMEOUT_MS), so the bound is short
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    fake = await startFakeAws(() => ({ hang: true }));
    const started = Date.now();
    // Act
    const error = await fetchCatalogFromAws(
      { clientConfig: clientConfig({ FAULTLINE_AWS_TIMEOUT_MS: '300' }) },
      { region },
    ).catch((e) => e);
    const tookMs = Date.now() - started;
    // Assess: 5 × 300 ms + backoff (50 + 100 + 200 + 400 ms) ≈ 2.25 s, never more than a few seconds
    expect(fake.count()).toBe(5);
    expect(tookMs).toBeGreaterThanOrEqual(5 * 300);
    expect(tookMs).toBeLessThan(5000);
    expect(error).toMatchObject({
      code: FisCoreErrorCode.CapabilityLookupFailed,
      message: expect.stringMatching(/^could not reach the FIS endpoint for ListActions in us-east-1/),
      data: { errorName: 'TimeoutError', attempts: 5 },
    });
  }, 20_000);

  it('the default client config carries time limits, 5 attempts and standard retries, and honours the environment', () => {
    expect(fisClientConfig({})).toEqual({
      maxAttempts: 5,
      retryMode: 'standard',
      requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 },
    });
    expect(
      fisClientConfig({ AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'adaptive', FAULTLINE_AWS_TIMEOUT_MS: '500' }),
    ).toEqual({
      requestHandler: { connectionTimeout: 500, requestTimeout: 500 },
    });
  });

  it('a throttle that clears within the retries is invisible to the caller', async () => {
    let throttled = 0;
    fake = await startFakeAws((r) => {
      if (r.operation === 'GetAction' && throttled < 3) {
        throttled += 1;
        return AWS_FAULTS.throttling('restJson1');
      }
      return healthy(r);
    });
    const { data } = await fetchCatalogFromAws({ clientConfig: clientConfig() }, { region });
    expect(throttled).toBe(3);
    expect(data.actions.length).toBeGreaterThan(0);
  }, 20_000);
});

describe('CatalogProvider: a failed refresh writes nothing as if it had succeeded', () => {
  const providerFor = () =>
    new CatalogProvider({
      cacheDir: dir,
      credentialsAvailable: async () => true,
      fisClientFactory: (r) =>
        new FisClient({ ...clientConfig({ FAULTLINE_AWS_TIMEOUT_MS: '300' }), region: r }),
    });

  it('keeps the previous cache file byte for byte when the refresh is throttled half-way (one GetAction), and serves it', async () => {
    // Prepare: a good cache from a healthy FIS
    fake = await startFakeAws(healthy);
    const first = await providerFor().getCatalog(region, { refresh: true });
    expect(first).toMatchObject({ status: 'fresh', source: { kind: 'aws' } });
    const file = new CapabilityCache({ cacheDir: dir }).filePath(region);
    const before = await fs.readFile(file, 'utf8');
    const stat = await fs.stat(file);
    // Act: the next refresh lists fine but one GetAction is throttled past every retry
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake.setHandler((r) =>
      r.operation === 'GetAction' && r.path.endsWith(encodeURIComponent('aws:fis:wait'))
        ? AWS_FAULTS.throttling('restJson1')
        : healthy(r),
    );
    const result = await providerFor().getCatalog(region, { refresh: true });
    // Assess: the old file is untouched, no temp file is left, the answer says why it is not fresh from AWS
    expect(await fs.readFile(file, 'utf8')).toBe(before);
    expect((await fs.stat(file)).mtimeMs).toBe(stat.mtimeMs);
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
    expect(result.source.kind).toBe('cache');
    expect(result.problems.join(' ')).toMatch(
      /FIS throttled GetAction\(aws:fis:wait\) in us-east-1 after 5 attempts/,
    );
  }, 20_000);

  it('writes no cache file at all when AWS is unreachable and nothing was cached, and serves the bundled catalog', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws(() => ({ reset: true }));
    const result = await providerFor().getCatalog(region, { refresh: true });
    expect(result.status).toBe('bundled');
    expect(result.catalog.actions.length).toBeGreaterThan(0);
    expect(result.problems.join(' ')).toMatch(/could not reach the FIS endpoint/);
    expect(await fs.readdir(dir)).toEqual([]);
    expect(fake.count()).toBe(5);
  }, 20_000);
});
