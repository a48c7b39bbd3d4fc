import type { FisClient, FisClientConfig } from '@aws-sdk/client-fis';
import { bundledCatalog } from '../catalog/bundled-catalog';
import type { CatalogSource } from '../catalog/catalog';
import type { CatalogData } from '../catalog/types';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import { awsFailureDetail, awsFailureMessage } from './aws-failure-message';
import type { LiveAction, LiveParameter, LiveResourceType } from './catalog-merge';
import { mergeLiveCatalog } from './catalog-merge';
import { catalogDataSchema, formatSchemaIssues, summariseSchemaIssues } from './catalog-schema';
import { mapWithConcurrency } from './map-with-concurrency';
import { assertRegion } from './regions';

/**
 * How to reach FIS: pass a ready `client`, or a `clientConfig` to build one (never both). The
 * region of the fetch always wins over `clientConfig.region`.
 */
export type FisClientOptions =
  | { client: FisClient; clientConfig?: never }
  | { clientConfig?: FisClientConfig; client?: never };

/** Options of {@link fetchCatalogFromAws}. */
export interface FetchCatalogFromAwsOptions {
  /** The AWS region to describe, e.g. `us-east-1`. */
  region: string;
  /** Most GetAction / GetTargetResourceType calls in flight at once. Default 8. */
  concurrency?: number;
  /** Catalog merged with the live data for types, ranges and permissions. Defaults to the bundled catalog. */
  base?: CatalogData;
  /** Clock, in ms since the epoch. Defaults to `Date.now`. */
  now?: () => number;
}

/** The catalog of a region as the FIS API describes it, merged with the base catalog. */
export interface AwsCatalogFetchResult {
  data: CatalogData;
  /** `{ kind: 'aws', retrievedAt, region }`. */
  source: CatalogSource;
  /** Things that did not stop the fetch, e.g. an action that disappeared between list and get. */
  warnings: string[];
}

/** How long an AWS client waits for a connection (ms) before the attempt fails and is retried. */
export const AWS_CONNECTION_TIMEOUT_MS = 3000;
/** How long an AWS client waits on a silent request (ms) before the attempt fails and is retried. */
export const AWS_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Retry and time-limit settings for clients this module builds. The SDK's standard retry mode backs
 * off with jitter on throttling, 5xx errors and timeouts; five attempts ride out a short burst of
 * throttling. Without the time limits an endpoint that accepts a connection and never answers would
 * hold a call (and the tool waiting on it) for ever.
 */
export const DEFAULT_FIS_CLIENT_CONFIG = {
  maxAttempts: 5,
  retryMode: 'standard',
  requestHandler: { connectionTimeout: AWS_CONNECTION_TIMEOUT_MS, requestTimeout: AWS_REQUEST_TIMEOUT_MS },
} as const satisfies FisClientConfig;

/**
 * {@link DEFAULT_FIS_CLIENT_CONFIG}, with what the environment overrides: `AWS_MAX_ATTEMPTS` and
 * `AWS_RETRY_MODE` (the SDK's own variables, honoured when set) and `FAULTLINE_AWS_TIMEOUT_MS`
 * (the request time limit, in ms). Every FIS client Faultline builds starts from this.
 */
export function fisClientConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): FisClientConfig {
  const timeout = Number(env.FAULTLINE_AWS_TIMEOUT_MS);
  const requestTimeout = Number.isInteger(timeout) && timeout > 0 ? timeout : AWS_REQUEST_TIMEOUT_MS;
  return {
    ...(!env.AWS_MAX_ATTEMPTS && { maxAttempts: DEFAULT_FIS_CLIENT_CONFIG.maxAttempts }),
    ...(!env.AWS_RETRY_MODE && { retryMode: DEFAULT_FIS_CLIENT_CONFIG.retryMode }),
    requestHandler: {
      connectionTimeout: Math.min(AWS_CONNECTION_TIMEOUT_MS, requestTimeout),
      requestTimeout,
    },
  };
}

const MAX_PAGES = 100;

/**
 * Fetches the FIS catalog of a region from AWS: ListActions (all pages), GetAction for each action
 * (parameters and targets), ListTargetResourceTypes (all pages) and GetTargetResourceType for each
 * type, with bounded concurrency. The result is merged with the bundled catalog (see
 * {@link mergeLiveCatalog}). Throttling is retried by the SDK client (`maxAttempts`, retry mode).
 *
 * `@aws-sdk/client-fis` is imported on first call, so importing this package stays cheap.
 *
 * @throws {FisCoreError} `InvalidRegion` for a malformed region; `CapabilityLookupFailed` when a
 *   call fails (the SDK error is the `cause`, the message says what to do).
 *
 * @example
 * const { data } = await fetchCatalogFromAws({ clientConfig: { profile: 'chaos' } }, { region: 'eu-west-1' });
 */
