import type { ChaosOptions } from './options';
import { chaosActive } from './tools/chaos';

/** One thing a server needs to serve, and whether it has it. Extra fields (source, ageSeconds) are reported as is. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  /** Why not, when `ok` is false. */
  reason?: string;
  [detail: string]: unknown;
}

/** What an app factory may provide for /ready: its dependencies' checks (catalog, AWS credentials...). */
export type Readiness = () => ReadinessCheck[] | Promise<ReadinessCheck[]>;

/**
 * The /ready answer: 200 and `ready`; 200 and `degraded` when only optional checks fail (their
 * reasons in `reason`); or 503 and `not_ready` with a `reason` naming each failed check.
 */
export interface ReadinessReport {
  status: 200 | 503;
  body: {
    status: 'ready' | 'degraded' | 'not_ready';
    reason?: string;
    /** The failing checks that do not fail readiness (`--ready-optional`). */
    degraded?: string[];
    /** Names given to `--ready-optional` that match no check of this server (a typo, most likely). */
    warnings?: string[];
    checks: ReadinessCheck[];
    chaos?: ChaosOptions & { note: string };
  };
}

/** How long a readiness answer is reused: a flood of /ready costs at most one probe per check per interval. */
export const READY_CHECK_TTL_MS = 2000;

/** Reuses a check's answer for `ttlMs`, and shares one probe between concurrent callers. */
export function cachedCheck(
  check: () => Promise<ReadinessCheck>,
  ttlMs = READY_CHECK_TTL_MS,
  now: () => number = Date.now,
): () => Promise<ReadinessCheck> {
  let last: { at: number; result: Promise<ReadinessCheck> } | undefined;
  return () => {
    if (!last || now() - last.at >= ttlMs) last = { at: now(), result: check() };
    return last.result;
  };
}

/**
 * Checks AWS credentials the way a server's clients would resolve them (pass the SDK's provider,
 * e.g. `fromNodeProviderChain()`), without calling AWS. `required: false` reports without failing.
 */
export async function credentialsCheck(
  resolve: () => Promise<{ expiration?: Date }>,
  options: { required: boolean; now?: () => number } = { required: true },
): Promise<ReadinessCheck> {
  try {
    const credentials = await resolve();
    const expiresInSeconds = credentials.expiration
      ? Math.round((credentials.expiration.getTime() - (options.now ?? Date.now)()) / 1000)
      : undefined;
    return {
      name: 'aws_credentials',
      ok: true,
      resolvable: true,
      ...(expiresInSeconds !== undefined && { expiresInSeconds }),
    };
  } catch (error) {
    const reason = `AWS credentials cannot be resolved (${(error as Error).name})`;
    return { name: 'aws_credentials', ok: !options.required, resolvable: false, reason };
  }
}

/**
 * Runs the app's checks (each call bounded by `timeoutMs`) and adds the runtime's own: draining,
 * fault injection. Checks named in `optional` are reported but do not fail readiness.
 */
export async function evaluateReadiness(
  readiness: Readiness | undefined,
  state: { draining: boolean; chaos: ChaosOptions; timeoutMs?: number; optional?: readonly string[] },
): Promise<ReadinessReport> {
  const checks: ReadinessCheck[] = [];
  if (state.draining)
    checks.push({ name: 'server', ok: false, reason: 'shutting down, draining in-flight calls' });
  if (readiness) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessCheck[]>((resolve) => {
      timer = setTimeout(
        () =>
          resolve([{ name: 'readiness', ok: false, reason: 'the readiness checks did not answer in time' }]),
        state.timeoutMs ?? 3000,
      );
    });
    try {
      checks.push(...(await Promise.race([Promise.resolve().then(readiness), timeout])));
    } catch (error) {
      checks.push({
        name: 'readiness',
        ok: false,
        reason: `the readiness checks failed (${(error as Error).name})`,
      });
    } finally {
      clearTimeout(timer);
    }
  }
  const optional = new Set(state.optional ?? []);
  const unknownOptional = [...optional].filter(
    (name) => name !== 'server' && !checks.some((check) => check.name === name),
  );
  optional.delete('server');
  const failing = checks.filter((check) => !check.ok);
  const failed = failing.filter((check) => !optional.has(check.name));
  const degraded = failing.filter((check) => optional.has(check.name));
  const reported = checks.map((check) =>
    !check.ok && optional.has(check.name) ? { ...check, optional: true } : check,
  );
  const explain = (list: ReadinessCheck[]) =>
    list.map((c) => `${c.name}: ${c.reason ?? 'not ready'}`).join('; ');
  const chaos = chaosActive(state.chaos)
    ? { ...state.chaos, note: 'fault injection is on: tool calls are delayed or failed on purpose' }
    : undefined;
  return {
    status: failed.length > 0 ? 503 : 200,
    body: {
      status: failed.length > 0 ? 'not_ready' : degraded.length > 0 ? 'degraded' : 'ready',
      ...(failing.length > 0 && { reason: explain(failed.length > 0 ? failed : degraded) }),
      ...(degraded.length > 0 && { degraded: degraded.map((c) => c.name) }),
      ...(unknownOptional.length > 0 && {
        warnings: [
          `--ready-optional names no check of this server: ${unknownOptional.join(', ')} (its checks: ${checks.map((c) => c.name).join(', ') || 'none'})`,
        ],
      }),
      checks: reported,
      ...(chaos && { chaos }),
    },
  };
}
