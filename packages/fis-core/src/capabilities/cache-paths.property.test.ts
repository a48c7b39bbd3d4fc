import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { FisCoreError } from '../errors';
import { CapabilityCache } from './capability-cache';
import { CatalogProvider } from './catalog-provider';
import { isRegionName } from './regions';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fl-cache-paths-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const HOSTILE_REGIONS = [
  '../../etc/passwd',
  '..',
  '.',
  '',
  '/etc/passwd',
  'us-east-1/../../x',
  'us-east-1\u0000',
  '\u0000us-east-1',
  '%2e%2e%2f%2e%2e%2fetc',
  '..%2fetc',
  'us-east-1%00',
  'us-east-1\n',
  ' us-east-1',
  'US-EAST-1',
  'us-east-1/',
  'us-east-1\\..\\x',
  'us-east-\u0661',
  `us-east-${'1'.repeat(40)}`,
];

describe('region names never become paths outside the cache directory', () => {
  it.each(HOSTILE_REGIONS.map((r) => [JSON.stringify(r), r]))(
    'refuses the region %s with a clear error',
    (_, region) => {
      const cacheDir = tempDir();
      const cache = new CapabilityCache({ cacheDir });
      let thrown: unknown;
      try {
        cache.filePath(region);
      } catch (error) {
        thrown = error;
      }
      expect(FisCoreError.isInstance(thrown)).toBe(true);
      expect((thrown as Error).message).toMatch(/is not an AWS region name/);
    },
  );

  it('maps any string either to a file directly in the cache directory or to an InvalidRegion error (2,000 inputs)', () => {
    const cacheDir = tempDir();
    const cache = new CapabilityCache({ cacheDir });
    const region = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(...HOSTILE_REGIONS),
      fc.stringMatching(/^(us|eu|ap)-[a-z./%\\-]{1,12}-\d{1,2}$/),
    );
    fc.assert(
      fc.property(region, (value) => {
        if (isRegionName(value)) {
          const path = cache.filePath(value);
          expect(dirname(path)).toBe(cacheDir);
          expect(path).toBe(join(cacheDir, `fis-catalog-${value}.json`));
        } else {
          expect(() => cache.filePath(value)).toThrow(/is not an AWS region name/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a hostile region at every entry point before touching the file system', async () => {
    const cacheDir = join(tempDir(), 'cache');
    const provider = new CatalogProvider({ cacheDir, credentialsAvailable: async () => false });
    for (const region of HOSTILE_REGIONS.slice(0, 8)) {
      await expect(provider.getCatalog(region)).rejects.toThrow(/is not an AWS region name/);
      await expect(new CapabilityCache({ cacheDir }).read(region)).rejects.toThrow(
        /is not an AWS region name/,
      );
    }
    expect(() => readdirSync(cacheDir)).toThrow(); // never even created
  });

  it('reads a cache file that is a symlink out of the directory as unusable, and never writes through it', async () => {
    const cacheDir = tempDir();
    const outside = join(tempDir(), 'victim.txt');
    writeFileSync(outside, 'do not touch\n');
    const cache = new CapabilityCache({ cacheDir });
    symlinkSync(outside, cache.filePath('us-east-1'));
    const read = await cache.read('us-east-1');
    expect(read.status).toBe('unusable');
    expect(readFileSync(outside, 'utf8')).toBe('do not touch\n');
    const written = await cache.write({
      formatVersion: 1,
      region: 'us-east-1',
      source: 'aws',
      fetchedAt: new Date().toISOString(),
      data: bundledCatalog().data,
    });
    expect(written.ok).toBe(true);
    expect(readFileSync(outside, 'utf8')).toBe('do not touch\n');
    expect(lstatSync(cache.filePath('us-east-1')).isSymbolicLink()).toBe(false);
  });
});
