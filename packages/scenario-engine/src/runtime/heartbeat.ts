import { closeSync, openSync, statSync, utimesSync, writeFileSync } from 'node:fs';

/** Default: a heartbeat older than this means the engine is gone. */
export const DEFAULT_HEARTBEAT_STALE_MS = 3000;

/**
 * The engine's side of the dead-man's switch: touches the heartbeat file every `intervalMs`.
 * Helpers that hold a fault revert it and exit when the file goes stale.
 */
export class HeartbeatWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    writeFileSync(this.path, `${process.pid}\n`);
    this.timer = setInterval(() => this.beat(), this.intervalMs);
    this.timer.unref();
  }

  beat(): void {
    const now = new Date();
    try {
      utimesSync(this.path, now, now);
    } catch {
      closeSync(openSync(this.path, 'w'));
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Age of the heartbeat file in ms, or Infinity when it is missing. */
export function heartbeatAge(path: string, now = Date.now()): number {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The helpers' side: calls `onStale` once when the heartbeat is older than `staleMs`. */
export function watchHeartbeat(
  path: string,
  staleMs: number,
  onStale: () => void,
  checkMs = 250,
): () => void {
  const timer = setInterval(() => {
    if (heartbeatAge(path) > staleMs) {
      clearInterval(timer);
      onStale();
    }
  }, checkMs);
  return () => clearInterval(timer);
}
