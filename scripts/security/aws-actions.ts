// Which AWS API actions each server really calls, read from the source: the import graph from the
// app's entry (relative imports, and the named exports it takes from workspace packages, followed to
// the modules that define them), then every AWS SDK Command class and paginator used in those
// modules, attributed to the SDK client package the module loads. Type-only imports are skipped,
// and so are test files, fixtures and the packages' /testing entries.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The IAM service prefix of each AWS SDK client package Faultline uses. */
const SERVICES: Record<string, string> = {
  '@aws-sdk/client-fis': 'fis',
  '@aws-sdk/client-ssm': 'ssm',
  '@aws-sdk/client-ec2': 'ec2',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-eks': 'eks',
  '@aws-sdk/client-sts': 'sts',
};

/** SDK operations whose IAM action has another name. */
const IAM_NAME: Record<string, string> = {
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
};

/** Where an action is called: the module, for error messages. */
export type CalledActions = Map<string, string[]>;

function workspacePackages(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    if (!existsSync(manifest)) continue;
    out.set(
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name,
      join(root, 'packages', dir),
    );
  }
  return out;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  }
  return undefined;
}

interface ImportEdge {
  spec: string;
  /** Named imports (undefined: the whole module, e.g. a dynamic or side-effect import). */
  names?: string[];
}

const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const SIDE_EFFECT_IMPORT = /^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const m of text.matchAll(STATIC_IMPORT)) {
    if (m[2]) continue; // import type / export type
    const clause = m[3] as string;
    const braces = /\{([\s\S]*)\}/.exec(clause)?.[1];
    const names = braces
      ?.split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '))
      .map((n) => n.split(/\s+as\s+/)[0]?.trim() as string);
    const star = /\*/.test(clause) || (!braces && clause.trim() !== '');
    if (braces && names?.length === 0 && !star) continue; // only types
    edges.push({ spec: m[4] as string, ...(star ? {} : { names }) });
  }
  for (const m of text.matchAll(DYNAMIC_IMPORT)) edges.push({ spec: m[1] as string });
  for (const m of text.matchAll(SIDE_EFFECT_IMPORT)) edges.push({ spec: m[1] as string });
  return edges;
}

/** The modules of a package barrel that define `names` (all of them for `export *` or no names). */
function barrelTargets(index: string, names: string[] | undefined): string[] {
  const text = readFileSync(index, 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(STATIC_IMPORT)) {
    if (m[1] !== 'export' || m[2]) continue;
    const clause = m[3] as string;
    const target = resolveRelative(index, m[4] as string);
    if (!target) continue;
    if (!names || clause.includes('*')) {
      out.add(target);
      continue;
    }
    const exported = (/\{([\s\S]*)\}/.exec(clause)?.[1] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '))
      .map((n) => (n.split(/\s+as\s+/)[1] ?? n).trim());
    if (names.some((n) => exported.includes(n))) out.add(target);
  }
  return [...out];
}

const skipped = (file: string) => /\.test\.ts$|__fixtures__|\/testing\//.test(file);

/** The AWS IAM actions reachable from `entry` (a .ts file), with the modules that call them. */
export function calledActions(root: string, entry: string): CalledActions {
  const packages = workspacePackages(root);
  const seen = new Set<string>();
  const queue = [entry];
  const called: CalledActions = new Map();
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || skipped(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const services = new Set<string>();
    for (const edge of importsOf(text)) {
      const service = SERVICES[edge.spec];
      if (service) {
        services.add(service);
        continue;
      }
      if (edge.spec.startsWith('.')) {
        const target = resolveRelative(file, edge.spec);
        if (target) queue.push(target);
        continue;
      }
      const pkg = packages.get(edge.spec);
      if (pkg) queue.push(...barrelTargets(join(pkg, 'src', 'index.ts'), edge.names));
    }
    // a module that loads an SDK through a helper (chaos-engineering's loadFisSdk)
    if (/\bloadFisSdk\b/.test(text)) services.add('fis');
    const operations = new Set<string>();
    // a Command constructed (`new XCommand(`, `new sdk.XCommand(`, `new (await loadFisSdk()).XCommand(`)
    // or a paginator called; names in data (a catalog's "ssm:SendCommand") are not calls
    for (const m of text.matchAll(/\b([A-Z][A-Za-z0-9]+)Command\s*\(/g)) operations.add(m[1] as string);
    for (const m of text.matchAll(/\bpaginate([A-Z][A-Za-z0-9]+)\s*\(/g)) operations.add(m[1] as string);
    if (operations.size === 0) continue;
    if (services.size !== 1) {
      throw new Error(
        `${file} uses ${[...operations].join(', ')} but loads ${services.size === 0 ? 'no' : 'several'} AWS SDK clients (${[...services].join(', ')}): cannot tell the IAM action`,
      );
    }
    const [service] = [...services];
    for (const operation of operations) {
      const action = IAM_NAME[`${service}:${operation}`] ?? `${service}:${operation}`;
      called.set(action, [...(called.get(action) ?? []), file.slice(root.length)]);
    }
  }
  return called;
}

/** Get*, List*, Describe*: actions that read. */
export const isReadAction = (action: string) =>
  /^[a-z0-9-]+:(Get|List|Describe|Head)[A-Za-z0-9]*$/.test(action);
