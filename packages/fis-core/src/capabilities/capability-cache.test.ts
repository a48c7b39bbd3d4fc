import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import type { CatalogData } from '../catalog/types';
import { FisCoreErrorCode } from '../errors';
import {
  type CacheFileSystem,
  CapabilityCache,
  DEFAULT_CATALOG_TTL_MS,
  defaultCacheDir,
} from './capability-cache';
import type { CatalogCacheEnvelope } from './catalog-schema';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const isPosix = process.platform !== 'win32';
const isRoot = process.getuid?.() === 0;
const packageDir = join(import.meta.dirname, '..', '..');

function envelope(label: string, overrides: Partial<CatalogCacheEnvelope> = {}): CatalogCacheEnvelope {
  const base = bundledCatalog().data;
  const data: CatalogData = { ...base, compiledOn: label };
  return {
    formatVersion: 1,
    region: 'us-east-1',
    source: 'aws',
    fetchedAt: new Date(T0).toISOString(),
    data,
    ...overrides,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'faultline-cache-'));
});
afterEach(async () => {
  await fs.chmod(dir, 0o700).catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
});

describe('CapabilityCache paths', () => {
  it('names one file per region under the cache directory', () => {
    const cache = new CapabilityCache({ cacheDir: dir });
    expect(cache.filePath('eu-west-1')).toBe(join(dir, 'fis-catalog-eu-west-1.json'));
  });

  it('defaults to $XDG_CACHE_HOME/faultline, else ~/.cache/faultline', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/me')).toBe(join('/xdg', 'faultline'));
    expect(defaultCacheDir({}, '/home/me')).toBe(join('/home/me', '.cache', 'faultline'));
    // A relative XDG_CACHE_HOME is invalid per the XDG spec and ignored.
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/me')).toBe(
      join('/home/me', '.cache', 'faultline'),
    );
  });

  it('refuses a bad region before touching the file system', async () => {
    const calls: string[] = [];
    const spy = new Proxy(fs, {
      get(target, key) {
        calls.push(String(key));
        return Reflect.get(target, key);
      },
    }) as CacheFileSystem;
    const cache = new CapabilityCache({ cacheDir: dir, fs: spy });
    for (const region of ['../x', '', 'US-EAST-1', 'us-east-1\0', 'a'.repeat(100)]) {
      await expect(cache.read(region)).rejects.toMatchObject({ code: FisCoreErrorCode.InvalidRegion });
      await expect(cache.write(envelope('x', { region }))).rejects.toMatchObject({
        code: FisCoreErrorCode.InvalidRegion,
      });
    }
    expect(calls).toEqual([]);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses a TTL that is not a positive number', () => {
    expect(() => new CapabilityCache({ ttlMs: 0 })).toThrow(/ttlMs/);
    expect(() => new CapabilityCache({ ttlMs: Number.NaN })).toThrow(/ttlMs/);
  });
});

describe('CapabilityCache write and read', () => {
  it('round-trips an entry and reports a missing file as missing', async () => {
    const cache = new CapabilityCache({ cacheDir: dir, now: () => T0 + HOUR });
    expect(await cache.read('us-east-1')).toMatchObject({ status: 'missing', problems: [] });

    expect(await cache.write(envelope('one'))).toEqual({ ok: true, path: cache.filePath('us-east-1') });
    const read = await cache.read('us-east-1');
    expect(read).toMatchObject({ status: 'fresh', ageMs: HOUR, problems: [] });
    if (read.status === 'fresh') expect(read.entry).toEqual(envelope('one'));
    // No temp files left behind.
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
  });

  it('creates the file with mode 0600 and a new directory with mode 0700', async () => {
    const cacheDir = join(dir, 'nested', 'faultline');
    const cache = new CapabilityCache({ cacheDir });
    expect((await cache.write(envelope('one'))).ok).toBe(true);
    const file = await fs.stat(cache.filePath('us-east-1'));
    const folder = await fs.stat(cacheDir);
    // Windows has no POSIX modes; everything else must match exactly.
    if (isPosix) {
      expect(file.mode & 0o777).toBe(0o600);
      expect(folder.mode & 0o777).toBe(0o700);
    }
  });

  it('treats an entry as fresh within the TTL and stale after it (injected clock)', async () => {
    let now = T0;
    const cache = new CapabilityCache({ cacheDir: dir, now: () => now });
    await cache.write(envelope('one'));

    now = T0 + DEFAULT_CATALOG_TTL_MS - 1;
    expect((await cache.read('us-east-1')).status).toBe('fresh');
    now = T0 + DEFAULT_CATALOG_TTL_MS;
    expect(await cache.read('us-east-1')).toMatchObject({ status: 'stale', ageMs: DEFAULT_CATALOG_TTL_MS });

    const shortTtl = new CapabilityCache({ cacheDir: dir, ttlMs: HOUR, now: () => T0 + 2 * HOUR });
    expect((await shortTtl.read('us-east-1')).status).toBe('stale');
  });

  it('treats a timestamp from the future as stale, and says so', async () => {
    const cache = new CapabilityCache({ cacheDir: dir, now: () => T0 - HOUR });
    await cache.write(envelope('one'));
    const read = await cache.read('us-east-1');
    expect(read.status).toBe('stale');
    expect(read.problems.join()).toMatch(/in the future/);
  });
});

