import { watchHeartbeat } from '../runtime/heartbeat';
import { runProcesses, signalGroup } from '../runtime/process-tree';
import { type HelperMessage, log } from './ipc';

/** Configuration of the reaper helper. */
export interface ReaperConfig {
  heartbeat: string;
  staleMs: number;
  runId: string;
  /** How long the other helpers get to revert their faults before the reaper ends what is left. Default 2000. */
  graceMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The dead-man's switch of processes that have none of their own: sandboxed remedy, cleanup and
 * probe commands, which only the engine's timers would stop. When the engine stops heartbeating,
 * the reaper waits `graceMs` (the other helpers revert their faults and exit meanwhile), then kills
 * every process still carrying the run's id, helpers last, and exits. Linux only (`/proc`).
 */
export function runReaper(config: ReaperConfig): void {
  const reap = async () => {
    await sleep(config.graceMs ?? 2000);
    const left = runProcesses(config.runId).filter((p) => !p.helper);
    for (const p of left) signalGroup(p.pid, 'SIGKILL');
    log('reaped', { pids: left.map((p) => p.pid) });
    await sleep(500);
    const helpers = runProcesses(config.runId);
    for (const p of helpers) signalGroup(p.pid, 'SIGKILL');
    if (helpers.length > 0) log('reaped helpers', { pids: helpers.map((p) => p.pid) });
    process.exit(0);
  };
  const stopWatching = watchHeartbeat(config.heartbeat, config.staleMs, () => void reap());
  process.on('message', (message: HelperMessage) => {
    if (message.type === 'disarm' || message.type === 'shutdown') {
      stopWatching();
      process.exit(0);
    }
  });
  process.on('SIGINT', () => {});
}
