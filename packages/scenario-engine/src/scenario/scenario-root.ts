import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The folder scenarios are looked for in when none is named: FAULTLINE_SCENARIO_ROOT, else
 * `./scenarios` when it is a folder, else the working directory. Shared by the CLI's `list` and the
 * chaos-engineering server's scenario tools.
 */
export function defaultScenarioRoot(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): string {
  if (env.FAULTLINE_SCENARIO_ROOT) return resolve(cwd, env.FAULTLINE_SCENARIO_ROOT);
  const conventional = join(cwd, 'scenarios');
  return existsSync(conventional) && statSync(conventional).isDirectory() ? conventional : resolve(cwd);
}