describe('CapabilityCache corruption', () => {
  const cases: [string, string | Buffer][] = [
    ['garbage bytes', Buffer.from([0xff, 0x00, 0xfe, 0x13, 0x37, 0x80, 0x81])],
    ['truncated JSON', JSON.stringify(envelope('one')).slice(0, 5000)],
    [
      'valid JSON with the wrong schema',
      JSON.stringify({ formatVersion: 1, region: 'us-east-1', data: { actions: 'x' } }),
    ],
    ['an empty file', ''],
    ['an entry of another region', JSON.stringify(envelope('one', { region: 'eu-west-1' }))],
  ];

  it.each(cases)('moves %s aside, reports it, and the next write starts clean', async (_what, content) => {
    const cache = new CapabilityCache({ cacheDir: dir, now: () => T0 });
    const path = cache.filePath('us-east-1');
    await fs.writeFile(path, content);

    const read = await cache.read('us-east-1');
    expect(read.status).toBe('unusable');
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toContain(path);
    expect(read.problems[0]).toMatch(/moved aside/);
    const files = await fs.readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^fis-catalog-us-east-1\.json\.corrupt-2026-11-23T09-00-00-000Z-[0-9a-f]{6}$/);
    expect(await fs.readFile(join(dir, files[0] as string))).toEqual(Buffer.from(content));

    expect(await cache.read('us-east-1')).toMatchObject({ status: 'missing' });
    await cache.write(envelope('two'));
    expect((await cache.read('us-east-1')).status).toBe('fresh');
  });

  it('leaves a file of a newer format version in place', async () => {
    const cache = new CapabilityCache({ cacheDir: dir });
    await fs.writeFile(cache.filePath('us-east-1'), JSON.stringify({ formatVersion: 2, anything: true }));
    const read = await cache.read('us-east-1');
    expect(read.status).toBe('unusable');
    expect(read.problems[0]).toMatch(/formatVersion 2/);
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
  });

  it('does not move aside a file that another process replaced while it was being read', async () => {
    const cache = new CapabilityCache({ cacheDir: dir });
    const path = cache.filePath('us-east-1');
    await fs.writeFile(path, '{"truncated":');
    const good = new CapabilityCache({ cacheDir: dir });
    // Replace the file between the read and the move-aside: the stat check sees a different file.
    const racing: CacheFileSystem = {
      ...fs,
      stat: (async (...args: Parameters<typeof fs.stat>) => {
        await good.write(envelope('good'));
        return fs.stat(...args);
      }) as typeof fs.stat,
    };
    const read = await new CapabilityCache({ cacheDir: dir, fs: racing }).read('us-east-1');
    expect(read.problems[0]).toMatch(/replaced while being read/);
    expect((await good.read('us-east-1')).status).not.toBe('unusable');
  });
});

