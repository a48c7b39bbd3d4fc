import { randomBytes } from 'node:crypto';
import { mkdir, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { FisClient } from '@aws-sdk/client-fis';
import type { ReadinessCheck } from '@faultline/server-runtime';
import { loadFisSdk } from './aws-fis-sdk';

const codeOf = (error: unknown) =>
  (error as { code?: string }).code ?? (error as Error).name ?? String(error);

/**
 * Whether the catalog cache directory takes a write (create it, write and remove a probe file).
 * Not writable (full disk, read-only volume, a file in the way) means refreshed catalogs cannot be
 * kept: the server still answers from memory and the bundled snapshot, but this replica is not
 * healthy.
 */
export async function catalogCacheCheck(cacheDir: string): Promise<ReadinessCheck> {
  const probe = join(cacheDir, `.ready-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    const handle = await open(probe, 'wx', 0o600);
    try {
      await handle.writeFile('ok');
    } finally {
      await handle.close();
    }
    await unlink(probe);
    return { name: 'catalog_cache', ok: true, writable: true };
  } catch (error) {
    await unlink(probe).catch(() => {});
    return {
      name: 'catalog_cache',
      ok: false,
      writable: false,
      reason: `the catalog cache directory cannot be written (${codeOf(error)}): refreshed catalogs are not kept`,
    };
  }
}

const UNREACHABLE =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up/i;
const REFUSED_CREDENTIALS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
]);

/** Options of {@link fisEndpointCheck}. */
export interface FisEndpointCheckOptions {
  region: string;
  /** The probe's client; default: one attempt, 1 s to connect, 2 s to answer. */
  client?: FisClient;
  /** Whether AWS credentials resolve; without them the live tools answer with a clear error and the check is skipped. */
  credentialsResolve?: () => Promise<boolean>;
}

/**
 * Whether the FIS endpoint answers the server's credentials: one signed `ListActions` (maxResults 1,
 * a single attempt, 2 s), the cheapest call the read policy already allows. Unreachable (network,
 * time-out, 5xx) or refused credentials fail the check; throttling counts as reachable. Without AWS
 * credentials there is nothing to check: the offline tools work and the live ones say why they
 * cannot, so the check passes with `skipped`.
 */
export function fisEndpointCheck(options: FisEndpointCheckOptions): () => Promise<ReadinessCheck> {
  let client: Promise<FisClient> | undefined;
  const probeClient = () => {
    client ??= options.client
      ? Promise.resolve(options.client)
      : loadFisSdk().then(
          (sdk) =>
            new sdk.FisClient({
              region: options.region,
              maxAttempts: 1,
              requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
            }),
        );
    return client;
  };
  return async () => {
    const fis = await probeClient();
    const resolve =
      options.credentialsResolve ??
      (async () => {
        try {
          return Boolean((await fis.config.credentials())?.accessKeyId);
        } catch {
          return false;
        }
      });
    if (!(await resolve())) {
      return {
        name: 'aws_fis',
        ok: true,
        skipped: 'no AWS credentials: the live FIS tools answer with a clear error, the offline tools work',
      };
    }
    const started = Date.now();
    try {
      await fis.send(new (await loadFisSdk()).ListActionsCommand({ maxResults: 1 }));
      return { name: 'aws_fis', ok: true, region: options.region, latencyMs: Date.now() - started };
    } catch (error) {
      const name = (error as Error).name ?? 'Error';
      const message = (error as Error).message ?? String(error);
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (/Throttl|TooManyRequests/.test(name) || status === 429) {
        return { name: 'aws_fis', ok: true, region: options.region, throttled: true };
      }
      if (REFUSED_CREDENTIALS.has(name) || status === 403) {
        return {
          name: 'aws_fis',
          ok: false,
          region: options.region,
          reason: `AWS FIS refused the server's credentials (${name}): the live FIS tools cannot work`,
        };
      }
      const unreachable = name === 'TimeoutError' || UNREACHABLE.test(message) || (status ?? 0) >= 500;
      return {
        name: 'aws_fis',
        ok: false,
        region: options.region,
        reason: `the AWS FIS endpoint ${unreachable ? 'is unreachable' : 'failed'} (${name}${status ? `, HTTP ${status}` : ''}): the live FIS tools cannot work; the offline ones do`,
      };
    }
  };
}
