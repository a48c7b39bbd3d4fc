import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
const base = mkdtempSync(join(tmpdir(), 'fl-service-restart-'));
const runDir = join(base, 'run');
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** `faultline-scenario service restart NAME`: the command an assistant's remedy runs in the sandbox. */
function restart(name: string) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', main, 'service', 'restart', name, '--run-dir', runDir],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
}

describe('service restart NAME (a file name from an assistant)', () => {
  it.each(['../../escaped', `${base}/escaped`, '%2e%2e%2fescaped'])(
    'refuses %j without writing anything',
    (name) => {
      const result = restart(name);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/is not a service name/);
      expect(existsSync(join(base, 'escaped.restart-request'))).toBe(false);
      expect(readdirSync(base)).not.toContain('escaped.restart-request');
    },
  );

  it('writes the request of a real service name inside the run folder', () => {
    expect(restart('fis-recommender').status).toBe(0);
    expect(readdirSync(join(runDir, 'services'))).toEqual(['fis-recommender.restart-request']);
  });
}, 60_000);
