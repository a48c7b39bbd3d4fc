/** One thing to do on a stream at a given time: write a chunk, end it, or run a final step. */
type Entry = { at: number; run: () => void };

/**
 * Runs delayed steps in the order they were queued, never earlier than their due time.
 *
 * Independent timers per chunk do not keep order: two timers due the same millisecond may fire
 * either way round, so an `end()` could overtake the last `write()`. One queue, drained by one
 * timer, cannot.
 */
export class OrderedDelayQueue {
  private readonly entries: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether steps are still waiting. */
  get pending(): boolean {
    return this.entries.length > 0;
  }

  /** When the last queued step is due (0 when none was queued yet). */
  get lastDueAt(): number {
    return this.lastAt;
  }

  /** Queues `run` to happen `delayMs` from now, but never before a step queued earlier. */
  push(delayMs: number, run: () => void): void {
    const at = Math.max(this.now() + delayMs, this.lastAt);
    this.lastAt = at;
    this.entries.push({ at, run });
    this.schedule();
  }

  /** Runs `run` now when nothing is waiting, otherwise after everything queued. */
  pushOrRun(run: () => void): void {
    if (this.entries.length === 0) run();
    else this.push(0, run);
  }

  /** Drops every waiting step. */
  clear(): void {
    this.entries.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.entries.length === 0) return;
    const first = this.entries[0] as Entry;
    this.timer = setTimeout(() => this.drain(), Math.max(0, first.at - this.now()));
  }

  private drain(): void {
    this.timer = undefined;
    const now = this.now();
    while (this.entries.length > 0 && (this.entries[0] as Entry).at <= now) {
      (this.entries.shift() as Entry).run();
    }
    this.schedule();
  }
}
