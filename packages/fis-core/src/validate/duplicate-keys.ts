import { ValidationIssueCode as Code } from './codes';
import type { ValidationContext } from './context';
import { child, escapePointerToken, type Location, parsePointer, ROOT } from './json-pointer';

/** A key written more than once in one object: JSON and YAML readers keep the last value silently. */
export interface DuplicateKey {
  key: string;
  /** JSON Pointer of the member (whose value is the last one written). */
  path: string;
  /** 1-based line of every occurrence, in order. */
  lines: number[];
}

/** At most this many duplicate keys are reported. */
export const MAX_DUPLICATE_KEYS = 100;

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

interface Frame {
  object: boolean;
  path: string;
  keys: Map<string, number[]>;
  expectKey: boolean;
  key?: string;
  index: number;
}

function childPath(frame: Frame | undefined): string {
  if (!frame) return '';
  return frame.object
    ? `${frame.path}/${escapePointerToken(frame.key ?? '')}`
    : `${frame.path}/${frame.index}`;
}

function collect(frame: Frame, out: DuplicateKey[]): void {
  for (const [key, lines] of frame.keys) {
    if (lines.length > 1 && out.length < MAX_DUPLICATE_KEYS) {
      out.push({ key, path: `${frame.path}/${escapePointerToken(key)}`, lines });
    }
  }
}

/**
 * The keys written more than once in the same object of JSON text, with their lines. `JSON.parse`
 * keeps the last value without a word, so a template with two `"duration"` keys is read with only
 * one of them. Expects text that `JSON.parse` accepts; anything else gives no result.
 *
 * @example
 * findDuplicateJsonKeys('{\n "a": 1,\n "a": 2\n}'); // [{ key: 'a', path: '/a', lines: [2, 3] }]
 */
export function findDuplicateJsonKeys(text: string): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    else if (c === QUOTE) {
      let end = i + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) return [];
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        end++;
      }
      const top = stack.at(-1);
      if (top?.object && top.expectKey) {
        let key = text.slice(i + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            return [];
          }
        }
        const seen = top.keys.get(key);
        if (seen) seen.push(line);
        else top.keys.set(key, [line]);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const parent = stack.at(-1);
      stack.push({
        object: c === OPEN_BRACE,
        path: childPath(parent),
        keys: new Map(),
        expectKey: true,
        index: 0,
      });
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const frame = stack.pop();
      if (frame?.object) collect(frame, out);
    } else if (c === COMMA) {
      const top = stack.at(-1);
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return out;
}

function lines(numbers: readonly number[]): string {
  return numbers.length === 2
    ? `lines ${numbers[0]} and ${numbers[1]}`
    : `lines ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}

/** Warns about each duplicate key, naming it and its lines: which value is read, and which are not. */
export function reportDuplicateKeys(ctx: ValidationContext, duplicates: readonly DuplicateKey[]): void {
  for (const duplicate of duplicates) {
    const at: Location = parsePointer(duplicate.path).reduce<Location>(
      (loc, token) => child(loc, /^(0|[1-9]\d*)$/.test(token) ? Number(token) : token),
      ROOT,
    );
    const last = duplicate.lines.at(-1);
    ctx.warn(
      Code.DuplicateKey,
      at,
      `${at.label} is written ${duplicate.lines.length} times in the same object (${lines(duplicate.lines)}); only the last one (line ${last}) is read, the others are silently ignored.`,
      { suggestion: `keep one ${JSON.stringify(duplicate.key)} key` },
    );
  }
}
