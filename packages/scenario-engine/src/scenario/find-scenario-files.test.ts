import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScenarioEngineError } from '../errors';
import { findScenarioFiles } from './find-scenario-files';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-find-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findScenarioFiles', () => {
  it('lists YAML scenarios, counts other YAML, and never follows a symlinked folder (a loop cannot hang it)', async () => {
    const root = temp();
    const outside = temp();
    mkdirSync(join(root, 'nested'));
    writeFileSync(join(root, 'b.yaml'), 'meta:\n  id: b\n');
    writeFileSync(join(root, 'nested', 'a.yml'), 'meta:\n  id: a\n');
    writeFileSync(join(root, 'compose.yaml'), 'services: {}\n');
    writeFileSync(join(outside, 'secret.yaml'), 'meta:\n  id: secret\n');
    symlinkSync('..', join(root, 'nested', 'up'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'linked.yaml'));
    mkdirSync(join(root, 'runs'));
    writeFileSync(join(root, 'runs', 'copy.yaml'), 'meta:\n  id: copy\n');

    const search = await findScenarioFiles(root, { exclude: [join(root, 'runs')] });

    expect(search.files.map((f) => f.relative)).toEqual(['b.yaml', 'nested/a.yml']);
    expect(search.otherYamlFiles).toBe(1);
    expect(search.skipped).toEqual([
      { path: 'linked.yaml', reason: 'a symlink to outside the scenario root' },
    ]);
    expect(search.truncated).toBe(false);
  });

  it('stops at maxFiles and says so', async () => {
    const root = temp();
    for (const n of [1, 2, 3]) writeFileSync(join(root, `s${n}.yaml`), `meta:\n  id: s${n}\n`);
    const search = await findScenarioFiles(root, { maxFiles: 2 });
    expect(search.files).toHaveLength(2);
    expect(search.truncated).toBe(true);
  });

  it('refuses a root that is not a folder with a coded error', async () => {
    const file = join(temp(), 'file.yaml');
    writeFileSync(file, 'meta: {}\n');
    for (const root of [join(file, '..', 'missing'), file]) {
      const error = await findScenarioFiles(root).catch((e: unknown) => e);
      expect(ScenarioEngineError.isInstance(error) && error.code).toBe('SCENARIO_ROOT_INVALID');
    }
  });
});
