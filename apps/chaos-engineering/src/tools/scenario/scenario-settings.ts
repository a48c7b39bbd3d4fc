import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultScenarioRoot } from '@faultline/scenario-engine';
import type { ScenarioSettings } from '../../deps';
import { ScenarioRuns } from './scenario-runs';

/**
 * The folder runs are written to (one sub-folder per run id): `FAULTLINE_RUNS_DIR`, else
 * `$XDG_STATE_HOME/faultline/runs`, else `~/.local/state/faultline/runs`. Created on the first run,
 * owner-only.
 */
export function defaultRunsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.FAULTLINE_RUNS_DIR) return resolve(env.FAULTLINE_RUNS_DIR);
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'faultline', 'runs');
}

/** Scenario settings from the environment, with a new run registry. */
export function defaultScenarioSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): ScenarioSettings {
  return { root: defaultScenarioRoot(env, cwd), runsDir: defaultRunsDir(env), env, runs: new ScenarioRuns() };
}
