import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/cli/load-scenario';
import { type RunOutcome, runScenario } from '../src/engine/run-scenario';

/** The repository's examples/scenarios folder. */
export const EXAMPLES = resolve(fileURLToPath(new URL('../../../examples/scenarios', import.meta.url)));

/** A fresh temporary run folder. */
export function tempRunDir(prefix = 'fl-run-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs an example scenario in-process (helpers start from source through tsx). */
export async function runExample(name: string, sets: Record<string, string> = {}): Promise<RunOutcome> {
  const file = join(EXAMPLES, `${name}.yaml`);
  const { text, result } = loadScenarioFile(file, sets, {});
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return runScenario({
    scenario: result.scenario,
    scenarioText: text,
    outDir: tempRunDir(),
    cwd: EXAMPLES,
    heartbeatStaleMs: 2000,
  });
}
