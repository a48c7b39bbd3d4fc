import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SandboxedCommandRunner } from './sandboxed-command-runner';

const dirs: string[] = [];
const runDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-sandbox-adv-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Live processes whose environment holds `marker` (zombies have none, and are dead anyway). */
function alive(marker: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e) && Number(e) !== process.pid)
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/environ`, 'latin1').split('\0').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function eventually(check: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const uniqueMarker = () => `FL_TEST_MARK=${Math.random().toString(36).slice(2)}`;

describe('sandbox: no shell', () => {
  it('passes ; && | > $(…) `…` and globs to the program as literal arguments', async () => {
    const root = runDir();
    const runner = new SandboxedCommandRunner({ allow: ['echo'], root });
    const args = [
      'a;b',
      '&&',
      'id',
      '|',
      'cat',
      '>',
      'created.txt',
      '$(id)',
      '`id`',
      '*',
      '$HOME',
      "'",
      '"',
      '\n',
    ];
    const result = await runner.run({ name: 'meta', cmd: 'echo', args });
    expect(result).toMatchObject({ status: 'ran', exitCode: 0 });
    expect(result.stdout).toBe(`${args.join(' ')}\n`);
    expect(existsSync(join(root, 'work', 'created.txt'))).toBe(false);
    expect(existsSync(join(root, 'created.txt'))).toBe(false);
  });

  it('never interprets any argument list: echo prints exactly what it was given (200 lists)', async () => {
    const runner = new SandboxedCommandRunner({ allow: ['printf'], root: runDir() });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              ';',
              '&&',
              '||',
              '|',
              '>',
              '<',
              '$(id)',
              '`id`',
              '${PATH}',
              '*',
              '~',
              '!',
              '&',
              '\\',
            ),
            fc.string({ maxLength: 10 }).filter((s) => !s.includes('\0')),
          ),
          { maxLength: 6 },
        ),
        async (args) => {
          const result = await runner.run({ name: 'p', cmd: 'printf', args: ['%s\\n', ...args] });
          if (result.status === 'denied') return; // a deny pattern (e.g. `| sh`) matched: refused is fine
          expect(result.stdout).toBe(args.map((a) => `${a}\n`).join('') || '\n');
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('sandbox: argument injection and program tricks', () => {
  const runner = () =>
    new SandboxedCommandRunner({ allow: ['find', 'kubectl', 'git', 'rm', 'aws', 'echo'], root: runDir() });

  it.each([
    ['find', ['.', '-exec', 'sh', '-c', 'id', ';']],
    ['find', ['.', '-execdir', 'id', '+']],
    ['find', ['.', '-delete']],
    ['find', ['/', '-fprint', '/tmp/x']],
    ['kubectl', ['--kubeconfig=/etc/kubernetes/admin.conf', 'get', 'secrets']],
    ['kubectl', ['--kubeconfig', '/etc/kubernetes/admin.conf', 'get', 'pods']],
    ['kubectl', ['get', 'pods', '--token=abc']],
    ['kubectl', ['--as=system:admin', 'delete', 'ns', 'prod']],
    ['kubectl', ['--as-group', 'system:masters', 'get', 'secrets']],
    ['aws', ['--profile', 'prod-admin', 's3', 'ls']],
    ['aws', ['s3', 'ls', '--endpoint-url=http://169.254.169.254']],
    ['git', ['-c', 'core.sshCommand=touch /tmp/pwned', 'fetch']],
    ['git', ['--upload-pack=touch /tmp/pwned', 'clone', 'x']],
    ['rm', ['-r', '-f', '/']],
    ['rm', ['-Rf', '/']],
    ['rm', ['--recursive', '/']],
    ['rm', ['-fr', 'x']],
    ['rm', ['--no-preserve-root', '/']],
  ])('refuses %s %j', async (cmd, args) => {
    const result = await runner().run({ name: 'x', cmd, args });
    expect(result.status).toBe('denied');
    expect(result.reason).toMatch(/refused|deny pattern/);
  });

  it('lets the same programs run harmless arguments, and operands after -- stay operands', () => {
    const r = runner();
    expect(
      r.check({ name: 'k', cmd: 'kubectl', args: ['rollout', 'restart', 'deployment/api', '-n', 'shop'] }),
    ).toBeUndefined();
    expect(
      r.check({ name: 'f', cmd: 'find', args: ['.', '-name', '*.log', '-mtime', '+1'] }),
    ).toBeUndefined();
    expect(r.check({ name: 'r', cmd: 'rm', args: ['-f', '--', '-rf'] })).toBeUndefined();
    expect(r.check({ name: 'g', cmd: 'git', args: ['status'] })).toBeUndefined();
  });

  it.each([
    ['/tmp/evil/kubectl'],
    ['./kubectl'],
    ['bin/kubectl'],
    ['../kubectl'],
    ['kubectl '],
    ['KUBECTL'],
    ['kubectl\u0000'],
    ['curl'],
    ['sh'],
    [''],
  ])('refuses the program %j, which is not on the allow-list as written', async (cmd) => {
    const result = await runner().run({ name: 'x', cmd, args: [] });
    expect(result.status).toBe('denied');
  });

  it('refuses NUL bytes in arguments instead of crashing the run', async () => {
    const result = await runner().run({ name: 'x', cmd: 'echo', args: ['a\u0000b'] });
    expect(result).toMatchObject({ status: 'denied', reason: expect.stringMatching(/NUL/) });
  });

  it('finds an allowed bare name on the sandbox PATH only: not through the command’s env PATH, not in its folder', async () => {
    const root = runDir();
    const evil = join(root, 'evil');
    mkdirSync(evil);
    mkdirSync(join(root, 'work'), { recursive: true });
    const pwned = join(root, 'pwned');
    for (const dir of [evil, join(root, 'work')]) {
      writeFileSync(join(dir, 'echo'), `#!/bin/sh\ntouch ${pwned}\n`);
      chmodSync(join(dir, 'echo'), 0o755);
    }
    const viaEnv = new SandboxedCommandRunner({ allow: ['echo'], root, env: { PATH: evil } });
    expect(await viaEnv.run({ name: 'e', cmd: 'echo', args: ['safe'] })).toMatchObject({
      status: 'ran',
      stdout: 'safe\n',
    });
    const viaDot = new SandboxedCommandRunner({
      allow: ['echo'],
      root,
      cwd: 'work',
      path: `.:${process.env.PATH}`,
    });
    expect(await viaDot.run({ name: 'e', cmd: 'echo', args: ['safe'] })).toMatchObject({
      status: 'ran',
      stdout: 'safe\n',
    });
    expect(existsSync(pwned)).toBe(false);
  });
});

