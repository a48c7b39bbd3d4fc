// The capability cache under real faults: a really full disk and a really read-only file system
// (tmpfs mounts, root only), many refreshes at once through the real SDK client, truncated files,
// and writers killed with SIGKILL in the middle of a write.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FisClient } from '@aws-sdk/client-fis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AWS_FAULTS,
  FAKE_CREDENTIALS,
  type FakeAws,
  type FakeAwsReply,
  type FakeAwsRequest,
  startFakeAws,
} from '../../../../scripts/testing/fake-aws';
import { bundledCatalog } from '../catalog/bundled-catalog';
import {
  getActionById,
  getTargetResourceTypeByName,
  listActionsPage1,
  listActionsPage2,
  listTargetResourceTypes,
  recordedActionIds,
} from './__fixtures__/fis-fixtures';
import { fisClientConfig } from './aws-catalog-fetcher';
import { CapabilityCache } from './capability-cache';
import { CatalogProvider } from './catalog-provider';

const region = 'us-east-1';
const packageDir = join(import.meta.dirname, '..', '..');
let fake: FakeAws | undefined;
let dir: string;
const mounts: string[] = [];

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'faultline-cache-faults-'));
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  for (const m of mounts.splice(0)) {
    try {
      execFileSync('umount', [m]);
    } catch {
      // already gone
    }
  }
  await fs.rm(dir, { recursive: true, force: true });
});

function healthy(request: FakeAwsRequest): FakeAwsReply {
  const id = decodeURIComponent(request.path.split('/')[2] ?? '');
  switch (request.operation) {
    case 'ListActions':
      return { json: request.query.get('nextToken') ? listActionsPage2 : listActionsPage1, delayMs: 20 };
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

const provider = (cacheDir: string) =>
  new CatalogProvider({
    cacheDir,
    credentialsAvailable: async () => true,
    fisClientFactory: (r) =>
      new FisClient({ ...fisClientConfig(), region: r, endpoint: fake?.url, credentials: FAKE_CREDENTIALS }),
  });

/** Mounts a small tmpfs (root only); false when this machine does not allow it. */
function mountTmpfs(at: string, sizeKb: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', at], {
      stdio: 'ignore',
    });
    mounts.push(at);
    return true;
  } catch {
    return false;
  }
}

const canMount = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    const probe = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    execFileSync('rmdir', [probe]);
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(canMount)('a real full disk and a real read-only file system (tmpfs, root)', () => {
  it('full disk (ENOSPC): the freshly fetched catalog is still served, the failed write is reported, no temp file is left', async () => {
    // Prepare: a 64 KiB tmpfs, filled up; a real catalog is several times that
    const cacheDir = join(dir, 'full');
    await fs.mkdir(cacheDir);
    expect(mountTmpfs(cacheDir, 64)).toBe(true);
    await fs.writeFile(join(cacheDir, 'filler'), Buffer.alloc(60 * 1024)).catch(() => {});
    fake = await startFakeAws(healthy);
    // Act
    const result = await provider(cacheDir).getCatalog(region, { refresh: true });
    // Assess
    expect(result).toMatchObject({ status: 'fresh', source: { kind: 'aws' } });
    expect(result.catalog.actions.map((a) => a.id)).toEqual(recordedActionIds);
    expect(result.problems.join(' ')).toMatch(
      /could not write the catalog cache .*ENOSPC.*used without caching/,
    );
    expect(await fs.readdir(cacheDir)).toEqual(['filler']);
  });

  it('read-only file system (EROFS): the previous cache file stays intact and valid, the new catalog is served, the problem is reported', async () => {
    // Prepare: a good cache on a tmpfs, then the tmpfs turns read-only
    const cacheDir = join(dir, 'ro');
    await fs.mkdir(cacheDir);
    expect(mountTmpfs(cacheDir, 4096)).toBe(true);
    const cache = new CapabilityCache({ cacheDir });
    const old = bundledCatalog().data;
    expect(
      (
        await cache.write({
          formatVersion: 1,
          region,
          source: 'agent',
          fetchedAt: new Date(Date.now() - 60_000).toISOString(),
          data: old,
        })
      ).ok,
    ).toBe(true);
    const before = await fs.readFile(cache.filePath(region), 'utf8');
    execFileSync('mount', ['-o', 'remount,ro', cacheDir]);
    fake = await startFakeAws(healthy);
    // Act
    const result = await provider(cacheDir).getCatalog(region, { refresh: true });
    // Assess
    expect(result).toMatchObject({ status: 'fresh', source: { kind: 'aws' } });
    expect(result.problems.join(' ')).toMatch(/could not write the catalog cache .*EROFS/);
    expect(await fs.readFile(cache.filePath(region), 'utf8')).toBe(before);
    const reread = await new CapabilityCache({ cacheDir }).read(region);
    expect(reread.status).toBe('fresh');
  });
});

