import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { disarmHelper } from './disarm-helper';
import { HeartbeatWriter } from './heartbeat';
import { isAlive } from './process-tree';
import { spawnHelper } from './spawn-helper';

const dir = mkdtempSync(join(tmpdir(), 'fl-disarm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('disarmHelper', () => {
  it('leaves no watchdog behind, even one disarmed while it was still starting, and runs no revert', async () => {
    // Prepare: a watchdog whose revert would leave a file, disarmed the moment it is spawned
    const heartbeat = new HeartbeatWriter(join(dir, 'heartbeat'), 100);
    heartbeat.start();
    const marker = join(dir, 'reverted');
    const watchdog = await spawnHelper(
      'watchdog',
      { heartbeat: heartbeat.path, staleMs: 1000, revert: [['/usr/bin/touch', marker]] },
      join(dir, 'watchdog.log'),
      'run-disarm-test',
    );
    try {
      // Act
      await disarmHelper(watchdog);
      // Assess
      expect(isAlive(watchdog.pid)).toBe(false);
    } finally {
      heartbeat.stop();
    }
    await new Promise((r) => setTimeout(r, 1500)); // the heartbeat is stale now: a live watchdog would revert
    expect(() => writeFileSync(join(marker), '', { flag: 'wx' })).not.toThrow();
  });
});
