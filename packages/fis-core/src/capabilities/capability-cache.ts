import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import {
  CACHE_FORMAT_VERSION,
  type CatalogCacheEnvelope,
  catalogCacheEnvelopeSchema,
  formatSchemaIssues,
  summariseSchemaIssues,
} from './catalog-schema';
import { assertRegion } from './regions';

/** Default time a cached catalog counts as fresh: 24 hours. */
export const DEFAULT_CATALOG_TTL_MS = 24 * 60 * 60 * 1000;

/** Files larger than this are not read; a real catalog is a few hundred kilobytes. */
const MAX_CACHE_FILE_BYTES = 32 * 1024 * 1024;

/**
 * The `node:fs/promises` functions the cache uses. Inject a wrapper in tests to simulate a full
 * disk or a failing rename; the default is `node:fs/promises` itself.
 */
export type CacheFileSystem = Pick<
  typeof nodeFs,
  'mkdir' | 'open' | 'readFile' | 'rename' | 'stat' | 'unlink'
>;

/** Options of {@link CapabilityCache}. */
export interface CapabilityCacheOptions {
  /**
   * Directory holding the cache files. Defaults to `$XDG_CACHE_HOME/faultline` when the
   * `XDG_CACHE_HOME` environment variable is an absolute path, else `~/.cache/faultline`
   * (the home directory comes from `os.homedir()`, i.e. `HOME` on POSIX).
   */
  cacheDir?: string;
  /** How long a cached catalog counts as fresh, in ms. Default 24 h ({@link DEFAULT_CATALOG_TTL_MS}). */
  ttlMs?: number;
  /** Clock, in ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /** File system functions. Defaults to `node:fs/promises`. */
  fs?: CacheFileSystem;
}

/** What {@link CapabilityCache.read} found. Problems are reported here, never thrown. */
export type CacheReadResult =
  | {
      /** No cache file for this region. */
      status: 'missing';
      path: string;
      problems: string[];
    }
  | {
      /** A file exists but cannot be used (corrupt, wrong schema, unreadable); see `problems`. */
      status: 'unusable';
      path: string;
      problems: string[];
      /** Where the corrupt file was moved, when it was. */
      movedTo?: string;
    }
  | {
      /** A valid entry: `fresh` when younger than the TTL, else `stale`. */
      status: 'fresh' | 'stale';
      path: string;
      entry: CatalogCacheEnvelope;
      /** Age of the entry in ms (negative when its timestamp is in the future). */
      ageMs: number;
      problems: string[];
    };

/** What {@link CapabilityCache.write} did. A failed write is reported, never thrown. */
export type CacheWriteResult = { ok: true; path: string } | { ok: false; path: string; problem: string };

/**
 * The default cache directory: `$XDG_CACHE_HOME/faultline` when `XDG_CACHE_HOME` is set to an
 * absolute path, else `<home>/.cache/faultline`.
 */
export function defaultCacheDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  const xdg = env.XDG_CACHE_HOME;
  const root = xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
  return join(root, 'faultline');
}

/**
 * A per-region file cache of FIS catalogs: `<cacheDir>/fis-catalog-<region>.json`, each holding a
 * {@link CatalogCacheEnvelope}.
 *
 * - Writes are atomic: a temp file with a random suffix in the same directory, fsync, then rename,
 *   so concurrent writers (threads or processes) leave one complete file, never a mix.
 * - Files are created with mode `0o600` and the directory, when created, with `0o700`.
 * - On read, a file that is not valid JSON or does not match the schema is moved aside to
 *   `<file>.corrupt-<timestamp>` and reported in `problems`.
 *
 * @example
 * const cache = new CapabilityCache();
 * const read = await cache.read('us-east-1');
 * if (read.status === 'fresh') use(read.entry.data);
 */
export class CapabilityCache {
  /** The directory holding the cache files. */
  readonly cacheDir: string;
  /** Freshness window in ms. */
  readonly ttlMs: number;
  private readonly now: () => number;
  private readonly fs: CacheFileSystem;

