import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/**
 * The build of an app (an MCP server or the CLI): one ESM bin from src/index.ts, code-split so that
 * what a tool loads on first use stays out of start-up, with the package's version inlined as
 * `__PACKAGE_VERSION__`. `packageJsonUrl` is the app's package.json, as a URL. With `toolList`, an
 * MCP server's tools/list answer is then written to dist/tools-list.json (`--write-tool-list`), so
 * the server does not convert its tools' schemas at every start (see docs/performance.md).
 */
export function appConfig(packageJsonUrl: URL, { toolList = false }: { toolList?: boolean } = {}): Options {
  const pkg = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version: string };
  return {
    ...(toolList && { onSuccess: 'node dist/index.js --write-tool-list dist/tools-list.json' }),
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
