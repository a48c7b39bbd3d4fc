import type { FisClient } from '@aws-sdk/client-fis';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { Catalog, type CatalogSource } from '../catalog/catalog';
import { FisCoreError } from '../errors';
import { catalogFromAgentData } from './agent-catalog-data';
import { fetchCatalogFromAws, fisClientConfig } from './aws-catalog-fetcher';
import { FIS_CATALOG_PERMISSIONS } from './aws-failure-message';
import { type CacheFileSystem, type CacheReadResult, CapabilityCache } from './capability-cache';
import type { CacheOrigin } from './catalog-schema';
import { assertRegion } from './regions';

/** Options of {@link CatalogProvider}. */
export interface CatalogProviderOptions {
  /** Directory of the cache files. Defaults to `$XDG_CACHE_HOME/faultline`, else `~/.cache/faultline`. */
  cacheDir?: string;
  /** How long a fetched catalog counts as fresh, in ms. Default 24 h. */
  ttlMs?: number;
  /** Clock, in ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Builds the FIS client of a region, on first need. Defaults to
   * `new FisClient({ ...fisClientConfig(), region })` (5 attempts, standard retries, time limits) with the SDK's default
   * credential chain (`AWS_PROFILE`, `AWS_ACCESS_KEY_ID`, SSO, instance roles, …).
   */
  fisClientFactory?: (region: string) => FisClient;
  /**
   * Whether AWS credentials resolve. Defaults to resolving the client's credential provider once
   * per client; a failure means "no credentials" and the live API is not asked.
   */
  credentialsAvailable?: (region: string) => Promise<boolean>;
  /**
   * Serve the bundled snapshot when nothing better is available (status `bundled`). Default `true`.
   * With `false`, that case gives status `empty`: a catalog without actions or resource types.
   */
  bundledFallback?: boolean;
  /** Most GetAction calls in flight at once. Default 8. */
  concurrency?: number;
  /** File system functions of the cache, for tests. Defaults to `node:fs/promises`. */
  fs?: CacheFileSystem;
}

/** Options of {@link CatalogProvider.getCatalog}. */
export interface GetCatalogOptions {
  /** Skip the fresh cache (in memory and on disk) and ask AWS, or use `agentData`. */
  refresh?: boolean;
  /**
   * Catalog data an agent fetched with the AWS CLI (e.g. the output of `aws fis list-actions`);
   * used when the cache is not fresh and AWS cannot be asked. See `safeParseAgentCatalogData`.
   */
  agentData?: unknown;
}

/**
 * How current the catalog is: `fresh` (fetched within the TTL, from AWS, an agent or the cache),
 * `stale` (a cached copy older than the TTL), `bundled` (the snapshot shipped with the package),
 * `empty` (nothing available and `bundledFallback: false`).
 */
export type CatalogStatus = 'fresh' | 'stale' | 'empty' | 'bundled';

/** The answer of {@link CatalogProvider.getCatalog}. */
export interface CatalogResult {
  catalog: Catalog;
  status: CatalogStatus;
  /** Which source answered, and when its data was produced. Same as `catalog.source`. */
  source: CatalogSource;
  /** Age of the data in ms (since it was fetched, or compiled for the bundled snapshot). */
  ageMs?: number;
  /** For a cached catalog: whether it was fetched from AWS or handed in by an agent. */
  cachedFrom?: CacheOrigin;
  /** What went wrong on the way (a corrupt cache, a denied AWS call, a failed write). Never thrown. */
  problems: string[];
  /** How to get a fresh catalog, when this one is not fresh. */
  instructions?: string;
}

interface Memo {
  result: CatalogResult;
  fetchedAtMs: number;
}

interface InFlight {
  promise: Promise<CatalogResult>;
  refresh: boolean;
}