  constructor(options: CapabilityCacheOptions = {}) {
    const ttlMs = options.ttlMs ?? DEFAULT_CATALOG_TTL_MS;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
      throw new FisCoreError(
        FisCoreErrorCode.InvalidInput,
        `ttlMs must be a positive number of ms, got ${ttlMs}.`,
      );
    }
    this.cacheDir = options.cacheDir ?? defaultCacheDir();
    this.ttlMs = ttlMs;
    this.now = options.now ?? Date.now;
    this.fs = options.fs ?? nodeFs;
  }

  /** Path of the cache file for `region` (the region is checked first). */
  filePath(region: string): string {
    assertRegion(region);
    return join(this.cacheDir, `fis-catalog-${region}.json`);
  }

  /**
   * Reads and checks the cache file of `region`. Never throws for file problems: a missing file
   * gives `missing`; an unreadable or corrupt one gives `unusable` with the reason in `problems`
   * (corrupt files are moved aside so the next write starts clean).
   *
   * @throws {FisCoreError} `InvalidRegion` when `region` is not a region name (before any I/O).
   */
  async read(region: string): Promise<CacheReadResult> {
    const path = this.filePath(region);
    let text: string;
    let identity: FileIdentity;
    try {
      const handle = await this.fs.open(path, 'r');
      try {
        const stat = await handle.stat();
        identity = { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
        if (!stat.isFile()) {
          return {
            status: 'unusable',
            path,
            problems: [`catalog cache ${path} is not a regular file; ignored.`],
          };
        }
        if (stat.size > MAX_CACHE_FILE_BYTES) {
          return this.moveAside(path, identity, `is ${stat.size} bytes, larger than any real catalog`);
        }
        text = await handle.readFile({ encoding: 'utf8' });
      } finally {
        await handle.close().catch(() => {});
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { status: 'missing', path, problems: [] };
      return {
        status: 'unusable',
        path,
        problems: [`could not read the catalog cache ${path}: ${describeError(error)}; ignored.`],
      };
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const what = text.trim() === '' ? 'is empty' : `is not valid JSON (${describeError(error)})`;
      return this.moveAside(path, identity, what);
    }

    const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version !== CACHE_FORMAT_VERSION) {
      return {
        status: 'unusable',
        path,
        problems: [
          `catalog cache ${path} has formatVersion ${version}, which this version of Faultline does not read (it reads ${CACHE_FORMAT_VERSION}); ignored, and replaced on the next refresh.`,
        ],
      };
    }

    const parsed = catalogCacheEnvelopeSchema.safeParse(json);
    if (!parsed.success) {
      const issues = formatSchemaIssues(parsed.error);
      return this.moveAside(
        path,
        identity,
        `does not match the catalog schema (${summariseSchemaIssues(issues, 3)})`,
      );
    }
    const entry = parsed.data;
    if (entry.region !== region) {
      return this.moveAside(path, identity, `holds region ${JSON.stringify(entry.region)}, not ${region}`);
    }

    const fetchedAt = Date.parse(entry.fetchedAt);
    const ageMs = this.now() - fetchedAt;
    const problems: string[] = [];
    let fresh = ageMs < this.ttlMs;
    if (ageMs < 0) {
      // A timestamp from the future would otherwise stay fresh for ever.
      fresh = false;
      problems.push(
        `catalog cache ${path} says it was fetched at ${entry.fetchedAt}, which is in the future; treated as stale.`,
      );
    }
    return { status: fresh ? 'fresh' : 'stale', path, entry, ageMs, problems };
  }

  /**
   * Writes `entry` as the cache file of its region, atomically (temp file, fsync, rename), with
   * mode `0o600`. Never throws for I/O problems: a failure (read-only directory, full disk) is
   * returned as `{ ok: false, problem }` so the caller can still serve the data it has.
   *
   * @throws {FisCoreError} `InvalidRegion` when `entry.region` is not a region name (before any I/O).
   */
  async write(entry: CatalogCacheEnvelope): Promise<CacheWriteResult> {
    const path = this.filePath(entry.region);
    const checked = catalogCacheEnvelopeSchema.safeParse(entry);
    if (!checked.success) {
      const issues = formatSchemaIssues(checked.error);
      return {
        ok: false,
        path,
        problem: `not caching the catalog for ${entry.region}: it does not match the catalog schema (${summariseSchemaIssues(issues, 3)}).`,
      };
    }
    const body = `${JSON.stringify(checked.data)}\n`;
    const temp = join(
      this.cacheDir,
      `.fis-catalog-${entry.region}.json.${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
    );
    let tempCreated = false;
    try {
      // `mode` applies only to directories created now; an existing directory is left as it is.
      await this.fs.mkdir(this.cacheDir, { recursive: true, mode: 0o700 });
      const handle = await this.fs.open(temp, 'wx', 0o600);
      tempCreated = true;
      try {
        await handle.writeFile(body, { encoding: 'utf8' });
        await handle.chmod(0o600).catch(() => {}); // in case of an unusual umask; no-op on Windows
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.fs.rename(temp, path);
      tempCreated = false;
      await this.syncDirectory();
      return { ok: true, path };
    } catch (error) {
      if (tempCreated) await this.fs.unlink(temp).catch(() => {});
      return {
        ok: false,
        path,
        problem: `could not write the catalog cache ${path}: ${describeError(error)}; the catalog is used without caching.`,
      };
    }
  }

  /** Best-effort fsync of the directory so the rename survives a crash (not possible on Windows). */
  private async syncDirectory(): Promise<void> {
    try {
      const dir = await this.fs.open(this.cacheDir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    } catch {
      // Not supported everywhere; the rename itself is already atomic.
    }
  }

  /**
   * Moves a corrupt file to `<file>.corrupt-<timestamp>` unless it changed since it was read
   * (another process may have just replaced it with a good file).
   */
  private async moveAside(path: string, identity: FileIdentity, what: string): Promise<CacheReadResult> {
    const problem = `catalog cache ${path} ${what}`;
    try {
      const current = await this.fs.stat(path);
      if (
        current.ino !== identity.ino ||
        current.size !== identity.size ||
        current.mtimeMs !== identity.mtimeMs
      ) {
        return {
          status: 'unusable',
          path,
          problems: [`${problem}; it was replaced while being read, so it is left in place.`],
        };
      }
      const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
      const movedTo = `${path}.corrupt-${stamp}-${randomBytes(3).toString('hex')}`;
      await this.fs.rename(path, movedTo);
      return { status: 'unusable', path, movedTo, problems: [`${problem}; moved aside to ${movedTo}.`] };
    } catch (error) {
      return {
        status: 'unusable',
        path,
        problems: [`${problem}; it could not be moved aside (${describeError(error)}).`],
      };
    }
  }
}

interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
