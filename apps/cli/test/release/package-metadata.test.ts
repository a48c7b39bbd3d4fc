import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspacePackages } from '../support/workspace';

/** Every package npm will publish. */
const publishable = workspacePackages().filter((p) => !p.manifest.private);

describe('what npm shows for each package', () => {
  it.each(publishable.map((p) => [p.manifest.name, p] as const))(
    '%s has complete publishing metadata',
    (name, pkg) => {
      const m = pkg.manifest;
      expect(name).toMatch(/^@faultline\/[a-z0-9-]+$/);
      expect(m.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(m.description?.length ?? 0).toBeGreaterThan(20);
      expect(m.license).toBe('Apache-2.0');
      expect(m.repository).toMatchObject({ type: 'git', directory: pkg.relativeDir });
      expect(m.homepage).toMatch(/^https:\/\//);
      expect(m.keywords).toContain('faultline');
      expect(m.files).toContain('dist');
      expect(m.engines?.node).toBe('>=20');
      expect(m.publishConfig).toEqual({ access: 'public', provenance: true });
      expect(m.exports !== undefined || m.bin !== undefined).toBe(true);
    },
  );

  it.each(publishable.map((p) => [p.manifest.name, p] as const))(
    '%s: exports and bins point into dist',
    (_, pkg) => {
      const exported = JSON.stringify(pkg.manifest.exports ?? {}).match(/"\.\/[^"]+"/g) ?? [];
      const targets = [
        ...Object.values(pkg.manifest.bin ?? {}),
        ...exported.map((t) => t.slice(1, -1)).filter((t) => t !== './package.json' && t.endsWith('.js')),
      ];
      for (const target of targets) {
        const file = target.replace(/^\.\//, '');
        // a bin may be a checked-in launcher in bin/ (linkable before the build) that imports dist/
        if (file.startsWith('bin/')) {
          expect(readFileSync(join(pkg.dir, file), 'utf8')).toMatch(
            /^#!\/usr\/bin\/env node\n[\s\S]*import '\.\.\/dist\/[\w./-]+\.js';/,
          );
          expect(pkg.manifest.files).toContain('bin');
          continue;
        }
        expect(file).toMatch(/^dist\//);
        if (existsSync(join(pkg.dir, 'dist'))) expect(existsSync(join(pkg.dir, target)), target).toBe(true);
      }
    },
  );

  it('servers have exactly one bin, named after the package', () => {
    for (const pkg of publishable.filter((p) => p.manifest.name.endsWith('-mcp-server'))) {
      expect(Object.keys(pkg.manifest.bin ?? {})).toEqual([pkg.manifest.name.replace('@faultline/', '')]);
    }
  });
});