describe('sandbox: environment', () => {
  it('gives the command only PATH, the sandbox env and its markers: no AWS keys or tokens of the engine', async () => {
    const secrets = {
      AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
      AWS_SECRET_ACCESS_KEY: 'leak-secret',
      AWS_SESSION_TOKEN: 'leak-session',
      GITHUB_TOKEN: 'leak-gh',
      OPENAI_API_KEY: 'leak-openai',
      KUBECONFIG: '/etc/kubernetes/admin.conf',
    };
    Object.assign(process.env, secrets);
    try {
      const runner = new SandboxedCommandRunner({ allow: ['env'], root: runDir(), env: { ONLY: 'this' } });
      const result = await runner.run({ name: 'env', cmd: 'env', args: [] });
      const names = result.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('=')[0])
        .sort();
      expect(names).toEqual(['FAULTLINE_SANDBOX_ID', 'ONLY', 'PATH']);
      for (const value of Object.values(secrets)) expect(result.stdout).not.toContain(value);
    } finally {
      for (const key of Object.keys(secrets)) delete process.env[key];
    }
  });

  it('passes a secret only when the scenario’s sandbox env names it', async () => {
    const runner = new SandboxedCommandRunner({
      allow: ['env'],
      root: runDir(),
      env: { AWS_REGION: 'eu-west-1' },
    });
    const result = await runner.run({ name: 'env', cmd: 'env', args: [] });
    expect(result.stdout).toContain('AWS_REGION=eu-west-1');
    expect(result.stdout).not.toContain('AWS_SECRET_ACCESS_KEY');
  });
});

