import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/**
 * The build of an app (an MCP server or the CLI): one ESM bin from src/index.ts, code-split so that
 * what a tool loads on first use stays out of start-up, with the package's version inlined as
 * `__PACKAGE_VERSION__`. `packageJsonUrl` is the app's package.json, as a URL.
 */
export function appConfig(packageJsonUrl: URL): Options {
  const pkg = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version: string };
  return {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: true,
    splitting: true,
    target: 'node20',
    platform: 'node',
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  };
}
