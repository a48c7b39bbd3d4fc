import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenarioRoot } from '@faultline/scenario-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioRoot } from './scenario-settings';

describe('scenarioRoot', () => {
  const base = mkdtempSync(join(tmpdir(), 'faultline-scenario-root-'));
  const withFolder = join(base, 'with');
  const withFile = join(base, 'file');
  const without = join(base, 'without');
  mkdirSync(join(withFolder, 'scenarios'), { recursive: true });
  mkdirSync(withFile);
  writeFileSync(join(withFile, 'scenarios'), '');
  mkdirSync(without);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("follows @faultline/scenario-engine's defaultScenarioRoot, without importing the engine at start-up", () => {
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{}, withFolder],
      [{}, withFile],
      [{}, without],
      [{ FAULTLINE_SCENARIO_ROOT: 'elsewhere' }, without],
      [{ FAULTLINE_SCENARIO_ROOT: base }, withFolder],
      [{ FAULTLINE_SCENARIO_ROOT: '' }, withFolder],
    ];
    for (const [env, cwd] of cases) expect(scenarioRoot(env, cwd)).toBe(defaultScenarioRoot(env, cwd));
    expect(scenarioRoot({}, withFolder)).toBe(join(withFolder, 'scenarios'));
  });
});
