import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import type { HelperMessage } from '../helper/ipc';
import { helperArgv } from './helper-command';

/** A running helper process and its IPC channel. */
export interface HelperProcess {
  child: ChildProcess;
  pid: number;
  send(message: HelperMessage): void;
  /** Waits for the first message that satisfies `predicate`. */
  waitFor(predicate: (m: HelperMessage) => boolean, timeoutMs: number): Promise<HelperMessage>;
}

/**
 * Starts a helper (`helper.js MODE CONFIG`) in its own process group, so a terminal's ^C reaches
 * only the engine, which then rolls back in order. Output goes to `logFile`. The run id is in the
 * command line so `recover` can tell our processes from reused pids.
 */
export async function spawnHelper(
  mode: string,
  config: Record<string, unknown>,
  logFile: string,
  runId: string,
): Promise<HelperProcess> {
  const [node, ...args] = helperArgv();
  const fd = openSync(logFile, 'a');
  const child = spawn(node as string, [...args, mode, JSON.stringify(config), `--faultline-run=${runId}`], {
    stdio: ['ignore', fd, fd, 'ipc'],
    detached: true,
    env: { ...process.env, FAULTLINE_RUN_ID: runId },
  });
  closeSync(fd);
  const messages: HelperMessage[] = [];
  const listeners = new Set<(m: HelperMessage) => void>();
  child.on('message', (m: HelperMessage) => {
    messages.push(m);
    for (const l of listeners) l(m);
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(
        new ScenarioEngineError(
          ScenarioEngineErrorCode.ProcessFailed,
          `cannot start helper ${mode}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
  });
  return {
    child,
    pid: child.pid as number,
    send(message) {
      if (child.connected) child.send(message);
    },
    waitFor(predicate, timeoutMs) {
      const seen = messages.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(
            new ScenarioEngineError(
              ScenarioEngineErrorCode.ProcessFailed,
              `helper ${mode} did not answer within ${timeoutMs} ms (see ${logFile})`,
            ),
          );
        }, timeoutMs);
        const listener = (m: HelperMessage) => {
          if (!predicate(m)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(m);
        };
        listeners.add(listener);
        child.once('exit', (code) => {
          clearTimeout(timer);
          listeners.delete(listener);
          reject(
            new ScenarioEngineError(
              ScenarioEngineErrorCode.ProcessFailed,
              `helper ${mode} exited with ${code} (see ${logFile})`,
            ),
          );
        });
      });
    },
  };
}

/** Polls until a TCP port accepts connections. */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<boolean> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