describe('CapabilityCache concurrent writers', () => {
  it('leaves one complete entry when many writers in this process race', async () => {
    const labels = Array.from({ length: 20 }, (_, i) => `writer-${i}`);
    const results = await Promise.all(
      labels.map((label) => new CapabilityCache({ cacheDir: dir }).write(envelope(label))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const read = await new CapabilityCache({ cacheDir: dir, now: () => T0 }).read('us-east-1');
    expect(read.status).toBe('fresh');
    if (read.status === 'fresh') {
      expect(labels).toContain(read.entry.data.compiledOn);
      expect(read.entry).toEqual(envelope(read.entry.data.compiledOn));
    }
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
  });

  it('leaves one complete entry when separate processes race, and a reader never sees a torn file', async () => {
    const run = promisify(execFile);
    const script = join(import.meta.dirname, '__fixtures__', 'cache-writer.ts');
    const writers = ['alpha', 'beta', 'gamma'].map((label) =>
      run(process.execPath, ['--import', 'tsx', script, dir, 'us-east-1', label, '40'], { cwd: packageDir }),
    );
    // Read continuously while the writers run.
    const reader = new CapabilityCache({ cacheDir: dir });
    let done = false;
    let reads = 0;
    const readLoop = (async () => {
      while (!done) {
        const read = await reader.read('us-east-1');
        expect(read.status, read.problems.join('\n')).not.toBe('unusable');
        if (read.status !== 'missing') reads++;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    readLoop.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    try {
      await Promise.all(writers);
    } finally {
      done = true;
      await readLoop;
    }

    const read = await reader.read('us-east-1');
    expect(read.status).not.toBe('unusable');
    if (read.status === 'fresh' || read.status === 'stale') {
      const label = read.entry.data.compiledOn.replace(/-\d+$/, '');
      expect(['alpha', 'beta', 'gamma']).toContain(label);
      expect(read.entry.data.compiledOn).toBe(`${label}-39`);
      expect(read.entry.data.actions.every((a) => a.description === label)).toBe(true);
      expect(read.entry.data.actions).toHaveLength(bundledCatalog().data.actions.length);
    }
    expect(reads).toBeGreaterThan(0);
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
  }, 30_000);
});

describe('CapabilityCache failed writes', () => {
  it('reports a full disk (simulated) without throwing, and removes its temp file', async () => {
    const full: CacheFileSystem = {
      ...fs,
      open: (async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        if (String(args[0]).endsWith('.tmp')) {
          handle.writeFile = async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          };
        }
        return handle;
      }) as typeof fs.open,
    };
    const cache = new CapabilityCache({ cacheDir: dir, fs: full });
    const result = await cache.write(envelope('one'));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok)
      expect(result.problem).toMatch(/could not write the catalog cache .*ENOSPC.*used without caching/);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('reports a failing rename and keeps the previous entry', async () => {
    const cache = new CapabilityCache({ cacheDir: dir });
    await cache.write(envelope('old'));
    const failingRename: CacheFileSystem = {
      ...fs,
      rename: async () => {
        throw Object.assign(new Error('EROFS: read-only file system, rename'), { code: 'EROFS' });
      },
    };
    const result = await new CapabilityCache({ cacheDir: dir, fs: failingRename }).write(envelope('new'));
    expect(result.ok).toBe(false);
    const read = await cache.read('us-east-1');
    expect(read.status !== 'missing' && read.status !== 'unusable' && read.entry.data.compiledOn).toBe('old');
    expect(await fs.readdir(dir)).toEqual(['fis-catalog-us-east-1.json']);
  });

  it('reports a cache directory that cannot exist (a file is in the way)', async () => {
    const blocker = join(dir, 'not-a-dir');
    await fs.writeFile(blocker, 'x');
    const result = await new CapabilityCache({ cacheDir: join(blocker, 'faultline') }).write(envelope('one'));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.problem).toMatch(/ENOTDIR|EEXIST/);
  });

  // Root ignores directory permissions, so this case needs an ordinary user; the injected
  // failures above cover the same code path everywhere.
  it.runIf(isPosix && !isRoot)('reports a read-only directory', async () => {
    await fs.chmod(dir, 0o500);
    const result = await new CapabilityCache({ cacheDir: dir }).write(envelope('one'));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.problem).toMatch(/EACCES|EPERM/);
  });
});
