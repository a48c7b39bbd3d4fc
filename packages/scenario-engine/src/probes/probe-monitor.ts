import type { ProbeRunner, ProbeSample } from './probe-sample';

/** Options of {@link ProbeMonitor}. */
export interface ProbeMonitorOptions {
  /** Time between the end of one sample of a probe and the start of the next, in ms. */
  intervalMs: number;
  now: () => number;
  /** The run's current state, stamped on each sample. */
  state?: () => string;
  /** Called with every sample (e.g. to append it to samples.jsonl). */
  onSample?: (sample: ProbeSample) => void;
}

/**
 * Samples every probe continuously, before, during and after the fault, and keeps each sample with
 * its timestamp. Waiters are woken after every sample.
 */
export class ProbeMonitor {
  readonly samples: ProbeSample[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private waiters = new Set<() => void>();
  private sleepers = new Set<() => void>();

  constructor(
    private readonly probes: readonly ProbeRunner[],
    private readonly options: ProbeMonitorOptions,
  ) {}

  /** Starts one sampling loop per probe. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = this.probes.map((probe) => this.loop(probe));
  }

  /** Stops sampling and waits for samples in flight. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.loops);
    await Promise.all(this.probes.map((p) => p.close?.()));
    this.notify();
  }

  private async loop(probe: ProbeRunner): Promise<void> {
    while (this.running) {
      const sample = await probe.sample();
      const state = this.options.state?.();
      const stamped = state ? { ...sample, state } : sample;
      this.samples.push(stamped);
      this.options.onSample?.(stamped);
      this.notify();
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.options.intervalMs);
        const sleepers = this.sleepers;
        function done() {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        }
        this.sleepers.add(done);
      });
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Samples of the named probes (all when omitted) that started at or after `since`. */
  since(since: number, probes?: readonly string[]): ProbeSample[] {
    return this.samples.filter((s) => s.at >= since && (!probes || probes.includes(s.probe)));
  }

  /**
   * Resolves when `predicate` (checked after every sample) is true, or with false after
   * `timeoutMs` or when `signal` aborts.
   */
  waitFor(predicate: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (predicate()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const check = () => {
        if (predicate()) finish(true);
        else if (!this.running) finish(false);
      };
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(predicate()), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(check);
    });
  }

  /** Waits until each named probe has `count` samples that started at or after now; returns them. */
  async collect(
    probes: readonly string[],
    count: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<ProbeSample[]> {
    const since = this.options.now();
    await this.waitFor(() => probes.every((p) => this.since(since, [p]).length >= count), timeoutMs, signal);
    return probes.flatMap((p) => this.since(since, [p]).slice(0, count));
  }
}
