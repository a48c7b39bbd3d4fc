import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CommandRequest, CommandResult, CommandRunner } from './command-runner';
import { compileDenyPatterns, DEFAULT_DENY_PATTERNS, deniedBy } from './deny-patterns';

/** Options of {@link SandboxedCommandRunner}. */
export interface SandboxOptions {
  /** Programs that may run: a bare name matches that name; an absolute path matches only itself. */
  allow: readonly string[];
  /** Extra deny patterns (regular expressions), added to {@link DEFAULT_DENY_PATTERNS}. */
  denyPatterns?: readonly string[];
  /** Default time limit in ms. Default 30000. */
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each. Default 65536. */
  maxOutputBytes?: number;
  /** The only environment variables the command sees, besides PATH. Default none. */
  env?: Readonly<Record<string, string>>;
  /** The run folder; commands run in `cwd`, which must be inside it. */
  root: string;
  /** Working directory, relative to `root` or absolute inside it. Default `root`. */
  cwd?: string;
  /** Print what would run instead of running it. Default false. */
  dryRun?: boolean;
  /** Called with each line a dry run prints. Default: none. */
  print?: (line: string) => void;
  /** PATH given to commands. Default: the engine's own PATH. */
  path?: string;
  now?: () => number;
}

/**
 * Runs commands with no shell: argv only, an allow-list of programs, deny patterns, a time limit
 * (the whole process group is killed), capped output, a scrubbed environment and a working
 * directory inside the run folder. Refusals are results with `status: 'denied'`, not exceptions.
 *
 * @example
 * const runner = new SandboxedCommandRunner({ allow: ['echo'], root: runDir });
 * const result = await runner.run({ name: 'hello', cmd: 'echo', args: ['hi'] });
 */
export class SandboxedCommandRunner implements CommandRunner {
  private readonly deny: RegExp[];
  private readonly cwd: string;

  constructor(private readonly options: SandboxOptions) {
    this.deny = compileDenyPatterns([...DEFAULT_DENY_PATTERNS, ...(options.denyPatterns ?? [])]);
    this.cwd = resolve(options.root, options.cwd ?? '.');
    const rel = relative(resolve(options.root), this.cwd);
    if (rel.startsWith('..') || isAbsolute(rel))
      throw new TypeError(`cwd ${this.cwd} is outside the run folder ${options.root}`);
  }

  /** Why a command would be refused, or undefined when it may run. */
  check(request: CommandRequest): string | undefined {
    const allowed = this.options.allow.some((a) =>
      isAbsolute(a) || request.cmd.includes('/') ? a === request.cmd : a === request.cmd,
    );
    if (!allowed)
      return `"${request.cmd}" is not in the allow-list (${this.options.allow.join(', ') || 'empty'})`;
    const line = [request.cmd, ...request.args].join(' ');
    const pattern = deniedBy(line, this.deny);
    if (pattern) return `matches deny pattern ${pattern.source}`;
    return undefined;
  }

  async run(request: CommandRequest): Promise<CommandResult> {
    const now = this.options.now ?? Date.now;
    const startedAt = now();
    const base = {
      name: request.name,
      cmd: request.cmd,
      args: [...request.args],
      exitCode: null,
      signal: null,
      stdout: '',
      stderr: '',
      startedAt,
      durationMs: 0,
      timedOut: false,
      truncated: false,
    };
    const reason = this.check(request);
    if (reason) return { ...base, status: 'denied', reason };
    if (this.options.dryRun) {
      this.options.print?.(`would run (cwd ${this.cwd}): ${JSON.stringify([request.cmd, ...request.args])}`);
      return { ...base, status: 'dry-run' };
    }
    mkdirSync(this.cwd, { recursive: true });
    const cap = this.options.maxOutputBytes ?? 65_536;
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    return new Promise<CommandResult>((done) => {
      const child = spawn(request.cmd, [...request.args], {
        cwd: this.cwd,
        env: { PATH: this.options.path ?? process.env.PATH ?? '/usr/bin:/bin', ...(this.options.env ?? {}) },
        shell: false,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), truncated: false };
      const collect = (key: 'stdout' | 'stderr') => (chunk: Buffer) => {
        const room = cap - out[key].length;
        if (room <= 0) {
          out.truncated = true;
          return;
        }
        if (chunk.length > room) out.truncated = true;
        out[key] = Buffer.concat([out[key], chunk.subarray(0, room)]);
      };
      child.stdout.on('data', collect('stdout'));
      child.stderr.on('data', collect('stderr'));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        done({ ...base, status: 'failed', reason: error.message, durationMs: now() - startedAt });
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        done({
          ...base,
          status: 'ran',
          exitCode: code,
          signal,
          stdout: out.stdout.toString('utf8'),
          stderr: out.stderr.toString('utf8'),
          durationMs: now() - startedAt,
          timedOut,
          truncated: out.truncated,
        });
      });
    });
  }
}
