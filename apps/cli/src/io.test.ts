import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from './errors';
import { type CliIo, parseJsonInput, readInput } from './io';
import { colorEnabled } from './style';

const dir = mkdtempSync(join(tmpdir(), 'faultline-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(stdin: string[] = []): CliIo {
  return {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: (async function* () {
      yield* stdin;
    })(),
    env: {},
    cwd: dir,
  };
}

describe('readInput', () => {
  it('reads a file relative to the working directory, and stdin for "-"', async () => {
    writeFileSync(join(dir, 'f.json'), '{"a":1}');
    expect(await readInput(io(), 'f.json', 'finding', 'recommend')).toBe('{"a":1}');
    expect(await readInput(io(['{"b"', ':2}']), '-', 'finding', 'recommend')).toBe('{"b":2}');
  });

  it('names the file and the reason when it cannot be read', async () => {
    const missing = readInput(io(), 'missing.json', 'finding', 'recommend');
    await expect(missing).rejects.toBeInstanceOf(UsageError);
    await expect(missing).rejects.toThrow('cannot read finding missing.json: no such file');
    await expect(readInput(io(), '.', 'template', 'validate')).rejects.toThrow(
      'cannot read template .: is a directory, expected a file',
    );
    await expect(readInput(io(['  \n']), '-', 'finding', 'recommend')).rejects.toThrow(
      'finding on stdin is empty',
    );
  });
});

describe('parseJsonInput', () => {
  it('parses JSON', () => {
    expect(parseJsonInput('{"a":[1]}', 'x.json', 'recommend')).toEqual({ a: [1] });
  });

  it('says where bad JSON breaks, as line and column', () => {
    expect(() => parseJsonInput('{\n  "a": 1,\n  "b": oops\n}', 'x.json', 'recommend')).toThrow(
      "x.json is not valid JSON at line 3, column 8: unexpected token 'o'",
    );
    expect(() => parseJsonInput('{"a": 1', '-', 'recommend')).toThrow(/^stdin is not valid JSON/);
  });
});

describe('colorEnabled', () => {
  const tty = { write: () => true, isTTY: true };
  const pipe = { write: () => true, isTTY: false };

  it('colours a terminal only, and never with NO_COLOR or --no-color', () => {
    expect(colorEnabled(tty, {}, false)).toBe(true);
    expect(colorEnabled(pipe, {}, false)).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' }, false)).toBe(false);
    expect(colorEnabled(tty, {}, true)).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' }, false)).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '0' }, false)).toBe(false);
  });
});
