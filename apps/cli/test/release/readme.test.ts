import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, type WorkspacePackage, workspacePackages } from '../support/workspace';

/** Every package npm will publish: npm shows its README.md and ships its LICENSE. */
const publishable = workspacePackages().filter((p) => !p.manifest.private);

/** Links to this repository that npm and GitHub both resolve, e.g. …/tree/main/docs/remote.md. */
const REPO_LINK = /https:\/\/github\.com\/faultline\/faultline\/(?:tree|blob)\/main\/([^\s)#?"'>`]*)/g;

function readme(pkg: WorkspacePackage): string {
  return readFileSync(join(pkg.dir, 'README.md'), 'utf8');
}

/** The README without fenced code blocks and inline code, where link syntax is not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Targets of inline links and images, `[text](target "title")`, and of reference definitions. */
function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const references = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)];
  return [...inline, ...references].map((m) => m[1] as string);
}

/** The command a user runs to get the package: a library is installed, a command-only package is run with npx. */
function installCommand(pkg: WorkspacePackage): RegExp {
  const name = pkg.manifest.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return pkg.manifest.exports === undefined
    ? new RegExp(`npx -y ${name}(?![\\w/-])`)
    : new RegExp(`npm (?:i|install) ${name}(?![\\w/-])`);
}

const cases = publishable.map((p) => [p.manifest.name, p] as const);

describe('the README and LICENSE npm shows for each package', () => {
  it('finds the publishable packages', () => {
    expect(publishable.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s has README.md and LICENSE in its folder', (_, pkg) => {
    expect(existsSync(join(pkg.dir, 'README.md')), `${pkg.relativeDir}/README.md`).toBe(true);
    expect(existsSync(join(pkg.dir, 'LICENSE')), `${pkg.relativeDir}/LICENSE`).toBe(true);
  });

  it.each(cases)('%s: the README names the package and how to install it', (name, pkg) => {
    const text = readme(pkg);
    expect(text).toContain(name);
    expect(text).toMatch(installCommand(pkg));
  });

  it.each(cases)('%s: relative links in the README point to files that exist', (_, pkg) => {
    const relative = linkTargets(readme(pkg)).filter((t) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(t));
    for (const target of relative) {
      const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
      const absolute = resolve(pkg.dir, path);
      expect(absolute.startsWith(repoRoot), `${target} leaves the repository`).toBe(true);
      expect(
        existsSync(absolute),
        `${pkg.relativeDir}/README.md links to ${target}, which does not exist`,
      ).toBe(true);
    }
  });

  it.each(cases)('%s: links to the repository on GitHub point to files that exist', (_, pkg) => {
    for (const match of readme(pkg).matchAll(REPO_LINK)) {
      const path = decodeURIComponent((match[1] as string).replace(/[.,;:]+$/, ''));
      expect(existsSync(join(repoRoot, path)), `${pkg.relativeDir}/README.md links to ${match[0]}`).toBe(
        true,
      );
    }
  });

  it('the link checks see links (the patterns still match the READMEs)', () => {
    const all = publishable.filter((p) => existsSync(join(p.dir, 'README.md'))).map(readme);
    expect(all.flatMap((text) => [...text.matchAll(REPO_LINK)]).length).toBeGreaterThan(0);
    expect(linkTargets('See [docs](../docs/a.md "A") and [x]: ./b.md\n\n[y]: <../c.md>')).toEqual([
      '../docs/a.md',
      '../c.md',
    ]);
  });
});
