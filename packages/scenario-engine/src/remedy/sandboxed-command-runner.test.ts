import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxedCommandRunner } from './sandboxed-command-runner';

const dirs: string[] = [];
const runDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-sandbox-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SandboxedCommandRunner', () => {
  it('runs an allowed program with argv only, in the run folder, with a scrubbed environment', async () => {
    // Prepare
    const root = runDir();
    process.env.FL_SECRET_FOR_TEST = 'leak';
    const runner = new SandboxedCommandRunner({
      allow: ['sh'],
      root,
      env: { ONLY: 'this' },
      denyPatterns: [],
    });
    // Act: the argument is one argv element, so `$(…)` is not expanded by any shell of ours
    const result = await runner.run({
      name: 'env',
      cmd: 'sh',
      args: ['-c', 'pwd; echo "$ONLY:$FL_SECRET_FOR_TEST"; echo "$1"', 'x', '$(id)'],
    });
    // Assess
    expect(result).toMatchObject({ status: 'ran', exitCode: 0 });
    expect(result.stdout).toBe(`${root}\nthis:\n$(id)\n`);
    delete process.env.FL_SECRET_FOR_TEST;
  });

  it('refuses programs outside the allow-list and lines matching deny patterns', async () => {
    const runner = new SandboxedCommandRunner({
      allow: ['rm', 'echo'],
      root: runDir(),
      denyPatterns: ['(?i)DROP TABLE'],
    });
    expect(await runner.run({ name: 'a', cmd: 'curl', args: ['x'] })).toMatchObject({
      status: 'denied',
      reason: expect.stringMatching(/allow-list/),
    });
    expect(await runner.run({ name: 'b', cmd: 'rm', args: ['-rf', '/tmp/x'] })).toMatchObject({
      status: 'denied',
      reason: expect.stringMatching(/rm -rf/),
    });
    expect(await runner.run({ name: 'c', cmd: 'echo', args: ['drop table users'] })).toMatchObject({
      status: 'denied',
    });
    expect(await runner.run({ name: 'd', cmd: '/usr/bin/echo', args: [] })).toMatchObject({
      status: 'denied',
    });
  });

  it('kills a command at its time limit and caps its output', async () => {
    const runner = new SandboxedCommandRunner({ allow: ['sh'], root: runDir(), maxOutputBytes: 1024 });
    const slow = await runner.run({ name: 'slow', cmd: 'sh', args: ['-c', 'sleep 5'], timeoutMs: 200 });
    expect(slow).toMatchObject({ timedOut: true, status: 'ran' });
    expect(slow.durationMs).toBeLessThan(2000);
    const loud = await runner.run({
      name: 'loud',
      cmd: 'sh',
      args: ['-c', 'head -c 100000 /dev/zero | tr "\\0" a'],
    });
    expect(loud.stdout.length).toBe(1024);
    expect(loud.truncated).toBe(true);
  });

  it('prints instead of running in a dry run', async () => {
    const lines: string[] = [];
    const runner = new SandboxedCommandRunner({
      allow: ['touch'],
      root: runDir(),
      dryRun: true,
      print: (l) => lines.push(l),
    });
    const result = await runner.run({ name: 't', cmd: 'touch', args: ['made'] });
    expect(result.status).toBe('dry-run');
    expect(lines[0]).toMatch(/would run .*\["touch","made"\]/);
  });

  it('refuses a working directory outside the run folder', () => {
    expect(() => new SandboxedCommandRunner({ allow: [], root: runDir(), cwd: '../..' })).toThrow(
      /outside the run folder/,
    );
  });
});
