import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import type { CommandSpec } from '../args';
import type { CommandContext } from '../context';
import { ExitCode } from '../errors';

export const scenarioCommand: CommandSpec = {
  name: 'scenario',
  summary: 'Run, validate, list, report and recover chaos scenarios (@faultline/scenario-engine)',
  positionals: [],
  options: [],
  notes: [
    'faultline scenario run FILE [--out DIR] [--set name=value]… [--dry-run] [--control]',
    'faultline scenario validate FILE…   |   list [DIR]   |   report RUN_DIR   |   recover RUN_DIR',
    'Exit 0 on PASS, 1 on FAIL, 2 on usage or an invalid scenario, 3 on ABORTED.',
    'Everything after "scenario" goes to faultline-scenario; "faultline scenario --help" shows its help.',
  ],
};

/** Path of the scenario engine's command line, or undefined when the package is not installed. */
export function scenarioBin(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve('@faultline/scenario-engine/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
    const bin = manifest.bin?.['faultline-scenario'];
    return bin ? join(dirname(manifestPath), bin) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `faultline scenario …`: hands the arguments to `faultline-scenario` (the scenario engine's own
 * command line) in a child process sharing this terminal, and exits with its code, so both
 * commands behave the same and signals (Ctrl-C rolls a run back) reach the engine.
 */
export function runScenarioCommand(
  argv: readonly string[],
  ctx: Pick<CommandContext, 'io' | 'note'>,
): Promise<number> {
  const bin = scenarioBin();
  if (!bin) {
    ctx.note('faultline scenario: not available; install @faultline/scenario-engine next to @faultline/cli.');
    return Promise.resolve(ExitCode.Usage);
  }
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      cwd: ctx.io.cwd,
      env: { ...ctx.io.env },
      stdio: 'inherit',
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      ctx.note(`faultline scenario: could not start ${bin}: ${error.message}`);
      resolvePromise(ExitCode.Internal);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : ExitCode.Internal));
    });
  });
}
