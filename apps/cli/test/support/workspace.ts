import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The fields of a package.json these tests read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  repository?: { type: string; url: string; directory?: string } | string;
  homepage?: string;
  keywords?: string[];
  files?: string[];
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  engines?: { node?: string };
  publishConfig?: { access?: string; provenance?: boolean };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** A workspace package: its folder (absolute and relative to the root) and manifest. */
export interface WorkspacePackage {
  dir: string;
  relativeDir: string;
  manifest: Manifest;
}

/** Every package under packages/ and apps/, sorted by folder. */
export function workspacePackages(): WorkspacePackage[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(repoRoot, group))
      .filter((name) => existsSync(join(repoRoot, group, name, 'package.json')))
      .sort()
      .map((name) => ({
        dir: join(repoRoot, group, name),
        relativeDir: `${group}/${name}`,
        manifest: JSON.parse(readFileSync(join(repoRoot, group, name, 'package.json'), 'utf8')) as Manifest,
      })),
  );
}

/** The named packages and the workspace packages they depend on (runtime dependencies), transitively. */
export function workspaceClosure(names: string[], all = workspacePackages()): WorkspacePackage[] {
  const byName = new Map(all.map((p) => [p.manifest.name, p]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const pkg = byName.get(name);
    if (!pkg) throw new Error(`${name} is not a workspace package`);
    seen.add(name);
    for (const [dep, range] of Object.entries(pkg.manifest.dependencies ?? {})) {
      if (range.startsWith('workspace:')) visit(dep);
    }
  };
  for (const name of names) visit(name);
  return all.filter((p) => seen.has(p.manifest.name));
}

/**
 * The pnpm command line: the one running this test when there is one, else pnpm 10 on PATH, else
 * the version in the root package.json's `packageManager` through npx (as scripts/faultline.mjs does).
 */
export function pnpmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) {
    return /\.c?js$/.test(execPath)
      ? { command: process.execPath, args: [execPath] }
      : { command: execPath, args: [] };
  }
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0 && probe.stdout.trim().startsWith('10.'))
    return { command: 'pnpm', args: [] };
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    packageManager?: string;
  };
  return { command: 'npx', args: ['--yes', root.packageManager ?? 'pnpm@10'] };
}
