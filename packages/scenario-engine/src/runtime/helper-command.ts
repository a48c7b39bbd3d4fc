import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(import.meta.url);
const fromSource = here.endsWith('.ts');

/**
 * The argv that starts the helper process (supervisor, proxy, watchdog, MCP bridge): the built
 * `dist/helper.js`, or the TypeScript source through tsx when the engine itself runs from source.
 */
export function helperArgv(): string[] {
  if (!fromSource) return [process.execPath, join(dirname(here), 'helper.js')];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [process.execPath, '--import', tsx, join(dirname(here), '..', 'helper', 'main.ts')];
}

/** The argv that starts the CLI (`faultline-scenario`), built or from source. */
export function cliArgv(): string[] {
  if (!fromSource) return [process.execPath, join(dirname(here), 'cli.js')];
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [process.execPath, '--import', tsx, join(dirname(here), '..', 'cli', 'main.ts')];
}
