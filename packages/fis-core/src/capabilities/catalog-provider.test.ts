import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FisClient,
  FisServiceException,
  GetActionCommand,
  GetTargetResourceTypeCommand,
  ListActionsCommand,
  type ListActionsCommandOutput,
  ListTargetResourceTypesCommand,
} from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { FisCoreErrorCode } from '../errors';
import {
  getActionById,
  getTargetResourceTypeByName,
  listActionsPage1,
  listActionsPage2,
  listTargetResourceTypes,
  recordedActionIds,
} from './__fixtures__/fis-fixtures';
import { type CacheFileSystem, CapabilityCache } from './capability-cache';
import { CatalogProvider, type CatalogProviderOptions } from './catalog-provider';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const region = 'us-east-1';
const metadata = { httpStatusCode: 200, attempts: 1 };
const cliListActions = {
  actions: [...(listActionsPage1.actions ?? []), ...(listActionsPage2.actions ?? [])],
};

let dir: string;
let now: number;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'faultline-provider-'));
  now = T0;
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A FisClient of its own, with its own mock answering from the recorded payloads. */
function mockedFis(
  pages: Omit<ListActionsCommandOutput, '$metadata'>[] = [listActionsPage1, listActionsPage2],
) {
  const client = new FisClient({
    region,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  const mock = mockClient(client);
  mock.on(ListActionsCommand).callsFake(async (input) => {
    const index = input.nextToken ? pages.findIndex((p) => p.nextToken === input.nextToken) + 1 : 0;
    return { ...pages[index], $metadata: metadata };
  });
  mock.on(GetActionCommand).callsFake(async (input) => ({ ...getActionById[input.id], $metadata: metadata }));
  mock.on(ListTargetResourceTypesCommand).resolves({ ...listTargetResourceTypes, $metadata: metadata });
  mock.on(GetTargetResourceTypeCommand).callsFake(async (input) => ({
    ...getTargetResourceTypeByName[input.resourceType],
    $metadata: metadata,
  }));
  return { client, mock };
}

function provider(options: CatalogProviderOptions = {}) {
  return new CatalogProvider({ cacheDir: dir, now: () => now, ...options });
}

function awsError(name: string, message: string, httpStatusCode: number) {
  return new FisServiceException({
    name,
    $fault: 'client',
    message,
    $metadata: { httpStatusCode, attempts: 5 },
  });
}

async function seedCache(fetchedAt: number, source: 'aws' | 'agent' = 'aws', compiledOn = 'seeded') {
  const cache = new CapabilityCache({ cacheDir: dir });
  const written = await cache.write({
    formatVersion: 1,
    region,
    source,
    fetchedAt: new Date(fetchedAt).toISOString(),
    data: { ...bundledCatalog().data, compiledOn },
  });
  expect(written.ok).toBe(true);
  return cache.filePath(region);
}

describe('CatalogProvider sources', () => {
  it('fetches from AWS when nothing is cached and credentials resolve, then caches the result', async () => {
    // Prepare
    const { client, mock } = mockedFis();
    const fisClientFactory = vi.fn(() => client);
    const first = provider({ fisClientFactory, credentialsAvailable: async () => true });

    // Act
    const result = await first.getCatalog(region);

    // Assess
    expect(result).toMatchObject({
      status: 'fresh',
      source: { kind: 'aws', retrievedAt: '2026-11-24T10:00:00.000Z', region },
      ageMs: 0,
      problems: [],
    });
    expect(result.instructions).toBeUndefined();
    expect(result.catalog.actions.map((a) => a.id)).toEqual(recordedActionIds);
    expect(mock.commandCalls(ListActionsCommand)).toHaveLength(2);

    const cached = await new CapabilityCache({ cacheDir: dir, now: () => now }).read(region);
    expect(cached).toMatchObject({ status: 'fresh', entry: { source: 'aws', region } });
  });

  it('answers from the fresh cache without building a client', async () => {
    await seedCache(T0 - HOUR);
    const fisClientFactory = vi.fn(() => mockedFis().client);
    const credentialsAvailable = vi.fn(async () => true);
    const result = await provider({ fisClientFactory, credentialsAvailable }).getCatalog(region);

    expect(result).toMatchObject({
      status: 'fresh',
      source: { kind: 'cache', region, retrievedAt: new Date(T0 - HOUR).toISOString() },
      cachedFrom: 'aws',
      ageMs: HOUR,
      problems: [],
    });
    expect(result.catalog.data.compiledOn).toBe('seeded');
    expect(fisClientFactory).not.toHaveBeenCalled();
    expect(credentialsAvailable).not.toHaveBeenCalled();
  });

  it('serves a stale cache with instructions when AWS cannot be asked', async () => {
    await seedCache(T0 - 30 * HOUR);
    const result = await provider({ credentialsAvailable: async () => false }).getCatalog(region);

    expect(result).toMatchObject({
      status: 'stale',
      source: { kind: 'cache' },
      ageMs: 30 * HOUR,
      problems: [],
    });
    expect(result.instructions).toMatch(/cached copy fetched 30 h ago/);
    expect(result.instructions).toMatch(/No AWS credentials resolved/);
    expect(result.instructions).toMatch(/aws fis list-actions --region us-east-1 --output json/);
    expect(result.instructions).toMatch(/as agentData/);
    expect(result.instructions).toMatch(/refresh: true/);
  });

  it('serves the bundled snapshot, with its age, when nothing else is available', async () => {
    const result = await provider({ credentialsAvailable: async () => false }).getCatalog(region);
    const bundled = bundledCatalog();
    expect(result).toMatchObject({ status: 'bundled', source: bundled.source, problems: [] });
    expect(result.catalog).toBe(bundled);
    expect(result.ageMs).toBe(Math.max(0, T0 - Date.parse(bundled.data.compiledOn)));
    expect(result.instructions).toMatch(/snapshot bundled with Faultline/);
  });

  it('gives status "empty" instead of the bundled snapshot when asked to', async () => {
    const result = await provider({
      credentialsAvailable: async () => false,
      bundledFallback: false,
    }).getCatalog(region);
    expect(result.status).toBe('empty');
    expect(result.catalog.actions).toEqual([]);
    expect(result.instructions).toMatch(/is empty/);
  });

  it('falls back to the bundled snapshot with a clear problem on AccessDeniedException', async () => {
    const { client, mock } = mockedFis();
    mock
      .on(ListActionsCommand)
      .rejects(awsError('AccessDeniedException', 'not authorized to perform: fis:ListActions', 403));
    const result = await provider({
      fisClientFactory: () => client,
      credentialsAvailable: async () => true,
    }).getCatalog(region);

    expect(result.status).toBe('bundled');
    expect(result.problems).toEqual([
      expect.stringMatching(/^AWS denied ListActions in us-east-1 \(AccessDeniedException.*fis:GetAction/),
    ]);
    expect(result.instructions).not.toMatch(/No AWS credentials resolved/);
    expect(result.instructions).toMatch(/The FIS API lookup failed \(see problems\)/);
    // Nothing was cached.
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('recovers on the next call after throttling outlasted the retries', async () => {
    const { client, mock } = mockedFis();
    mock
      .on(ListActionsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 429))
      .callsFake(async (input) => ({
        ...(input.nextToken ? listActionsPage2 : listActionsPage1),
        $metadata: metadata,
      }));
    const p = provider({ fisClientFactory: () => client, credentialsAvailable: async () => true });

    const throttled = await p.getCatalog(region);
    expect(throttled.status).toBe('bundled');
    expect(throttled.problems[0]).toMatch(/^FIS throttled ListActions/);

    const recovered = await p.getCatalog(region);
    expect(recovered).toMatchObject({ status: 'fresh', source: { kind: 'aws' }, problems: [] });
  });

  it('uses agent data when AWS cannot be asked, and caches it as agent data', async () => {
    const p = provider({ credentialsAvailable: async () => false });
    const result = await p.getCatalog(region, {
      agentData: { actions: cliListActions, targetResourceTypes: listTargetResourceTypes },
    });
    expect(result).toMatchObject({
      status: 'fresh',
      source: { kind: 'agent', region },
      ageMs: 0,
      problems: [],
    });
    expect(result.catalog.actions.map((a) => a.id)).toEqual(recordedActionIds);

    now = T0 + HOUR;
    const later = await provider({ credentialsAvailable: async () => false }).getCatalog(region);
    expect(later).toMatchObject({
      status: 'fresh',
      source: { kind: 'cache' },
      cachedFrom: 'agent',
      ageMs: HOUR,
    });
  });

  it('prefers live AWS over agent data', async () => {
    const { client } = mockedFis([{ actions: listActionsPage1.actions }]);
    const result = await provider({
      fisClientFactory: () => client,
      credentialsAvailable: async () => true,
    }).getCatalog(region, { agentData: ['aws:fis:wait'] });
    expect(result.source.kind).toBe('aws');
    expect(result.catalog.actions).toHaveLength(3);
  });

  it('reports invalid agent data by field and falls back', async () => {
    await seedCache(T0 - 30 * HOUR);
    const result = await provider({ credentialsAvailable: async () => false }).getCatalog(region, {
      agentData: { actions: [{ id: 'aws:fis:wait' }, { id: 'not an id' }] },
    });
    expect(result.status).toBe('stale');
    expect(result.problems).toEqual([expect.stringContaining('actions[1].id')]);
  });

  it('says when agent data was ignored because the cache is fresh', async () => {
    await seedCache(T0 - HOUR);
    const result = await provider({ credentialsAvailable: async () => false }).getCatalog(region, {
      agentData: ['aws:fis:wait'],
    });
    expect(result.source.kind).toBe('cache');
    expect(result.problems).toEqual([expect.stringMatching(/agentData was not used.*refresh: true/)]);
  });

  it('skips the fresh cache on refresh: true, and keeps it when the refresh fails', async () => {
    await seedCache(T0 - HOUR);
    const { client, mock } = mockedFis();
    const p = provider({ fisClientFactory: () => client, credentialsAvailable: async () => true });

    expect((await p.getCatalog(region, { refresh: true })).source.kind).toBe('aws');

    mock.on(ListActionsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const failed = await p.getCatalog(region, { refresh: true });
    expect(failed).toMatchObject({ status: 'fresh', source: { kind: 'cache' } });
    expect(failed.problems[0]).toMatch(/^AWS denied/);
  });

  it('reports a corrupt cache file and goes on to the next source', async () => {
    const path = new CapabilityCache({ cacheDir: dir }).filePath(region);
    await fs.writeFile(path, '{"formatVersion":1,"region":"us-east-1","data":{"actio');
    const { client } = mockedFis();
    const result = await provider({
      fisClientFactory: () => client,
      credentialsAvailable: async () => true,
    }).getCatalog(region);
    expect(result).toMatchObject({ status: 'fresh', source: { kind: 'aws' } });
    expect(result.problems).toEqual([expect.stringMatching(/is not valid JSON.*moved aside/)]);
    // The good catalog replaced the corrupt file; the corrupt one was kept aside.
    const files = (await fs.readdir(dir)).sort();
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/\.corrupt-/);
  });

  it('still serves a freshly fetched catalog when the cache cannot be written', async () => {
    const full: CacheFileSystem = {
      ...fs,
      rename: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const { client } = mockedFis();
    const p = provider({ fisClientFactory: () => client, credentialsAvailable: async () => true, fs: full });
    const result = await p.getCatalog(region);
    expect(result).toMatchObject({ status: 'fresh', source: { kind: 'aws' } });
    expect(result.problems).toEqual([expect.stringMatching(/could not write the catalog cache .*ENOSPC/)]);

    const blocked = join(dir, 'file');
    await fs.writeFile(blocked, '');
    const result2 = await provider({
      cacheDir: join(blocked, 'cache'),
      fisClientFactory: () => mockedFis().client,
      credentialsAvailable: async () => true,
    }).getCatalog(region);
    expect(result2.status).toBe('fresh');
    expect(result2.problems).toEqual([
      expect.stringMatching(/could not read the catalog cache .*ENOTDIR/),
      expect.stringMatching(/could not write the catalog cache .*(ENOTDIR|EEXIST)/),
    ]);
  });

  it('treats a credential chain that resolves nothing as "no credentials" and sends nothing', async () => {
    const chain = vi.fn(async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    });
    const client = new FisClient({ region, credentials: chain });
    const mock = mockClient(client);
    const p = provider({ fisClientFactory: () => client });

    const result = await p.getCatalog(region);
    expect(result.status).toBe('bundled');
    expect(result.problems).toEqual([]);
    expect(result.instructions).toMatch(/No AWS credentials resolved/);
    expect(mock.calls()).toHaveLength(0);
    expect(chain).toHaveBeenCalledTimes(1);

    // The negative answer is trusted for a minute, except on refresh.
    now = T0 + 30_000;
    await p.getCatalog(region);
    expect(chain).toHaveBeenCalledTimes(1);
    await p.getCatalog(region, { refresh: true });
    expect(chain).toHaveBeenCalledTimes(2);
    now = T0 + 120_000;
    await p.getCatalog(region);
    expect(chain).toHaveBeenCalledTimes(3);
  });

  it('without credentials, answers from memory until they are checked again, then sees a cache written meanwhile', async () => {
    const chain = vi.fn(async () => {
      throw Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      });
    });
    const client = new FisClient({ region, credentials: chain });
    const opened: string[] = [];
    const counting: CacheFileSystem = {
      ...fs,
      open: ((path: string, ...rest: unknown[]) => {
        opened.push(path);
        return (fs.open as (...args: unknown[]) => unknown)(path, ...rest);
      }) as CacheFileSystem['open'],
      readFile: ((path: string, ...rest: unknown[]) => {
        opened.push(path);
        return (fs.readFile as (...args: unknown[]) => unknown)(path, ...rest);
      }) as CacheFileSystem['readFile'],
    };
    const p = provider({ fisClientFactory: () => client, fs: counting });

    const first = await p.getCatalog(region);
    expect(first.status).toBe('bundled');
    const reads = opened.length;
    expect(reads).toBeGreaterThan(0);

    now = T0 + 30_000;
    const second = await p.getCatalog(region);
    expect(second).toMatchObject({ status: 'bundled', source: first.source, problems: [] });
    expect(second.ageMs).toBe((first.ageMs ?? 0) + 30_000);
    expect(opened).toHaveLength(reads); // no file read
    expect(chain).toHaveBeenCalledTimes(1);

    // Another process caches a catalog; it is used once the minute is over.
    await seedCache(T0 + 40_000, 'agent', 'written-by-another-process');
    now = T0 + 50_000;
    expect((await p.getCatalog(region)).status).toBe('bundled');
    now = T0 + 61_000;
    const later = await p.getCatalog(region);
    expect(later).toMatchObject({ status: 'fresh', source: { kind: 'cache' } });
    expect(later.catalog.data.compiledOn).toBe('written-by-another-process');
  });

  it('refuses an unknown region before anything else', async () => {
    const fisClientFactory = vi.fn(() => mockedFis().client);
    await expect(provider({ fisClientFactory }).getCatalog('../../etc/passwd')).rejects.toMatchObject({
      code: FisCoreErrorCode.InvalidRegion,
    });
    expect(fisClientFactory).not.toHaveBeenCalled();
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('CatalogProvider memory and concurrency', () => {
  it('shares one in-flight fetch between concurrent calls for a region', async () => {
    const { client, mock } = mockedFis();
    const fisClientFactory = vi.fn(() => client);
    const p = provider({ fisClientFactory, credentialsAvailable: async () => true });

    const results = await Promise.all([p.getCatalog(region), p.getCatalog(region), p.getCatalog(region)]);

    expect(results.map((r) => r.source.kind)).toEqual(['aws', 'aws', 'aws']);
    expect(results[0]?.catalog).toBe(results[2]?.catalog);
    expect(mock.commandCalls(ListActionsCommand)).toHaveLength(2);
    expect(fisClientFactory).toHaveBeenCalledTimes(1);
  });

  it('memoises a fresh catalog until the TTL runs out (injected clock)', async () => {
    const { client, mock } = mockedFis();
    const p = provider({
      fisClientFactory: () => client,
      credentialsAvailable: async () => true,
      ttlMs: 2 * HOUR,
    });
    await p.getCatalog(region);
    await fs.rm(dir, { recursive: true, force: true }); // the memory answers, not the file

    now = T0 + HOUR;
    const memoised = await p.getCatalog(region);
    expect(memoised).toMatchObject({ status: 'fresh', source: { kind: 'aws' }, ageMs: HOUR });
    expect(mock.commandCalls(ListActionsCommand)).toHaveLength(2);

    now = T0 + 2 * HOUR;
    await p.getCatalog(region);
    expect(mock.commandCalls(ListActionsCommand)).toHaveLength(4);
  });

  it('leaves one complete cache file when two providers refresh the same region at once', async () => {
    // Two "processes" with different views of the region: A sees page 1 only, B page 2 only.
    const a = mockedFis([{ actions: listActionsPage1.actions }]);
    const b = mockedFis([{ actions: listActionsPage2.actions }]);
    const idsA = (listActionsPage1.actions ?? []).map((x) => x.id);
    const idsB = (listActionsPage2.actions ?? []).map((x) => x.id);

    for (let round = 0; round < 5; round++) {
      const [ra, rb] = await Promise.all([
        provider({ fisClientFactory: () => a.client, credentialsAvailable: async () => true }).getCatalog(
          region,
          {
            refresh: true,
          },
        ),
        provider({ fisClientFactory: () => b.client, credentialsAvailable: async () => true }).getCatalog(
          region,
          {
            refresh: true,
          },
        ),
      ]);
      expect(ra.catalog.actions.map((x) => x.id)).toEqual(idsA);
      expect(rb.catalog.actions.map((x) => x.id)).toEqual(idsB);
      expect([...ra.problems, ...rb.problems]).toEqual([]);

      const read = await new CapabilityCache({ cacheDir: dir, now: () => now }).read(region);
      expect(read.status).toBe('fresh');
      if (read.status === 'fresh') {
        const ids = read.entry.data.actions.map((x) => x.id);
        expect([idsA, idsB]).toContainEqual(ids);
      }
      expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
    }
  });
});
