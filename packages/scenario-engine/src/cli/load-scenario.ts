import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/** Scenario files (`*.yaml`, `*.yml`) in a folder, recursively, sorted. */
export function findScenarioFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && !name.startsWith('.')) out.push(...findScenarioFiles(path));
    } else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
