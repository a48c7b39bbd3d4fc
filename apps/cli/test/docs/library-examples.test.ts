import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

const examplesDir = join(repoRoot, 'docs', 'libraries', 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.ts'));
const LIBRARIES = ['findings', 'fis-core'];

let consumer: string;

beforeAll(() => {
  // A consumer folder with the examples, whose node_modules holds the built packages, as an install would.
  consumer = mkdtempSync(join(tmpdir(), 'faultline-doc-examples-'));
  mkdirSync(join(consumer, 'node_modules', '@faultline'), { recursive: true });
  for (const name of LIBRARIES) {
    symlinkSync(join(repoRoot, 'packages', name), join(consumer, 'node_modules', '@faultline', name), 'dir');
  }
  for (const file of examples) copyFileSync(join(examplesDir, file), join(consumer, file));
  writeFileSync(join(consumer, 'package.json'), '{ "type": "module", "private": true }\n');
});

afterAll(() => {
  rmSync(consumer, { recursive: true, force: true });
});

describe('docs/libraries/examples', () => {
  it('type-check against the built packages’ .d.ts files', () => {
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', examplesDir],
      { encoding: 'utf8' },
    );
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);

  it.each(examples)(
    '%s runs, and its assertions (the claims of the docs) hold',
    (file) => {
      const result = spawnSync(
        process.execPath,
        [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(consumer, file)],
        {
          cwd: consumer,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH ?? '',
            HOME: consumer,
            XDG_CACHE_HOME: join(consumer, 'cache'),
            AWS_EC2_METADATA_DISABLED: 'true',
            // Resolve @faultline/* from the consumer folder, not from the repository.
            NODE_PATH: join(consumer, 'node_modules'),
          },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
    30_000,
  );

  it.each(LIBRARIES)('are each shown in docs/libraries/%s.md', (library) => {
    const page = readFileSync(join(repoRoot, 'docs', 'libraries', `${library}.md`), 'utf8');
    for (const file of examples.filter((f) => f.startsWith(`${library}-`))) {
      const source = readFileSync(join(examplesDir, file), 'utf8');
      const body = source.split('\n').slice(1).join('\n').trim(); // without the first comment line
      expect(page, `${file} is quoted whole in ${library}.md`).toContain(body);
    }
  });
});
