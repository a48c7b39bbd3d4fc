import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import { isAlive } from './process-tree';

/** Default folder of target locks: `$TMPDIR/faultline-locks`. */
export function defaultLockDir(): string {
  return join(tmpdir(), 'faultline-locks');
}

/**
 * One fault at a time per target: an exclusive lock file per target name, holding the owner's
 * pid and run id. A lock whose owner is dead is taken over.
 */
export class TargetLocks {
  constructor(readonly dir: string = defaultLockDir()) {}

  private file(target: string): string {
    return join(this.dir, `${target.replace(/[^A-Za-z0-9_.-]/g, '_')}.lock`);
  }

  /** Takes the lock of `target` or throws `SCENARIO_TARGET_BUSY`. Returns the lock file path. */
  acquire(target: string, runId: string): string {
    mkdirSync(this.dir, { recursive: true });
    const path = this.file(target);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        writeFileSync(path, JSON.stringify({ pid: process.pid, runId }), { flag: 'wx' });
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = this.owner(target);
        if (owner && owner.runId !== runId && isAlive(owner.pid)) {
          throw new ScenarioEngineError(
            ScenarioEngineErrorCode.TargetBusy,
            `target "${target}" already has an active fault (run ${owner.runId}, pid ${owner.pid}); one fault at a time per target`,
          );
        }
        rmSync(path, { force: true });
      }
    }
    throw new ScenarioEngineError(ScenarioEngineErrorCode.TargetBusy, `could not lock target "${target}"`);
  }

  owner(target: string): { pid: number; runId: string } | undefined {
    try {
      return JSON.parse(readFileSync(this.file(target), 'utf8')) as { pid: number; runId: string };
    } catch {
      return undefined;
    }
  }

  /** Releases the lock if `runId` holds it. */
  release(target: string, runId: string): void {
    if (this.owner(target)?.runId === runId) rmSync(this.file(target), { force: true });
  }
}
