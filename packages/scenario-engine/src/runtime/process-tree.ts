import { readdirSync, readFileSync } from 'node:fs';

/**
 * True when a process with this pid exists and is not a zombie. A zombie has exited but was not
 * reaped yet (in a container whose pid 1 does not reap orphans it stays for ever); it holds no
 * port, file or fault, so it counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/** True when /proc says the process is a zombie (state Z) or dead (X); false when unknown. */
export function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

/** The command line of a process (Linux /proc), or undefined. */
export function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return undefined;
  }
}

/** Sends a signal to a process group (negative pid), falling back to the process; ignores gone ones. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/** SIGTERM a process group, then SIGKILL whatever is left after `graceMs`. */
export async function terminateGroup(pid: number, graceMs = 1500): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  signalGroup(pid, 'SIGKILL');
}

/** The environment variable that marks every process a run starts (helpers, services, sandboxed commands). */
export const RUN_ID_ENV = 'FAULTLINE_RUN_ID';

/** A process of a run, found through its environment. */
export interface RunProcess {
  pid: number;
  /** True for the engine's own helpers (supervisor, proxy, watchdog…), which carry `--faultline-run=`. */
  helper: boolean;
  command: string;
}

/**
 * Every live process whose environment carries `FAULTLINE_RUN_ID=<runId>` (Linux `/proc`; empty
 * elsewhere). Services inherit the variable from their supervisor and sandboxed commands get it from
 * the sandbox, so this finds what a killed engine left behind even when the journal never named it
 * (a process started just before the kill). Zombies have no environment and are not listed.
 */
export function runProcesses(runId: string, options: { exclude?: readonly number[] } = {}): RunProcess[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const marker = `${RUN_ID_ENV}=${runId}`;
  const found: RunProcess[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || options.exclude?.includes(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker)) continue;
    } catch {
      continue; // gone, or not ours to read
    }
    const command = commandLine(pid) ?? '';
    found.push({ pid, helper: command.includes(`--faultline-run=${runId}`), command });
  }
  return found;
}
