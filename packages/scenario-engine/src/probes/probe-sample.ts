/** One measurement of a probe, kept with its timestamp. */
export interface ProbeSample {
  /** Probe name. */
  probe: string;
  /** When the sample started (epoch milliseconds). */
  at: number;
  /** Whether the probe's expectations held. */
  ok: boolean;
  /** How long the sample took, in milliseconds. */
  latencyMs: number;
  /** Why it failed, e.g. `connect ECONNREFUSED`, `status 503`, `timeout after 2000 ms`. */
  error?: string;
  /** The state the run was in when the sample was taken. */
  state?: string;
}

/** Something that can be sampled: one check of the system under test. */
export interface ProbeRunner {
  readonly name: string;
  /** Takes one sample. Never throws: failures are samples with `ok: false`. */
  sample(): Promise<ProbeSample>;
  /** Releases what the probe holds (none for most). */
  close?(): Promise<void>;
}

/** Runs `check` under a time limit and turns its outcome into a sample. */
export async function timedSample(
  probe: string,
  timeoutMs: number,
  now: () => number,
  check: (signal: AbortSignal) => Promise<void>,
): Promise<ProbeSample> {
  const at = now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timeout after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([check(controller.signal), timeout]);
    return { probe, at, ok: true, latencyMs: now() - at };
  } catch (error) {
    return { probe, at, ok: false, latencyMs: now() - at, error: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A short, single-line description of an error, including the cause's code when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    const code = (error as { code?: unknown }).code ?? cause?.code;
    const base = error.message.split('\n')[0] ?? error.message;
    const detail = cause?.message && !base.includes(cause.message) ? `: ${cause.message}` : '';
    return `${base}${detail}${typeof code === 'string' && !`${base}${detail}`.includes(code) ? ` (${code})` : ''}`.slice(
      0,
      300,
    );
  }
  return String(error).slice(0, 300);
}
