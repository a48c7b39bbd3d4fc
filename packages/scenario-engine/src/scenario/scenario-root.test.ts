import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultScenarioRoot } from './scenario-root';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-root-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('defaultScenarioRoot', () => {
  it('prefers FAULTLINE_SCENARIO_ROOT, resolved against the working directory', () => {
    const cwd = temp();
    expect(defaultScenarioRoot({ FAULTLINE_SCENARIO_ROOT: 'mine' }, cwd)).toBe(join(cwd, 'mine'));
  });

  it('takes ./scenarios when it is a folder, else the working directory', () => {
    const cwd = temp();
    expect(defaultScenarioRoot({}, cwd)).toBe(cwd);
    writeFileSync(join(cwd, 'scenarios'), 'not a folder');
    expect(defaultScenarioRoot({}, cwd)).toBe(cwd);
    rmSync(join(cwd, 'scenarios'));
    mkdirSync(join(cwd, 'scenarios'));
    expect(defaultScenarioRoot({}, cwd)).toBe(join(cwd, 'scenarios'));
  });
});
