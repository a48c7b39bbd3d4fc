import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { RUN_ID_ENV } from '../runtime/process-tree';
import { unsafeArguments } from './argument-rules';
import type { CommandRequest, CommandResult, CommandRunner } from './command-runner';
import { compileDenyPatterns, DEFAULT_DENY_PATTERNS, deniedBy } from './deny-patterns';
import { resolveProgram } from './resolve-program';

/** Longest time limit a command can have: setTimeout fires at once past 2^31-1 ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Output read (and thrown away) past the cap before a flooding command is killed: 16 times the cap. */
const FLOOD_FACTOR = 16;
/** How long the streams may stay open after the command exited before they are closed. */
const CLOSE_GRACE_MS = 2000;
/** Marks the processes of one sandboxed command, so that those that left its process group (setsid) are found. */
const SANDBOX_ID_ENV = 'FAULTLINE_SANDBOX_ID';

/** Kills every process whose environment carries `marker` (Linux /proc; a no-op elsewhere). */
function killMarked(marker: string): void {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker))
        process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone, or not ours
    }
  }
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

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
  /** The only environment variables the command sees, besides PATH (and `FAULTLINE_RUN_ID` with `runId`). Default none. */
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
  /**
   * The run the commands belong to: given to them as `FAULTLINE_RUN_ID` (no secret), so that
   * `recover` and the run's reaper find a command a killed engine left running.
   */
  runId?: string;
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
    if (typeof request.cmd !== 'string' || request.cmd.length === 0) return 'the command has no program';
    if (!Array.isArray(request.args) || request.args.some((a) => typeof a !== 'string'))
      return 'the arguments must be a list of strings';
    if ([request.cmd, ...request.args].some((a) => a.includes('\0')))
      return 'the command or an argument contains a NUL byte';
    // exact match only: `./kubectl`, `/tmp/evil/kubectl` or `bin/kubectl` are not `kubectl`
    const allowed = this.options.allow.includes(request.cmd);
    if (!allowed)
      return `"${request.cmd}" is not in the allow-list (${this.options.allow.join(', ') || 'empty'})`;
    const unsafe = unsafeArguments(request.cmd, request.args);
    if (unsafe) return `refused: ${unsafe}`;
    const line = [request.cmd, ...request.args].join(' ');
    const denied = deniedBy(line, this.deny);
    if (denied?.timedOut)
      return `deny pattern ${denied.pattern.source} ran out of time on this command line; refused to be safe`;
    if (denied) return `matches deny pattern ${denied.pattern.source}`;
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
    // A bare name runs the program of that name on the sandbox's PATH (absolute folders only), never
    // one found through a PATH the command's own environment sets.
    const searchPath = this.options.path ?? process.env.PATH ?? '/usr/bin:/bin';
    const program = request.cmd.includes('/') ? request.cmd : resolveProgram(request.cmd, searchPath);
    if (!program) {
      return {
        ...base,
        status: 'failed',
        reason: `"${request.cmd}" was not found on the sandbox PATH`,
        durationMs: now() - startedAt,
      };
    }
    mkdirSync(this.cwd, { recursive: true });
    const cap = this.options.maxOutputBytes ?? 65_536;
    const requested = request.timeoutMs ?? this.options.timeoutMs ?? 30_000;
    const timeoutMs = Number.isFinite(requested) ? Math.min(Math.max(1, requested), MAX_TIMEOUT_MS) : 30_000;
    const marker = `${SANDBOX_ID_ENV}=${randomBytes(8).toString('hex')}`;
    return new Promise<CommandResult>((done) => {
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(program, [...request.args], {
          cwd: this.cwd,
          env: {
            PATH: searchPath,
            ...(this.options.env ?? {}),
            ...(this.options.runId !== undefined && { [RUN_ID_ENV]: this.options.runId }),
            [SANDBOX_ID_ENV]: marker.slice(SANDBOX_ID_ENV.length + 1),
          },
          argv0: request.cmd,
          shell: false,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        done({ ...base, status: 'failed', reason: (error as Error).message, durationMs: now() - startedAt });
        return;
      }
      const out = {
        stdout: [] as Buffer[],
        stderr: [] as Buffer[],
        kept: { stdout: 0, stderr: 0 },
        seen: 0,
        truncated: false,
        flooded: false,
      };
      let finished = false;
      let timedOut = false;
      /** Kills what the command left: its process group, then anything that left the group but kept its marker. */
      const reap = () => {
        killGroup(child.pid);
        killMarked(marker);
      };
      const collect = (key: 'stdout' | 'stderr') => (chunk: Buffer) => {
        out.seen += chunk.length;
        const room = cap - out.kept[key];
        if (chunk.length > room) out.truncated = true;
        if (room > 0) {
          const kept = chunk.subarray(0, room);
          out[key].push(kept);
          out.kept[key] += kept.length;
        }
        // an output flood (`yes`) is stopped, not drained until the time limit
        if (out.seen > cap * FLOOD_FACTOR && !out.flooded) {
          out.flooded = true;
          reap();
        }
      };
      child.stdout?.on('data', collect('stdout'));
      child.stderr?.on('data', collect('stderr'));
      const timer = setTimeout(() => {
        timedOut = true;
        reap();
        child.kill('SIGKILL');
      }, timeoutMs);
      let grace: NodeJS.Timeout | undefined;
      const finish = (result: CommandResult) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        clearTimeout(grace);
        reap();
        done(result);
      };
      child.on('error', (error) => {
        finish({ ...base, status: 'failed', reason: error.message, durationMs: now() - startedAt });
      });
      child.on('exit', () => {
        // Nothing a command started may outlive it. A process that escaped the group and holds the
        // pipes open cannot keep the run waiting either: the streams are closed after a grace period.
        reap();
        grace = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, CLOSE_GRACE_MS);
      });
      child.on('close', (code, signal) => {
        finish({
          ...base,
          status: 'ran',
          exitCode: code,
          signal,
          stdout: Buffer.concat(out.stdout).toString('utf8'),
          stderr: Buffer.concat(out.stderr).toString('utf8'),
          durationMs: now() - startedAt,
          timedOut,
          truncated: out.truncated,
          ...(out.flooded && {
            reason: `stopped after ${out.seen} bytes of output (over ${FLOOD_FACTOR} times the ${cap}-byte cap)`,
          }),
        });
      });
    });
  }
}
