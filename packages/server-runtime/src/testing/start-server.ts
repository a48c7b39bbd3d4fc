import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A server process started for a test, with its URL and everything it wrote to stderr. */
export interface StartedServer {
  child: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/** Starts `node <args>` and waits for the runtime's "listening" log line; rejects with stderr if it exits first. */
export async function startServer(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<StartedServer> {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = new Promise<{ port: number; url: string }>((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
      const complete = stderr.split('\n').slice(0, -1);
      for (const line of complete) {
        if (!line.includes(' listening"')) continue;
        const parsed = JSON.parse(line) as { port: number; url: string };
        resolve(parsed);
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${stderr}`)));
  });
  const { port, url } = await listening;
  return {
    child,
    port,
    url,
    stderr: () => stderr,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
