import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, workspacePackages } from '../support/workspace';

const changesetBin = join(repoRoot, 'node_modules', '@changesets', 'cli', 'bin.js');
const checkScript = join(repoRoot, 'scripts', 'check-changeset.mjs');
const temps: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: gitEnv });
}

function initRepo(dir: string): void {
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--no-gpg-sign', '-m', 'base');
}

/** The bump each package gets from the changesets in `.changeset/`. */
function plannedBumps(changesetDir: string): Map<string, string> {
  const order = ['patch', 'minor', 'major'];
  const bumps = new Map<string, string>();
  for (const file of readdirSync(changesetDir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const frontmatter =
      /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(changesetDir, file), 'utf8'))?.[1] ?? '';
    for (const match of frontmatter.matchAll(/^"?([^":\n]+)"?:\s*(major|minor|patch)\s*$/gm)) {
      const [, name, bump] = match as unknown as [string, string, string];
      if (order.indexOf(bump) > order.indexOf(bumps.get(name) ?? 'none')) bumps.set(name, bump);
    }
  }
  return bumps;
}

/** The real repository's changesets and versions, to prove the dry run leaves them alone. */
function realState(): { changesets: string[]; versions: Record<string, string> } {
  return {
    changesets: readdirSync(join(repoRoot, '.changeset')).sort(),
    versions: Object.fromEntries(workspacePackages().map((p) => [p.manifest.name, p.manifest.version])),
  };
}

function bumped(version: string, bump: string): string {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

describe('the changesets configuration', () => {
  it('versions packages independently, publicly, from main, with internal dependencies patched', () => {
    const config = JSON.parse(readFileSync(join(repoRoot, '.changeset', 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      access: 'public',
      baseBranch: 'main',
      updateInternalDependencies: 'patch',
      fixed: [],
      linked: [],
      changelog: '@changesets/cli/changelog',
    });
  });

  it('versions a copy of the repository: versions bump and CHANGELOG.md files appear (dry run)', () => {
    // Prepare: the manifests and changesets in a fresh git repository, node_modules linked.
    const before = realState();
    const copy = tempDir('faultline-changesets-');
    for (const file of ['package.json', 'pnpm-workspace.yaml'])
      cpSync(join(repoRoot, file), join(copy, file));
    cpSync(join(repoRoot, '.changeset'), join(copy, '.changeset'), { recursive: true });
    const packages = workspacePackages();
    for (const pkg of packages) {
      mkdirSync(join(copy, pkg.relativeDir), { recursive: true });
      cpSync(join(pkg.dir, 'package.json'), join(copy, pkg.relativeDir, 'package.json'));
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
    initRepo(copy);
    const planned = plannedBumps(join(copy, '.changeset'));
    expect(planned.size, 'there is at least one changeset to release').toBeGreaterThan(0);

    // Act
    const status = spawnSync(process.execPath, [changesetBin, 'status', '--verbose'], {
      cwd: copy,
      encoding: 'utf8',
    });
    const version = spawnSync(process.execPath, [changesetBin, 'version'], { cwd: copy, encoding: 'utf8' });

    // Assess
    expect(status.status, status.stderr).toBe(0);
    for (const name of planned.keys()) expect(status.stdout).toContain(name);
    expect(version.status, version.stderr).toBe(0);
    for (const pkg of packages) {
      const bump = planned.get(pkg.manifest.name);
      if (!bump) continue;
      const after = JSON.parse(readFileSync(join(copy, pkg.relativeDir, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect({ name: pkg.manifest.name, version: after.version }).toEqual({
        name: pkg.manifest.name,
        version: bumped(pkg.manifest.version, bump),
      });
      const changelog = readFileSync(join(copy, pkg.relativeDir, 'CHANGELOG.md'), 'utf8');
      expect(changelog).toMatch(
        new RegExp(`^# ${pkg.manifest.name}\\n\\n## ${after.version.replaceAll('.', '\\.')}\\n`),
      );
    }
    const left = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(left, 'changesets are consumed').toEqual([]);
    expect(realState(), 'the real repository is untouched').toEqual(before);
  }, 60_000);
});

describe('scripts/check-changeset.mjs', () => {
  function fixture(): { dir: string; base: string } {
    const dir = tempDir('faultline-check-');
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('packages/lib/package.json', '{ "name": "@x/lib", "version": "1.0.0" }\n');
    write('packages/lib/src/index.ts', 'export const a = 1;\n');
    write('packages/lib/src/index.test.ts', '// test\n');
    write('apps/tool/package.json', '{ "name": "@x/tool", "private": true }\n');
    write('apps/tool/src/index.ts', 'export {};\n');
    write('README.md', '# x\n');
    initRepo(dir);
    return { dir, base: git(dir, 'rev-parse', 'HEAD').trim() };
  }

  function check(dir: string, env: Record<string, string> = {}, args: string[] = []) {
    const result = spawnSync(process.execPath, [checkScript, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...gitEnv, CHANGESET_BASE: '', ...env },
    });
    return { code: result.status, out: result.stdout + result.stderr };
  }

  it('fails when a package source changed without a changeset, naming the package and the files', () => {
    const { dir, base } = fixture();
    writeFileSync(join(dir, 'packages/lib/src/index.ts'), 'export const a = 2;\n');
    const { code, out } = check(dir, { CHANGESET_BASE: base });
    expect(code).toBe(1);
    expect(out).toContain('@x/lib: packages/lib/src/index.ts');
    expect(out).toContain('pnpm changeset');
  });

  it('passes once a changeset names the package, also when the change is committed', () => {
    const { dir, base } = fixture();
    writeFileSync(join(dir, 'packages/lib/src/index.ts'), 'export const a = 2;\n');
    mkdirSync(join(dir, '.changeset'));
    writeFileSync(join(dir, '.changeset/brave-fox.md'), '---\n"@x/lib": patch\n---\n\nFix a.\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '--quiet', '--no-gpg-sign', '-m', 'change');
    const { code, out } = check(dir, {}, ['--base', base]);
    expect(code).toBe(0);
    expect(out).toContain('ok (1 package(s) changed');
  });

  it('accepts an empty changeset as "no release needed"', () => {
    const { dir, base } = fixture();
    writeFileSync(join(dir, 'packages/lib/src/index.ts'), 'export const a = 3;\n');
    mkdirSync(join(dir, '.changeset'));
    writeFileSync(join(dir, '.changeset/quiet-owl.md'), '---\n---\n');
    const { code, out } = check(dir, { CHANGESET_BASE: base });
    expect(code).toBe(0);
    expect(out).toContain('no release needed');
  });

  it('ignores tests, private packages and files outside src', () => {
    const { dir, base } = fixture();
    writeFileSync(join(dir, 'packages/lib/src/index.test.ts'), '// more tests\n');
    writeFileSync(join(dir, 'apps/tool/src/index.ts'), 'export const b = 1;\n');
    writeFileSync(join(dir, 'README.md'), '# y\n');
    const { code, out } = check(dir, { CHANGESET_BASE: base });
    expect(code).toBe(0);
    expect(out).toContain('no package source changed');
  });

  it('skips without a base and without origin/main, and refuses a base that is not a commit', () => {
    const { dir } = fixture();
    const skipped = check(dir);
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('skipped (no CHANGESET_BASE and no origin/main');
    const wrong = check(dir, { CHANGESET_BASE: 'no-such-ref' });
    expect(wrong.code).toBe(2);
    expect(wrong.out).toContain('base "no-such-ref" is not a commit');
  });
});
