import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './errors';

/** A stream the CLI writes to. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything the CLI touches outside itself, injected so tests can run it in-process. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Standard input, read when a file argument is `-`. */
  stdin: AsyncIterable<string | Uint8Array>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Longest input read, so a wrong file (a log, a binary) fails fast. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** Reads a file argument, or standard input for `-`. Unreadable input is a {@link UsageError}. */
export async function readInput(io: CliIo, path: string, what: string, command: string): Promise<string> {
  if (path === '-') {
    let text = '';
    for await (const chunk of io.stdin) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (text.length > MAX_INPUT_BYTES) throw new UsageError(`${what} on stdin is over 10 MB`, command);
    }
    if (text.trim() === '') throw new UsageError(`${what} on stdin is empty`, command);
    return text;
  }
  try {
    const text = await readFile(resolve(io.cwd, path), 'utf8');
    if (text.length > MAX_INPUT_BYTES)
      throw new UsageError(`${path}: over 10 MB; is it the right file?`, command);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, expected a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`, command);
  }
}

/** Name of an input in messages: the path, or `stdin` for `-`. */
export function inputName(path: string): string {
  return path === '-' ? 'stdin' : path;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

/**
 * Where `JSON.parse` stopped, as line and column. V8 says "at position N" for some errors; for an
 * unexpected token it quotes up to 10 characters either side instead, which are found in the text.
 */
function location(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  const quoted = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!quoted) return '';
  const [, token, cutBefore, context] = quoted as unknown as [string, string, string | undefined, string];
  const start = text.indexOf(context);
  if (start < 0) return '';
  return lineAndColumn(text, start + (cutBefore ? 10 : Math.max(0, context.indexOf(token))));
}

/** Parses JSON text; bad JSON is a {@link UsageError} naming the source, line and column. */
export function parseJsonInput(text: string, source: string, command: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^(Unexpected token '.+?'), [\s\S]*$/, '$1')
      .replace(/^./, (c) => c.toLowerCase());
    throw new UsageError(
      `${inputName(source)} is not valid JSON${location(text, message)}: ${reason}`,
      command,
    );
  }
}
