#!/usr/bin/env node
// Fails when a package's source changed without a changeset naming it.
//
//   node scripts/check-changeset.mjs [--base REF]      (pnpm changeset:check)
//
// Compares the working tree (commits, staged and unstaged edits, new files) with a base: --base,
// else $CHANGESET_BASE, else the merge-base with origin/main; without any of these (a fresh clone
// with no remote) it says so and passes. A change under packages/*/src or apps/*/src, other than
// tests (*.test.ts) and fixtures (__fixtures__/), needs a .changeset/*.md added or edited since the
// base that names the package. An empty changeset (`pnpm changeset --empty`) says "no release
// needed" for the whole change. Exit 0 when satisfied or skipped, 1 when not, 2 on a usage error.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const say = (text) => process.stdout.write(`${text}\n`);
const fail = (text, code = 1) => {
  process.stderr.write(`changeset check: ${text}\n`);
  process.exit(code);
};

function git(args, { allowFailure = false } = {}) {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  if (result.error) fail(`could not run git: ${result.error.message}`, 2);
  if (result.status !== 0) {
    if (allowFailure) return undefined;
    fail(`git ${args.join(' ')} failed: ${result.stderr.trim()}`, 2);
  }
  return result.stdout;
}

const args = process.argv.slice(2);
const baseIndex = args.indexOf('--base');
if (args.some((a, i) => a !== '--base' && i !== baseIndex + 1)) {
  fail(`unknown argument; usage: node scripts/check-changeset.mjs [--base REF]`, 2);
}
if (baseIndex >= 0 && !args[baseIndex + 1]) fail('--base needs a git ref', 2);

const root = git(['rev-parse', '--show-toplevel']).trim();
process.chdir(root);

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this script only, never by a turbo task
let baseRef = baseIndex >= 0 ? args[baseIndex + 1] : process.env.CHANGESET_BASE || undefined;
let baseLabel = baseRef;
if (!baseRef) {
  if (git(['rev-parse', '--verify', '--quiet', 'origin/main'], { allowFailure: true }) === undefined) {
    say('changeset check: skipped (no CHANGESET_BASE and no origin/main to compare with).');
    process.exit(0);
  }
  baseRef = 'origin/main';
  baseLabel = 'the merge-base with origin/main';
}
if (git(['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`], { allowFailure: true }) === undefined) {
  fail(`base "${baseRef}" is not a commit in this repository (fetch it first?)`, 2);
}
const base = git(['merge-base', baseRef, 'HEAD']).trim();

const lines = (text) => text.split('\n').filter(Boolean);
const changed = new Set([
  ...lines(git(['diff', '--name-only', '--no-renames', base])),
  ...lines(git(['ls-files', '--others', '--exclude-standard'])),
]);

const SOURCE = /^(packages|apps)\/([^/]+)\/src\//;
const sourceChanges = new Map();
for (const file of changed) {
  const match = SOURCE.exec(file);
  if (!match || /\.test\.[cm]?[jt]sx?$/.test(file) || file.includes('/__fixtures__/')) continue;
  const dir = `${match[1]}/${match[2]}`;
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private) continue;
  const files = sourceChanges.get(manifest.name) ?? [];
  files.push(file);
  sourceChanges.set(manifest.name, files);
}

if (sourceChanges.size === 0) {
  say(`changeset check: no package source changed since ${baseLabel}; nothing to release.`);
  process.exit(0);
}

/** Package names in a changeset's frontmatter (`"@scope/name": minor`). */
function packagesOf(path) {
  const text = readFileSync(path, 'utf8').split(/\r?\n/);
  const end = text.indexOf('---', 1);
  if (text[0] !== '---' || end < 0) fail(`${path} has no frontmatter; write it with "pnpm changeset"`, 1);
  const frontmatter = [undefined, text.slice(1, end).join('\n')];
  return lines(frontmatter[1])
    .map((line) => /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line)?.[1])
    .filter(Boolean);
}

const changesets = [...changed].filter(
  (f) => /^\.changeset\/[^/]+\.md$/.test(f) && f !== '.changeset/README.md' && existsSync(f),
);
const named = new Set(changesets.flatMap(packagesOf));
const empty = changesets.some((f) => packagesOf(f).length === 0);
const missing = [...sourceChanges.keys()].filter((name) => !named.has(name)).sort();

if (empty || missing.length === 0) {
  say(
    `changeset check: ok (${sourceChanges.size} package(s) changed since ${baseLabel}; ${changesets.join(', ')}${empty ? ': no release needed' : ''}).`,
  );
  process.exit(0);
}
const detail = missing
  .map((name) => `  ${name}: ${sourceChanges.get(name).slice(0, 3).join(', ')}`)
  .join('\n');
fail(
  `source changed since ${baseLabel} in package(s) no changeset names:\n${detail}\n` +
    'Add one with "pnpm changeset" (choose the packages and the bump, describe the change for users),\n' +
    'or "pnpm changeset --empty" when the change needs no release.',
);
