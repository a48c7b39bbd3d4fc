import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';

/**
 * The default kill switch file: `FAULTLINE_KILL_SWITCH` when set, else `~/.faultline/kill-switch`.
 * While the file exists no provider injects anything, and running faults are reverted.
 */
export function defaultKillSwitchPath(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return env.FAULTLINE_KILL_SWITCH ?? join(homedir(), '.faultline', 'kill-switch');
}

/** A kill switch backed by a file: engaged while the file exists. */
export class KillSwitch {
  constructor(readonly path: string) {}

  engaged(): boolean {
    return existsSync(this.path);
  }

  /** Throws `SCENARIO_KILL_SWITCH_ENGAGED` (with the file's text as reason) when engaged. */
  assertDisengaged(): void {
    if (!this.engaged()) return;
    let reason = '';
    try {
      reason = readFileSync(this.path, 'utf8').trim().slice(0, 200);
    } catch {
      // removed meanwhile
    }
    throw new ScenarioEngineError(
      ScenarioEngineErrorCode.KillSwitchEngaged,
      `the kill switch ${this.path} is engaged${reason ? ` (${reason})` : ''}: no fault is injected; remove the file to allow injection`,
    );
  }
}
