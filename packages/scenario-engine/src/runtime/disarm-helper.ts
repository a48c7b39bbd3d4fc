import type { HelperProcess } from './spawn-helper';

/**
 * Tells a watchdog or reaper helper to stand down, and resolves once it has exited. A message sent
 * while the helper is still starting is lost if the engine exits before the helper reads it; the
 * helper would then outlive the run and act on a heartbeat that stopped on purpose. So the engine
 * waits for the exit, and kills a helper that has not exited after `graceMs`.
 *
 * @example
 * await disarmHelper(watchdog); // the watchdog is gone, its revert commands not run
 */
export async function disarmHelper(helper: HelperProcess, graceMs = 2000): Promise<void> {
  const { child } = helper;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
  helper.send({ type: 'disarm' });
  let timer: NodeJS.Timeout | undefined;
  const gone = await Promise.race([
    exited,
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (gone) return;
  try {
    process.kill(helper.pid, 'SIGKILL'); // a disarmed helper has nothing to revert: no grace needed
  } catch {
    // exited meanwhile
  }
  await exited;
}
