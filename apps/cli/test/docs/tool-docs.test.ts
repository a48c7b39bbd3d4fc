import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

const script = join(repoRoot, 'scripts', 'generate-tool-docs.mjs');

describe('docs/tools/<server>.md', () => {
  it('are what scripts/generate-tool-docs.mjs generates from the built servers', () => {
    // Act: start every built server over stdio, list its tools, run the examples, compare.
    const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8', timeout: 60_000 });

    // Assess
    expect(result.stderr, 'run: node scripts/generate-tool-docs.mjs').toBe('');
    expect(result.status).toBe(0);
  }, 90_000);

  it.each(['fis-recommender', 'chaos-engineering'])(
    'document every tool %s lists, with its annotations',
    (app) => {
      const page = readFileSync(join(repoRoot, 'docs', 'tools', `${app}.md`), 'utf8');
      const bin = join(repoRoot, 'apps', app, 'dist', 'index.js');
      expect(existsSync(bin), 'run the build first (npm test does)').toBe(true);
      const tools = JSON.parse(
        spawnSync(process.execPath, [bin, '--list-tools'], { encoding: 'utf8' }).stdout,
      ) as Array<{
        name: string;
        annotations: Record<string, boolean>;
      }>;
      for (const tool of tools) {
        expect(page).toContain(`## \`${tool.name}\``);
        const a = tool.annotations;
        expect(page).toContain(
          `\`readOnlyHint: ${a.readOnlyHint}\`, \`destructiveHint: ${a.destructiveHint}\`, \`idempotentHint: ${a.idempotentHint}\`, \`openWorldHint: ${a.openWorldHint}\``,
        );
      }
    },
  );
});