/**
 * Gives the FIS catalog of a region from the best source available, in this order:
 *
 * 1. the cache, when fresh (in memory, then the per-region file);
 * 2. the live FIS API, when AWS credentials resolve (the result is cached);
 * 3. data an agent handed in (`agentData`, the seed's refresh flow; the result is cached);
 * 4. the cache, when stale (status `stale`, with instructions to refresh);
 * 5. the bundled snapshot (status `bundled`).
 *
 * The answer always names its source and age. Problems on the way are returned in `problems`,
 * never thrown. Concurrent calls for a region share one lookup, and no AWS client is built (nor
 * the SDK loaded) until the live API is needed.
 *
 * @example
 * const provider = new CatalogProvider();
 * const { catalog, status, source, instructions } = await provider.getCatalog('us-east-1');
 * catalog.action('aws:ec2:stop-instances');
 */
export class CatalogProvider {
  private readonly cache: CapabilityCache;
  private readonly now: () => number;
  private readonly options: CatalogProviderOptions;
  private readonly memo = new Map<string, Memo>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly clients = new Map<string, Promise<FisClient>>();
  private readonly ownedClients: FisClient[] = [];
  /** Until when (ms) a region is known to have no credentials; spares a slow credential chain. */
  private readonly noCredentialsUntil = new Map<string, number>();
  /**
   * The stale-cache or bundled answer given while there were no credentials, reused until the
   * credentials are checked again: spares a read of the cache file on every call (validation
   * asks for the catalog each time). A cache file another process writes meanwhile is seen then.
   */
  private readonly fallbackMemo = new Map<string, { result: CatalogResult; at: number; until: number }>();