export async function fetchCatalogFromAws(
  clientOptions: FisClientOptions,
  options: FetchCatalogFromAwsOptions,
): Promise<AwsCatalogFetchResult> {
  const { region } = options;
  assertRegion(region);
  if (clientOptions.client && clientOptions.clientConfig) {
    throw new FisCoreError(FisCoreErrorCode.InvalidInput, 'Pass either client or clientConfig, not both.');
  }
  const sdk = await import('@aws-sdk/client-fis');
  const owned = !clientOptions.client;
  const client =
    clientOptions.client ??
    new sdk.FisClient({ ...fisClientConfig(), ...clientOptions.clientConfig, region });
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const now = options.now ?? Date.now;
  const warnings: string[] = [];
  let operation = 'client configuration';

  try {
    await assertClientRegion(client, region);
    operation = 'ListActions';

    // 1. Which actions exist (all pages).
    const summaries: LiveAction[] = [];
    let pages = 0;
    for await (const page of sdk.paginateListActions({ client, pageSize: 100, stopOnSameToken: true }, {})) {
      for (const a of page.actions ?? []) {
        if (a.id) summaries.push({ id: a.id, description: a.description, targets: liveTargets(a.targets) });
      }
      if (++pages >= MAX_PAGES) break;
    }

    // 2. Parameters and targets of each action.
    const detailed = await mapWithConcurrency(summaries, concurrency, async (summary) => {
      try {
        const { action } = await client.send(new sdk.GetActionCommand({ id: summary.id }));
        return {
          id: summary.id,
          description: action?.description ?? summary.description,
          targets: liveTargets(action?.targets) ?? summary.targets,
          parameters: liveParameters(action?.parameters) ?? {},
        } satisfies LiveAction;
      } catch (error) {
        if (errorName(error) !== 'ResourceNotFoundException')
          throw failure(error, `GetAction(${summary.id})`);
        warnings.push(`${summary.id} was listed but GetAction found no such action; it is left out.`);
        return undefined;
      }
    });
    const actions = detailed.filter((a): a is NonNullable<typeof a> => a !== undefined);

    // 3. Which target resource types exist (all pages), and their parameters.
    operation = 'ListTargetResourceTypes';
    const typeSummaries: LiveResourceType[] = [];
    pages = 0;
    for await (const page of sdk.paginateListTargetResourceTypes(
      { client, pageSize: 100, stopOnSameToken: true },
      {},
    )) {
      for (const t of page.targetResourceTypes ?? []) {
        if (t.resourceType) typeSummaries.push({ resourceType: t.resourceType, description: t.description });
      }
      if (++pages >= MAX_PAGES) break;
    }
    const resourceTypes = await mapWithConcurrency(typeSummaries, concurrency, async (summary) => {
      try {
        const { targetResourceType: t } = await client.send(
          new sdk.GetTargetResourceTypeCommand({ resourceType: summary.resourceType }),
        );
        return {
          resourceType: summary.resourceType,
          description: t?.description ?? summary.description,
          parameters: liveParameters(t?.parameters) ?? {},
        } satisfies LiveResourceType;
      } catch (error) {
        if (errorName(error) !== 'ResourceNotFoundException') {
          throw failure(error, `GetTargetResourceType(${summary.resourceType})`);
        }
        warnings.push(
          `${summary.resourceType} was listed but GetTargetResourceType found no such type; its parameters come from the bundled catalog.`,
        );
        return summary;
      }
    });

    const retrievedAt = new Date(now()).toISOString();
    const base = options.base ?? bundledCatalog().data;
    const merged = mergeLiveCatalog({ actions, resourceTypes }, base, retrievedAt);
    const checked = catalogDataSchema.safeParse(merged);
    if (!checked.success) {
      throw new FisCoreError(
        FisCoreErrorCode.CatalogInvalid,
        `The FIS API answered for ${region}, but the merged catalog does not match the catalog schema (${summariseSchemaIssues(formatSchemaIssues(checked.error))}); the cached or bundled catalog is used instead.`,
        { data: { issues: formatSchemaIssues(checked.error) } },
      );
    }
    return { data: checked.data, source: { kind: 'aws', retrievedAt, region }, warnings };
  } catch (error) {
    if (FisCoreError.isInstance(error)) throw error;
    throw failure(error, operation);
  } finally {
    if (owned) client.destroy();
  }

  function failure(error: unknown, op: string): FisCoreError {
    if (FisCoreError.isInstance(error)) return error;
    const detail = awsFailureDetail(error, op, region);
    return new FisCoreError(FisCoreErrorCode.CapabilityLookupFailed, awsFailureMessage(error, detail), {
      cause: error,
      data: detail,
    });
  }
}

/** Refuses a client configured for another region: its answers would be cached under the wrong name. */
async function assertClientRegion(client: FisClient, region: string): Promise<void> {
  const configured = await client.config.region();
  if (configured !== region) {
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      `The FIS client is configured for region ${configured}, but the catalog of ${region} was asked for: pass a client for ${region}.`,
    );
  }
}

function liveTargets(
  targets: Record<string, { resourceType?: string }> | undefined,
): Record<string, string> | undefined {
  if (!targets) return undefined;
  const out: Record<string, string> = {};
  for (const [key, target] of Object.entries(targets)) {
    if (target?.resourceType) out[key] = target.resourceType;
  }
  return out;
}

function liveParameters(
  parameters: Record<string, { description?: string; required?: boolean }> | undefined,
): Record<string, LiveParameter> | undefined {
  if (!parameters) return undefined;
  const out: Record<string, LiveParameter> = {};
  for (const [name, p] of Object.entries(parameters)) {
    out[name] = { description: p?.description, required: p?.required };
  }
  return out;
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
    ? error.name
    : undefined;
}
