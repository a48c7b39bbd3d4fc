import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ScenarioSettings } from '../../deps';
import { ScenarioRuns } from './scenario-runs';

/**
 * Where scenarios are read from: `FAULTLINE_SCENARIO_ROOT`, else `./scenarios` when it exists, else
 * the working directory. The same rule as `defaultScenarioRoot` of `@faultline/scenario-engine` (a
 * test keeps them equal), written out here because importing the engine at start-up would load
 * it, its MCP client, WebSocket and AWS SDK dependencies before the first scenario tool call needs
 * them (about 100 ms of every start).
 */
export function scenarioRoot(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): string {
  if (env.FAULTLINE_SCENARIO_ROOT) return resolve(cwd, env.FAULTLINE_SCENARIO_ROOT);
  const conventional = join(cwd, 'scenarios');
  return existsSync(conventional) && statSync(conventional).isDirectory() ? conventional : resolve(cwd);
}

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
  return { root: scenarioRoot(env, cwd), runsDir: defaultRunsDir(env), env, runs: new ScenarioRuns() };
}