describe('sandbox: output floods', () => {
  it('caps `yes` at the output limit, stops it early and keeps memory flat', async () => {
    const runner = new SandboxedCommandRunner({ allow: ['yes'], root: runDir(), maxOutputBytes: 4096 });
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const result = await runner.run({ name: 'flood', cmd: 'yes', args: [], timeoutMs: 20_000 });
    const elapsed = performance.now() - started;
    expect(result.stdout.length).toBe(4096);
    expect(result.truncated).toBe(true);
    expect(result.reason).toMatch(/stopped after \d+ bytes of output/);
    expect(result.timedOut).toBe(false);
    expect(elapsed).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('caps stdout and stderr each, whatever the chunking (huge lines, no newline)', async () => {
    const runner = new SandboxedCommandRunner({ allow: ['sh'], root: runDir(), maxOutputBytes: 1024 });
    const result = await runner.run({
      name: 'both',
      cmd: 'sh',
      args: ['-c', 'head -c 3000000 /dev/zero | tr "\\0" a; head -c 3000000 /dev/zero | tr "\\0" b >&2'],
      timeoutMs: 20_000,
    });
    expect(result.stdout.length).toBeLessThanOrEqual(1024);
    expect(result.stderr.length).toBeLessThanOrEqual(1024);
    expect(result.truncated).toBe(true);
  });
});

describe('sandbox: nothing outlives a command', () => {
  it('kills the whole process tree at the time limit (a bounded fork tree of 63 sleepers)', async () => {
    const marker = uniqueMarker();
    const [name, value] = marker.split('=') as [string, string];
    const runner = new SandboxedCommandRunner({ allow: ['sh'], root: runDir(), env: { [name]: value } });
    const started = performance.now();
    const result = await runner.run({
      name: 'forks',
      cmd: 'sh',
      args: ['-c', 'f(){ if [ "$1" -gt 0 ]; then f $(($1-1)) & f $(($1-1)) & fi; sleep 30; }; f 5'],
      timeoutMs: 1500,
    });
    expect(result.timedOut).toBe(true);
    expect(performance.now() - started).toBeLessThan(6000);
    expect(await eventually(() => alive(marker).length === 0)).toBe(true);
  });

  it('kills background children when the command itself exits, and returns at once', async () => {
    const marker = uniqueMarker();
    const [name, value] = marker.split('=') as [string, string];
    const runner = new SandboxedCommandRunner({ allow: ['sh'], root: runDir(), env: { [name]: value } });
    const started = performance.now();
    const result = await runner.run({
      name: 'bg',
      cmd: 'sh',
      // one child detached from the pipes, one that keeps stdout open
      args: ['-c', 'sleep 30 >/dev/null 2>&1 & (sleep 30; echo late) & echo started'],
      timeoutMs: 20_000,
    });
    expect(result).toMatchObject({ status: 'ran', exitCode: 0, timedOut: false, stdout: 'started\n' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await eventually(() => alive(marker).length === 0)).toBe(true);
  });

  it('kills a child that left the process group with setsid, and does not wait for its pipes', async () => {
    const marker = uniqueMarker();
    const [name, value] = marker.split('=') as [string, string];
    const runner = new SandboxedCommandRunner({ allow: ['sh'], root: runDir(), env: { [name]: value } });
    const started = performance.now();
    const result = await runner.run({
      name: 'escape',
      cmd: 'sh',
      args: ['-c', 'setsid sleep 30 & echo escaped'],
      timeoutMs: 20_000,
    });
    expect(result.stdout).toBe('escaped\n');
    expect(performance.now() - started).toBeLessThan(6000);
    expect(await eventually(() => alive(marker).length === 0)).toBe(true);
  });

  it('clamps absurd time limits instead of firing at once or never', async () => {
    const runner = new SandboxedCommandRunner({ allow: ['sh'], root: runDir() });
    for (const timeoutMs of [2 ** 40, Number.NaN, -5]) {
      const result = await runner.run({
        name: 't',
        cmd: 'sh',
        args: ['-c', 'sleep 0.2; echo done'],
        timeoutMs,
      });
      expect(result.stdout, `timeoutMs ${timeoutMs}`).toBe(timeoutMs === -5 ? '' : 'done\n');
    }
  });
});
