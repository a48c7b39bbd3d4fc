// What every measurement family shares: paths, statistics, package resolution, process helpers.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built bins of the servers, by short name. */
export const BINS = {
  'fis-recommender': join(ROOT, 'apps/fis-recommender/dist/index.js'),
  'chaos-engineering': join(ROOT, 'apps/chaos-engineering/dist/index.js'),
  'node-diagnostics': join(ROOT, 'apps/node-diagnostics/dist/index.js'),
};

/** The minimal server on the same SDK (the floor of cold start, tool latency and HTTP). */
export const MINIMAL_SERVER = join(ROOT, 'bench/minimal-server.mjs');

/** The same echo tool on Faultline's runtime: what the runtime adds before a tool does any work. */
export const RUNTIME_ECHO_SERVER = join(ROOT, 'bench/runtime-echo-server.mjs');

/** Built workspace packages, imported by file (the bench folder is not a workspace package). */
export const DIST = {
  fisCore: join(ROOT, 'packages/fis-core/dist/index.js'),
  eksNodeDiagnostics: join(ROOT, 'packages/eks-node-diagnostics/dist/index.js'),
  scenarioEngine: join(ROOT, 'packages/scenario-engine/dist/index.js'),
  serverRuntime: join(ROOT, 'packages/server-runtime/dist/index.js'),
};

/** Imports a built workspace package by path. */
export const importDist = (path) => import(pathToFileURL(path).href);

/** Fails with a clear message when a build output the suite needs is missing. */
export function requireBuilt(paths) {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `missing build output: ${missing.map((p) => p.slice(ROOT.length + 1)).join(', ')}; run pnpm build first`,
    );
  }
}

// ------------------------------------------------------------------ statistics

/** The q-quantile (0..1) of sorted values, linear between ranks. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Median and spread of repeated measurements: the interquartile range as a share of the median
 * (`spread`), and min and max, so a reader sees how noisy a figure was.
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const p25 = quantile(sorted, 0.25);
  const p75 = quantile(sorted, 0.75);
  return {
    n: sorted.length,
    median,
    p25,
    p75,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    spread: median === 0 ? 0 : (p75 - p25) / median,
  };
}

/** subject / floor, rounded to 2 decimals. */
export const ratio = (subject, floor) => (floor > 0 ? Math.round((subject / floor) * 100) / 100 : null);

/** A budget verdict for the report: what was checked, the figure, the limit and pass/miss. */
export function budget(name, value, limit, comparison, note) {
  const pass = comparison === '<=' ? value <= limit : comparison === '>=' ? value >= limit : value < limit;
  return { name, value, limit, comparison, status: pass ? 'pass' : 'miss', ...(note && { note }) };
}

/** Rounds for display: 3 significant digits below 100, integers above. */
export function fmt(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

/** `median ±spread%` for a summary. */
export const medianSpread = (s, unit = '') => `${fmt(s.median)}${unit} ±${Math.round(s.spread * 50)}%`;

// ------------------------------------------------------------------ package resolution

/**
 * Resolves `specifier` (a bare package import such as `@modelcontextprotocol/sdk/server/mcp.js`) the
 * way Node would from inside `fromDir`, with the `import` condition, and returns a file URL. The
 * bench folder has no node_modules of its own, so it borrows the servers' dependencies: the same
 * SDK and zod versions the bins load.
 */
export function resolveFrom(fromDir, specifier) {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const subpath = `.${specifier.slice(name.length)}`;
  let dir = fromDir;
  let pkgDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) {
      pkgDir = realpathSync(candidate);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot resolve ${specifier} from ${fromDir}`);
    dir = parent;
  }
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const pick = (target) =>
    typeof target === 'string' ? target : (target?.import ?? target?.default ?? target?.node);
  const exportsMap =
    typeof pkg.exports === 'object' && !pkg.exports['.'] && subpath === '.'
      ? { '.': pkg.exports }
      : (pkg.exports ?? { '.': pkg.module ?? pkg.main ?? 'index.js' });
  let target = exportsMap[subpath] !== undefined ? pick(exportsMap[subpath]) : undefined;
  if (target === undefined) {
    for (const [key, value] of Object.entries(exportsMap)) {
      const star = key.indexOf('*');
      if (star < 0) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.startsWith(prefix) && subpath.endsWith(suffix)) {
        const middle = subpath.slice(prefix.length, subpath.length - suffix.length);
        target = pick(value)?.replace('*', middle);
        break;
      }
    }
  }
  if (target === undefined) throw new Error(`${name} does not export ${subpath}`);
  return pathToFileURL(join(pkgDir, target)).href;
}

/** The SDK, zod and runtime the servers use, as file URLs for `import()`. */
export function serverDependencyUrls() {
  const from = join(ROOT, 'apps/fis-recommender');
  return {
    mcp: resolveFrom(from, '@modelcontextprotocol/sdk/server/mcp.js'),
    stdio: resolveFrom(from, '@modelcontextprotocol/sdk/server/stdio.js'),
    streamableHttp: resolveFrom(from, '@modelcontextprotocol/sdk/server/streamableHttp.js'),
    zod: resolveFrom(from, 'zod'),
    serverRuntime: resolveFrom(from, '@faultline/server-runtime'),
    sdkVersion: JSON.parse(
      readFileSync(
        join(realpathSync(join(from, 'node_modules/@modelcontextprotocol/sdk')), 'package.json'),
        'utf8',
      ),
    ).version,
  };
}

// ------------------------------------------------------------------ processes and machine

/** Resident memory of a live process from /proc (Linux): current and peak, in MiB. */
export function processMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
  } catch {
    return { rssMiB: Number.NaN, peakRssMiB: Number.NaN };
  }
}

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** The machine a run happened on, for the report. */
export function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
