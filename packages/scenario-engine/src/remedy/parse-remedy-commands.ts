import { extractJson } from '../evaluate/json-schema';
import type { CommandRequest } from './command-runner';

/** Splits one command line into argv (whitespace, with '…' and "…" quoting); no shell expansion. */
export function splitArgv(line: string): string[] {
  const out: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/**
 * The commands an assistant proposed: `{"commands": [{"cmd", "args"}]}` in its answer, else the
 * lines of its first fenced code block (`$ ` prompts removed). Shell operators make a line unusable.
 */
export function parseRemedyCommands(text: string): { commands: CommandRequest[]; rejected: string[] } {
  const json = extractJson(text) as
    | { commands?: Array<{ name?: string; cmd?: unknown; args?: unknown }> }
    | undefined;
  const rejected: string[] = [];
  if (json && Array.isArray(json.commands)) {
    const commands = json.commands
      .filter((c) => typeof c.cmd === 'string')
      .map((c, i) => ({
        // an assistant's JSON is untrusted: a name that is not text becomes the default
        name: typeof c.name === 'string' && c.name.length > 0 ? c.name : `assistant-${i + 1}`,
        cmd: c.cmd as string,
        args: Array.isArray(c.args) ? c.args.map(String) : [],
      }));
    return { commands, rejected };
  }
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const commands: CommandRequest[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.replace(/^\s*\$\s*/, '').trim();
    if (!line || line.startsWith('#')) continue;
    if (/[|;&><`]|\$\(/.test(line)) {
      rejected.push(line);
      continue;
    }
    const [cmd, ...args] = splitArgv(line);
    if (cmd) commands.push({ name: `assistant-${commands.length + 1}`, cmd, args });
  }
  return { commands, rejected };
}
