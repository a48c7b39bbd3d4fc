/** A command to run: argv only, never a shell line. */
export interface CommandRequest {
  /** Label used in reports and output file names. */
  name: string;
  cmd: string;
  args: readonly string[];
  /** Time limit in ms; the sandbox's default when absent. */
  timeoutMs?: number;
}

/** What happened to a command. */
export interface CommandResult {
  name: string;
  cmd: string;
  args: string[];
  /** `ran` (it started; see exitCode), `denied` (refused by the sandbox), `dry-run` (printed, not run), `failed` (could not start). */
  status: 'ran' | 'denied' | 'dry-run' | 'failed';
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  startedAt: number;
  durationMs: number;
  timedOut: boolean;
  /** True when output was cut at the sandbox's cap. */
  truncated: boolean;
  /** Why it was denied or could not start. */
  reason?: string;
}

/**
 * Runs commands. The engine uses a `SandboxedCommandRunner`; tests substitute the
 * `RecordingCommandRunner` from `@faultline/scenario-engine/testing`.
 */
export interface CommandRunner {
  run(request: CommandRequest): Promise<CommandResult>;
}

/** True when a command ran and exited 0. */
export function succeeded(result: CommandResult): boolean {
  return result.status === 'ran' && result.exitCode === 0 && !result.timedOut;
}