describe('concurrent refreshes through the real SDK client', () => {
  it('100 refreshes at once in one process: one fetch (2 ListActions pages), 100 identical answers, one complete file', async () => {
    fake = await startFakeAws(healthy);
    const p = provider(dir);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => p.getCatalog(region, { refresh: true })),
    );
    expect(fake.count('ListActions')).toBe(2);
    expect(fake.count('GetAction')).toBe(recordedActionIds.length);
    const ids = results.map((r) => r.catalog.actions.map((a) => a.id).join(','));
    expect(new Set(ids).size).toBe(1);
    expect(results.every((r) => r.status === 'fresh' && r.problems.length === 0)).toBe(true);
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
    expect((await new CapabilityCache({ cacheDir: dir }).read(region)).status).toBe('fresh');
  });

  it('8 providers (as 8 processes would) refreshing at once, 5 rounds: the file is always one complete catalog, never torn', async () => {
    fake = await startFakeAws(healthy);
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => provider(dir).getCatalog(region, { refresh: true })),
      );
      expect(results.every((r) => r.status === 'fresh' && r.problems.length === 0)).toBe(true);
      const read = await new CapabilityCache({ cacheDir: dir }).read(region);
      expect(read.status).toBe('fresh');
      if (read.status === 'fresh')
        expect(read.entry.data.actions.map((a) => a.id)).toEqual(recordedActionIds);
      expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
    }
    expect(fake.count('ListActions')).toBe(2 * 8 * 5);
  });
});

describe('truncated and corrupted cache files', () => {
  it('a file cut at any point falls back to the bundled catalog, says why, and is moved aside (12 cut points)', async () => {
    // Prepare: a valid file to cut
    const cache = new CapabilityCache({ cacheDir: dir });
    expect(
      (
        await cache.write({
          formatVersion: 1,
          region,
          source: 'aws',
          fetchedAt: new Date().toISOString(),
          data: bundledCatalog().data,
        })
      ).ok,
    ).toBe(true);
    const whole = await fs.readFile(cache.filePath(region));
    const cuts = [
      0,
      1,
      2,
      10,
      100,
      1000,
      5000,
      Math.floor(whole.length / 3),
      Math.floor(whole.length / 2),
      whole.length - 100,
      whole.length - 3,
      whole.length - 2,
    ];
    for (const cut of cuts) {
      await fs.writeFile(cache.filePath(region), whole.subarray(0, cut));
      // Act: no AWS credentials, so the cache or the bundled snapshot must answer
      const result = await new CatalogProvider({
        cacheDir: dir,
        credentialsAvailable: async () => false,
      }).getCatalog(region);
      // Assess
      expect(result.status, `cut at ${cut}`).toBe('bundled');
      expect(result.catalog.actions.length).toBe(bundledCatalog().data.actions.length);
      expect(result.problems.join(' '), `cut at ${cut}`).toMatch(
        /is empty|is not valid JSON|does not match the catalog schema/,
      );
      expect(result.problems.join(' ')).toMatch(/moved aside to .*\.corrupt-/);
      const names = await fs.readdir(dir);
      expect(names).not.toContain('fis-catalog-us-east-1.json');
      for (const name of names) await fs.rm(join(dir, name));
    }
  });

  it('garbage, a wrong shape, NUL bytes and a huge number: each reported, each replaced by the next good refresh', async () => {
    fake = await startFakeAws(healthy);
    const cache = new CapabilityCache({ cacheDir: dir });
    for (const bad of [
      '\0\0\0\0',
      '{"formatVersion":1}',
      '[1,2,3]',
      `{"formatVersion":1e999999}`,
      'null',
      '{"__proto__":{"polluted":true}}',
    ]) {
      await fs.writeFile(cache.filePath(region), bad);
      const offline = await new CatalogProvider({
        cacheDir: dir,
        credentialsAvailable: async () => false,
      }).getCatalog(region);
      expect(offline.status, bad).toBe('bundled');
      expect(offline.problems.length, bad).toBeGreaterThan(0);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
      const refreshed = await provider(dir).getCatalog(region, { refresh: true });
      expect(refreshed).toMatchObject({ status: 'fresh', source: { kind: 'aws' } });
      expect((await cache.read(region)).status).toBe('fresh');
    }
  });
});

describe('atomic writes: a writer killed with SIGKILL mid-write never leaves a torn file', () => {
  it('6 writers killed at random moments: the cache file is always missing or one complete catalog', async () => {
    const script = join(import.meta.dirname, '__fixtures__', 'cache-writer.ts');
    const cache = new CapabilityCache({ cacheDir: dir });
    let sawComplete = 0;
    for (let i = 0; i < 6; i++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', script, dir, region, `killed-${i}`, '100000'],
        {
          cwd: packageDir,
          stdio: 'ignore',
        },
      );
      const exited = new Promise((r) => child.once('exit', r));
      // wait until it is writing (the file or a temp file appeared), then a random moment more
      for (let t = 0; t < 200 && (await fs.readdir(dir)).length === 0; t++)
        await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 200)));
      child.kill('SIGKILL');
      await exited;
      const read = await cache.read(region);
      expect(['missing', 'fresh']).toContain(read.status);
      if (read.status === 'fresh') {
        sawComplete += 1;
        const label = read.entry.data.compiledOn.replace(/-\d+$/, '');
        expect(read.entry.data.actions.every((a) => a.description === label)).toBe(true);
        expect(read.entry.data.actions).toHaveLength(bundledCatalog().data.actions.length);
      }
    }
    expect(sawComplete).toBeGreaterThan(0);
    // what a killed writer can leave is a temp file, never a second catalog file
    const names = await fs.readdir(dir);
    expect(names.filter((n) => !n.endsWith('.tmp'))).toEqual(['fis-catalog-us-east-1.json']);
  }, 60_000);
});
