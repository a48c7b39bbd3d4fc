/** Messages between the engine and its helper processes (over the Node IPC channel). */
export type HelperMessage =
  | { type: 'ready'; port?: number; pid: number }
  | { type: 'child-started'; pid: number; restarts: number; at: number }
  | { type: 'child-exited'; pid: number; code: number | null; signal: string | null; at: number }
  | { type: 'mode'; mode: ProxyMode }
  | { type: 'restart' }
  | { type: 'shutdown' }
  | { type: 'disarm' }
  | { type: 'log'; message: string };

/** What a fault proxy does with traffic. */
export type ProxyMode =
  | { kind: 'pass' }
  | {
      kind: 'latency';
      latencyMs: number;
      jitterMs: number;
      /** Which data is delayed (default `response`: from the upstream service to the client). */
      direction?: 'response' | 'request' | 'both';
    }
  | { kind: 'errors'; rate: number; mode: 'reset' | 'http-503'; seed: number }
  | { kind: 'blackhole' };

/** Sends a message to the parent if there is an IPC channel. */
export function send(message: HelperMessage): void {
  if (process.send && process.connected) process.send(message);
}

/** Writes one JSON log line to stderr (the helper's log file). */
export function log(message: string, data: Record<string, unknown> = {}): void {
  process.stderr.write(
    `${JSON.stringify({ at: new Date().toISOString(), pid: process.pid, message, ...data })}\n`,
  );
}
