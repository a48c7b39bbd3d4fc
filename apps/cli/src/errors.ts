/** Exit codes of `faultline`, for CI. Documented in the help text and in apps/cli/README.md. */
export const ExitCode = {
  /** The command did what was asked (a template validated, recommendations printed). */
  Ok: 0,
  /** The command ran and the answer is "no": the template is invalid, the scenario failed. */
  Failed: 1,
  /** The command could not run as given: unknown command or option, missing or unreadable input, bad JSON, invalid finding. */
  Usage: 2,
  /** Something broke that is not the input's fault (a bug, a crashed dependency). */
  Internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem with the command line or its input; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  /** The command whose usage to point at, when known. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}
