import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleRootCheck } from './readiness';

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-nd-ready-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('bundleRootCheck', () => {
  it('is ready when every bundle root is a readable folder', async () => {
    await expect(bundleRootCheck([temp(), temp()])).resolves.toEqual({
      name: 'bundle_root',
      ok: true,
      roots: 2,
    });
  });

  it('names the failing roots by number and code, never by path', async () => {
    const good = temp();
    const file = join(temp(), 'a-file');
    writeFileSync(file, 'x');
    const missing = join(good, 'gone');
    const check = await bundleRootCheck([good, file, missing]);
    expect(check.ok).toBe(false);
    expect(check.reason).toBe(
      'root 2 (ENOTDIR), root 3 (ENOENT) of 3 bundle root(s) is not a readable folder: local bundles cannot be analysed',
    );
    expect(JSON.stringify(check)).not.toContain(good);
  });
});
