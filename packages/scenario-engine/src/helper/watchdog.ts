import { execFileSync } from 'node:child_process';
import { watchHeartbeat } from '../runtime/heartbeat';
import { type HelperMessage, log } from './ipc';

/** Configuration of the watchdog helper. */
export interface WatchdogConfig {
  heartbeat: string;
  staleMs: number;
  /** Commands (argv) that revert the fault, run in order when the engine stops heartbeating. */
  revert: string[][];
}

/**
 * The dead-man's switch of faults that live outside any helper process (tc netem in a network
 * namespace): runs the revert commands when the heartbeat goes stale, then exits. The engine
 * disarms it after reverting the fault itself.
 */
export function runWatchdog(config: WatchdogConfig): void {
  const stopWatching = watchHeartbeat(config.heartbeat, config.staleMs, () => {
    for (const argv of config.revert) {
      const [cmd, ...args] = argv;
      try {
        execFileSync(cmd as string, args, { stdio: 'ignore', timeout: 10_000 });
        log('reverted', { argv });
      } catch (error) {
        log('revert command failed', { argv, error: String(error) });
      }
    }
    process.exit(0);
  });
  process.on('message', (message: HelperMessage) => {
    if (message.type === 'disarm' || message.type === 'shutdown') {
      stopWatching();
      process.exit(0);
    }
  });
  process.on('SIGINT', () => {});
}
