import type { CommandRequest, CommandResult, CommandRunner } from '../remedy/command-runner';

/** A canned answer of {@link RecordingCommandRunner}. */
export type CannedCommandResult = Partial<
  Pick<CommandResult, 'status' | 'exitCode' | 'stdout' | 'stderr' | 'timedOut' | 'reason'>
>;

/**
 * A `CommandRunner` for tests: records every request and answers with canned results (by command
 * name, then by program, else exit 0) without running anything.
 *
 * @example
 * const runner = new RecordingCommandRunner({ byProgram: { kubectl: { exitCode: 0, stdout: 'restarted' } } });
 * await runScenario({ scenario, outDir, commandRunner: runner });
 * expect(runner.calls.map((c) => c.cmd)).toEqual(['kubectl']);
 */
export class RecordingCommandRunner implements CommandRunner {
  readonly calls: CommandRequest[] = [];

  constructor(
    private readonly canned: {
      byName?: Record<string, CannedCommandResult>;
      byProgram?: Record<string, CannedCommandResult>;
    } = {},
  ) {}

  async run(request: CommandRequest): Promise<CommandResult> {
    this.calls.push({ ...request, args: [...request.args] });
    const answer = this.canned.byName?.[request.name] ?? this.canned.byProgram?.[request.cmd] ?? {};
    return {
      name: request.name,
      cmd: request.cmd,
      args: [...request.args],
      status: answer.status ?? 'ran',
      exitCode: answer.exitCode ?? 0,
      signal: null,
      stdout: answer.stdout ?? '',
      stderr: answer.stderr ?? '',
      startedAt: Date.now(),
      durationMs: 0,
      timedOut: answer.timedOut ?? false,
      truncated: false,
      reason: answer.reason,
    };
  }
}
