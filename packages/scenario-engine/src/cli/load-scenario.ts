import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { engineBuiltins } from '../runtime/builtins';
import { type SafeParseScenarioResult, safeParseScenario } from '../scenario/parse-scenario';

/** Reads and validates a scenario file, with the engine's built-in bindings, the environment and `--set`. */
export function loadScenarioFile(
  file: string,
  sets: Record<string, string> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): { text: string; result: SafeParseScenarioResult } {
  const text = readFileSync(resolve(file), 'utf8');
  return { text, result: safeParseScenario(text, { bindings: sets, env, builtins: engineBuiltins(file) }) };
}
