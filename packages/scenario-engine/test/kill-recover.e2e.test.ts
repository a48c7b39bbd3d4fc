import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recoverRun } from '../src/engine/recover';
import { readJournal } from '../src/fsm/journal';
import { cliArgv } from '../src/runtime/helper-command';
import { isAlive } from '../src/runtime/process-tree';
import { EXAMPLES, tempRunDir } from './run-example';

const SERVER = join(EXAMPLES, '../../apps/fis-recommender/dist/index.js');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.runIf(existsSync(SERVER))('a run killed with kill -9', () => {
  it('heals itself through the dead-man switch, and recover leaves no fault and no stray process', async () => {
    // Prepare: a latency fault that would last 60 s
    const out = tempRunDir();
    dirs.push(out);
    const [node, ...args] = cliArgv();
    const child = spawn(
      node as string,
      [
        ...args,
        'run',
        join(EXAMPLES, 'mcp-latency.yaml'),
        '--out',
        out,
        '--ci',
        '--set',
        'port=18981',
        '--set',
        'proxy_port=18982',
      ],
      { stdio: 'ignore', env: { ...process.env, FAULTLINE_BINDING_PORT: '18981' } },
    );
    const journal = join(out, 'journal.jsonl');
    const injected = () =>
      existsSync(journal) && readJournal(journal).some((e) => e.type === 'fault-injected');
    expect(await until(injected, 30_000)).toBe(true);
    const pids = readJournal(journal)
      .filter((e) => e.type === 'helper-started' || e.type === 'service-started')
      .map((e) => Number(e.pid));
    expect(pids.length).toBeGreaterThanOrEqual(3);
    // Act 1: kill -9 the engine in the middle of the fault
    child.kill('SIGKILL');
    // Assess 1: the helpers notice the stale heartbeat (3 s) and exit; the proxy stops delaying
    expect(await until(() => pids.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
    expect(await portOpen(18982)).toBe(false);
    // Act 2: recover finishes the rollback
    const result = await recoverRun(out);
    // Assess 2
    expect(result.revertedFaults).toEqual(['1-latency-fis-recommender']);
    expect(result.errors).toEqual([]);
    const entries = readJournal(journal);
    expect(entries.map((e) => e.type)).toEqual(
      expect.arrayContaining(['recover-started', 'fault-reverted', 'cleanup-done']),
    );
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toMatchObject({
      verdict: 'ABORTED',
      recovered: true,
    });
    expect(await portOpen(18981)).toBe(false);
    expect((await recoverRun(out)).alreadyClean).toBe(true);
  }, 60_000);

  it('rolls back on SIGTERM: the fault is reverted, cleanup runs and the verdict is ABORTED', async () => {
    const out = tempRunDir();
    dirs.push(out);
    const [node, ...args] = cliArgv();
    const child = spawn(
      node as string,
      [
        ...args,
        'run',
        join(EXAMPLES, 'mcp-latency.yaml'),
        '--out',
        out,
        '--ci',
        '--set',
        'port=18983',
        '--set',
        'proxy_port=18984',
      ],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const journal = join(out, 'journal.jsonl');
    expect(
      await until(
        () => existsSync(journal) && readJournal(journal).some((e) => e.type === 'fault-injected'),
        30_000,
      ),
    ).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(3);
    const types = readJournal(journal).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['abort-requested', 'fault-reverted', 'cleanup-done', 'run-finished']),
    );
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))).toMatchObject({
      verdict: 'ABORTED',
      reason: expect.stringMatching(/SIGTERM/),
    });
    expect(await portOpen(18984)).toBe(false);
  }, 60_000);
});
