import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BindingValue } from '../scenario/bindings';
import { cliArgv, helperArgv } from './helper-command';

function script(argv: string[], name: string): string {
  if (argv.length === 2) return argv[1] as string;
  // running from source: a tiny .mjs that registers tsx and imports the TypeScript entry
  const [, , loader, entry] = argv;
  const dir = join(tmpdir(), 'faultline-scenario-shims');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${name}-${createHash('sha256')
      .update(entry as string)
      .digest('hex')
      .slice(0, 12)}.mjs`,
  );
  const api = (loader as string).replace(/loader\.mjs$/, 'esm/api/index.mjs');
  writeFileSync(
    file,
    `import { register } from '${api}';\nregister();\nawait import('${pathToFileURL(entry as string).href}');\n`,
  );
  return file;
}

/**
 * Bindings the engine provides to every scenario (a file's own bindings win): `scenario_dir`,
 * `engine_node` (this Node.js), `engine_cli` (the faultline-scenario CLI script) and `engine_helper`
 * (the helper script, whose `mcp-bridge` mode exposes a stdio MCP server over HTTP).
 */
export function engineBuiltins(scenarioFile: string): Record<string, BindingValue> {
  return {
    scenario_dir: dirname(resolve(scenarioFile)),
    engine_node: process.execPath,
    engine_cli: script(cliArgv(), 'cli'),
    engine_helper: script(helperArgv(), 'helper'),
  };
}