  constructor(options: CatalogProviderOptions = {}) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.cache = new CapabilityCache({
      cacheDir: options.cacheDir,
      ttlMs: options.ttlMs,
      now: this.now,
      fs: options.fs,
    });
  }

  /** The directory of the cache files. */
  get cacheDir(): string {
    return this.cache.cacheDir;
  }

  /**
   * The catalog of `region` (see the class comment for the order of sources).
   *
   * @throws {FisCoreError} `InvalidRegion` when `region` is not an AWS region name. Nothing else
   *   is thrown: failures of the cache, AWS or the agent data end up in `problems`.
   */
  async getCatalog(region: string, options: GetCatalogOptions = {}): Promise<CatalogResult> {
    assertRegion(region);
    const refresh = options.refresh ?? false;
    const hasAgentData = options.agentData !== undefined;

    if (!hasAgentData) {
      const running = this.inFlight.get(region);
      if (running && (running.refresh || !refresh)) return copy(await running.promise);
    }

    const promise = this.resolve(region, refresh, options.agentData);
    if (!this.inFlight.has(region)) {
      const entry: InFlight = { promise, refresh: refresh && !hasAgentData };
      this.inFlight.set(region, entry);
      const clear = () => {
        if (this.inFlight.get(region) === entry) this.inFlight.delete(region);
      };
      promise.then(clear, clear);
    }
    return copy(await promise);
  }

  /** Forgets the in-memory copies (the cache files stay). */
  clearMemory(): void {
    this.memo.clear();
    this.fallbackMemo.clear();
  }

  /** Releases the sockets of the FIS clients this provider built. */
  close(): void {
    for (const client of this.ownedClients.splice(0)) client.destroy();
    this.clients.clear();
  }

  private async resolve(region: string, refresh: boolean, agentData: unknown): Promise<CatalogResult> {
    const problems: string[] = [];
    const agentDataGiven = agentData !== undefined;
    const agentIgnored = () =>
      agentDataGiven
        ? [`agentData was not used: the catalog for ${region} is fresh; pass refresh: true to replace it.`]
        : [];

    // 1. Fresh cache: memory, then file.
    let read: CacheReadResult | undefined;
    if (!refresh) {
      const fallback = this.fallbackMemo.get(region);
      if (fallback && !agentDataGiven && this.now() < fallback.until && this.now() >= fallback.at) {
        const { result, at } = fallback;
        return copy({
          ...result,
          ...(result.ageMs !== undefined && { ageMs: result.ageMs + this.now() - at }),
        });
      }
      const memo = this.memo.get(region);
      if (memo && this.now() - memo.fetchedAtMs < this.cache.ttlMs && this.now() >= memo.fetchedAtMs) {
        return { ...memo.result, ageMs: this.now() - memo.fetchedAtMs, problems: agentIgnored() };
      }
      read = await this.cache.read(region);
      problems.push(...read.problems);
      if (read.status === 'fresh') {
        const result = this.fromCache(read, region, problems);
        this.remember(region, result, read.entry.fetchedAt);
        return { ...result, problems: [...problems, ...agentIgnored()] };
      }
    }

    // 2. Live AWS, when credentials resolve.
    let awsOutcome: AwsOutcome = 'failed';
    if (await this.credentialsResolve(region, refresh, problems)) {
      try {
        const client = await this.clientFor(region);
        const fetched = await fetchCatalogFromAws(
          { client },
          { region, now: this.now, concurrency: this.options.concurrency },
        );
        problems.push(...fetched.warnings);
        return await this.store(region, 'aws', fetched.data, fetched.source, problems);
      } catch (error) {
        problems.push(
          FisCoreError.isInstance(error) ? error.message : `the FIS API lookup failed: ${String(error)}`,
        );
      }
    } else {
      awsOutcome = 'no-credentials';
    }

    // 3. Agent data.
    if (agentDataGiven) {
      try {
        const built = catalogFromAgentData(agentData, { region, now: this.now });
        return await this.store(region, 'agent', built.data, built.source, problems);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }

    // Without credentials (known for a minute), the answer below stays the same until they are checked again.
    const noCredentialsUntil = this.noCredentialsUntil.get(region);
    const remember = (result: CatalogResult): CatalogResult => {
      if (awsOutcome === 'no-credentials' && noCredentialsUntil !== undefined && !agentDataGiven) {
        this.fallbackMemo.set(region, { result: copy(result), at: this.now(), until: noCredentialsUntil });
      }
      return result;
    };

    // 4. The cache, even when stale (or fresh, when a refresh failed).
    if (!read) {
      read = await this.cache.read(region);
      problems.push(...read.problems);
    }
    if (read.status === 'fresh' || read.status === 'stale') {
      const result = this.fromCache(read, region, problems);
      if (read.status === 'stale') {
        result.instructions = refreshInstructions(
          region,
          `is a cached copy fetched ${formatAge(read.ageMs)} ago (${read.entry.fetchedAt}), older than the ${formatAge(this.cache.ttlMs)} freshness window`,
          awsOutcome,
        );
        return remember(result);
      }
      return result;
    }

    // 5. The bundled snapshot.
    const bundled = bundledCatalog();
    const ageMs = Math.max(0, this.now() - Date.parse(bundled.data.compiledOn));
    if (this.options.bundledFallback === false) {
      const data = { ...bundled.data, actions: [], resourceTypes: [] };
      const catalog = new Catalog(data, bundled.source);
      return remember({
        catalog,
        status: 'empty',
        source: catalog.source,
        problems,
        instructions: refreshInstructions(
          region,
          'is empty: nothing is cached and AWS could not be asked',
          awsOutcome,
        ),
      });
    }
    return remember({
      catalog: bundled,
      status: 'bundled',
      source: bundled.source,
      ageMs,
      problems,
      instructions: refreshInstructions(
        region,
        `is the snapshot bundled with Faultline (compiled ${bundled.data.compiledOn}), not checked against what ${region} offers`,
        awsOutcome,
      ),
    });
  }

  private fromCache(
    read: CacheReadResult & { status: 'fresh' | 'stale' },
    region: string,
    problems: string[],
  ) {
    const catalog = new Catalog(read.entry.data, {
      kind: 'cache',
      retrievedAt: read.entry.fetchedAt,
      region,
    });
    const result: CatalogResult = {
      catalog,
      status: read.status,
      source: catalog.source,
      ageMs: read.ageMs,
      cachedFrom: read.entry.source,
      problems,
    };
    return result;
  }

  /** Caches fetched data (a failed write is a problem, not an error) and answers with it. */
  private async store(
    region: string,
    origin: CacheOrigin,
    data: Catalog['data'],
    source: CatalogSource,
    problems: string[],
  ): Promise<CatalogResult> {
    const written = await this.cache.write({
      formatVersion: 1,
      region,
      source: origin,
      fetchedAt: source.retrievedAt,
      data,
    });
    if (!written.ok) problems.push(written.problem);
    this.fallbackMemo.delete(region);
    const catalog = new Catalog(data, source);
    const result: CatalogResult = { catalog, status: 'fresh', source, ageMs: 0, problems };
    this.remember(region, result, source.retrievedAt);
    return result;
  }

  private remember(region: string, result: CatalogResult, fetchedAt: string): void {
    this.memo.set(region, { result: { ...result, problems: [] }, fetchedAtMs: Date.parse(fetchedAt) });
  }

  /**
   * Whether credentials resolve for `region`. A negative answer of the default check is remembered
   * for a minute (the chain may probe an instance-metadata endpoint), unless `refresh` is set.
   */
  private async credentialsResolve(region: string, refresh: boolean, problems: string[]): Promise<boolean> {
    if (this.options.credentialsAvailable) {
      try {
        return await this.options.credentialsAvailable(region);
      } catch (error) {
        problems.push(
          `checking for AWS credentials failed (${error instanceof Error ? error.message : String(error)}); the live FIS API was not asked.`,
        );
        return false;
      }
    }
    const until = this.noCredentialsUntil.get(region);
    if (!refresh && until !== undefined && this.now() < until) return false;
    const found = await this.defaultCredentialsResolve(region, problems);
    if (found) this.noCredentialsUntil.delete(region);
    else this.noCredentialsUntil.set(region, this.now() + NO_CREDENTIALS_RECHECK_MS);
    return found;
  }

  private async defaultCredentialsResolve(region: string, problems: string[]): Promise<boolean> {
    try {
      const client = await this.clientFor(region);
      const credentials = await client.config.credentials();
      return Boolean(credentials?.accessKeyId);
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name !== 'CredentialsProviderError') {
        problems.push(
          `checking for AWS credentials failed (${error instanceof Error ? error.message : String(error)}); the live FIS API was not asked.`,
        );
      }
      return false;
    }
  }

  private clientFor(region: string): Promise<FisClient> {
    let client = this.clients.get(region);
    if (!client) {
      client = this.buildClient(region);
      this.clients.set(region, client);
      client.catch(() => this.clients.delete(region));
    }
    return client;
  }

  private async buildClient(region: string): Promise<FisClient> {
    if (this.options.fisClientFactory) return this.options.fisClientFactory(region);
    const { FisClient } = await import('@aws-sdk/client-fis');
    const client = new FisClient({ ...fisClientConfig(), region });
    this.ownedClients.push(client);
    return client;
  }
}

/** How long a failed default credential check is trusted before checking again. */
const NO_CREDENTIALS_RECHECK_MS = 60_000;

function copy(result: CatalogResult): CatalogResult {
  return { ...result, problems: [...result.problems] };
}

/** "12 min", "30 h", "3 days". */
export function formatAge(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

type AwsOutcome = 'no-credentials' | 'failed';

function refreshInstructions(region: string, what: string, aws: AwsOutcome): string {
  const why =
    aws === 'no-credentials'
      ? ' No AWS credentials resolved in this process, so the FIS API was not asked.'
      : ' The FIS API lookup failed (see problems).';
  return [
    `The FIS catalog for ${region} ${what}.${why}`,
    'To refresh it, either:',
    `(1) make AWS credentials available to this process (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or \`aws sso login\`) allowing ${FIS_CATALOG_PERMISSIONS.join(', ')}, then ask again with refresh: true; or`,
    `(2) run \`aws fis list-actions --region ${region} --output json\` and \`aws fis list-target-resource-types --region ${region} --output json\`, and pass { "actions": <first output>, "targetResourceTypes": <second output> } as agentData.`,
  ].join(' ');
}
