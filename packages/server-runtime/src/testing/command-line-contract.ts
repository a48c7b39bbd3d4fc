import { execFileSync, spawnSync } from 'node:child_process';

/** What a server's command line must show, for {@link checkCommandLine}. */
export interface CommandLineExpectations {
  /** The version `--version` prints (the package's). */
  version: string;
  /** Names `--help` must mention, such as the server's main tool. */
  helpMentions: readonly string[];
}

/**
 * Checks the command-line contract every Faultline server keeps: `--version` prints the version and
 * `--help` the usage, both exiting 0; an unknown option exits 2, says which option on stderr and
 * writes nothing to stdout (stdout belongs to MCP). Throws an Error naming the first broken promise.
 */
export function checkCommandLine(bin: string, expected: CommandLineExpectations): void {
  const run = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const version = run('--version').trim();
  if (version !== expected.version)
    throw new Error(`--version printed "${version}", expected "${expected.version}"`);
  const help = run('--help');
  for (const name of expected.helpMentions)
    if (!help.includes(name)) throw new Error(`--help does not mention "${name}"`);
  const bogus = spawnSync(process.execPath, [bin, '--bogus'], { encoding: 'utf8' });
  if (bogus.status !== 2) throw new Error(`an unknown option exited ${bogus.status}, expected 2`);
  if (!/unknown option "--bogus"/.test(bogus.stderr))
    throw new Error(`an unknown option was not named on stderr: ${bogus.stderr.slice(0, 200)}`);
  if (bogus.stdout !== '')
    throw new Error(`an unknown option wrote to stdout: ${bogus.stdout.slice(0, 200)}`);
}

/**
 * The log lines a server wrote to stderr, parsed: every non-empty line must be one JSON object
 * (stdout is reserved for MCP messages). Throws an Error quoting the first line that is not.
 */
export function parseJsonLogLines(stderr: string): Array<Record<string, unknown>> {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value))
          return value as Record<string, unknown>;
      } catch {
        // reported below
      }
      throw new Error(`stderr line is not a JSON object: ${line.slice(0, 200)}`);
    });
}
