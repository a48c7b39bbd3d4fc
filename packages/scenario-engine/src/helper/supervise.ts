import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync, rmSync } from 'node:fs';
import { watchHeartbeat } from '../runtime/heartbeat';
import { signalGroup } from '../runtime/process-tree';
import { type HelperMessage, log, send } from './ipc';

/** Configuration of the supervisor helper. */
export interface SuperviseConfig {
  name: string;
  command: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  restart: { policy: 'always' | 'never'; delayMs: number; maxRestarts: number };
  /** A file whose appearance asks for a (re)start, e.g. from `faultline-scenario service restart`. */
  restartRequestFile: string;
  heartbeat: string;
  staleMs: number;
}

/**
 * Runs a service as a process manager would: starts it in its own process group, restarts it when
 * it exits (policy always, after a delay) and stops it when the engine says so or stops heartbeating.
 */
export function supervise(config: SuperviseConfig): void {
  let child: ChildProcess | undefined;
  let restarts = 0;
  let stopping = false;
  let pendingStart: NodeJS.Timeout | undefined;
  const out = openSync(config.logFile, 'a');

  const start = () => {
    pendingStart = undefined;
    if (stopping || child) return;
    const [cmd, ...args] = config.command;
    const proc = spawn(cmd as string, args, {
      cwd: config.cwd,
      env: { ...process.env, ...config.env },
      stdio: ['ignore', out, out],
      detached: true,
    });
    child = proc;
    proc.on('spawn', () => {
      log('child started', { name: config.name, child: proc.pid });
      send({ type: 'child-started', pid: proc.pid as number, restarts, at: Date.now() });
    });
    proc.on('error', (error) => log('child failed to start', { error: error.message }));
    proc.on('exit', (code, signal) => {
      child = undefined;
      log('child exited', { name: config.name, code, signal });
      send({ type: 'child-exited', pid: proc.pid ?? 0, code, signal, at: Date.now() });
      if (stopping) return;
      if (config.restart.policy === 'always' && restarts < config.restart.maxRestarts) {
        restarts += 1;
        pendingStart = setTimeout(start, config.restart.delayMs);
      }
    });
  };

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(pendingStart);
    log('stopping', { reason });
    const pid = child?.pid;
    if (pid) {
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + 1500;
      while (child && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      signalGroup(pid, 'SIGKILL');
    }
    process.exit(0);
  };

  const poll = setInterval(() => {
    if (existsSync(config.restartRequestFile)) {
      rmSync(config.restartRequestFile, { force: true });
      log('restart requested');
      if (!child) {
        restarts += 1;
        start();
      } else {
        signalGroup(child.pid as number, 'SIGTERM');
      }
    }
  }, 100);
  poll.unref();

  process.on('message', (message: HelperMessage) => {
    if (message.type === 'shutdown') void stop('shutdown requested');
    if (message.type === 'restart' && !child) start();
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => {}); // the engine decides; a terminal ^C must not stop the service mid-run
  watchHeartbeat(
    config.heartbeat,
    config.staleMs,
    () => void stop('engine heartbeat stale (dead-man switch)'),
  );
  start();
}
