import { StringDecoder } from 'node:string_decoder';

/** Longest line handed to the rules, in characters; the rest of a longer line is skipped. */
export const MAX_LINE_CHARS = 16 * 1024;

/** What {@link forEachLine} saw. */
export interface LineReadResult {
  /** Lines read (including a last line without a newline). */
  lines: number;
  /** Lines longer than the cap, handed over truncated. */
  truncatedLines: number;
  /** True when `onLine` returned `false` and reading stopped early. */
  stopped: boolean;
}

/**
 * Bytes decoded at a time. A decoded chunk above V8's large-object size (128 KiB) is allocated
 * straight in the old generation, where chunks pile up until a full collection: peak memory then
 * grew with the size of the bundle. Smaller pieces die young, and memory stays flat.
 */
const PIECE_BYTES = 64 * 1024;

/** `chunk` in pieces of at most {@link PIECE_BYTES}, without copying. */
function* pieces(chunk: Uint8Array | string): Generator<Uint8Array | string> {
  if (typeof chunk === 'string' || chunk.length <= PIECE_BYTES) {
    yield chunk;
    return;
  }
  for (let at = 0; at < chunk.length; at += PIECE_BYTES) yield chunk.subarray(at, at + PIECE_BYTES);
}

/**
 * Splits a stream of bytes into lines and calls `onLine` for each, with its 1-based number.
 * Memory stays flat whatever the size: only the current line is held, capped at `maxLineChars`
 * (longer lines are cut, and the rest of them is skipped without being buffered). Return `false`
 * from `onLine` to stop early.
 */
export async function forEachLine(
  source: AsyncIterable<Uint8Array | string>,
  onLine: (line: string, lineNumber: number) => boolean | undefined,
  maxLineChars = MAX_LINE_CHARS,
): Promise<LineReadResult> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false;
  let lines = 0;
  let truncatedLines = 0;
  const emit = (raw: string): boolean => {
    lines += 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    return onLine(line, lines) !== false;
  };
  for await (const whole of source) {
    for (const chunk of pieces(whole)) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let start = 0;
      for (;;) {
        const newline = text.indexOf('\n', start);
        if (newline === -1) {
          if (!skipping) {
            carry += text.slice(start);
            if (carry.length > maxLineChars) {
              carry = carry.slice(0, maxLineChars);
              skipping = true;
              truncatedLines += 1;
            }
          }
          break;
        }
        let line: string;
        if (skipping) {
          line = carry;
        } else {
          line = carry + text.slice(start, newline);
          if (line.length > maxLineChars) {
            line = line.slice(0, maxLineChars);
            truncatedLines += 1;
          }
        }
        carry = '';
        skipping = false;
        start = newline + 1;
        if (!emit(line)) return { lines, truncatedLines, stopped: true };
      }
    }
  }
  const rest = skipping ? carry : carry + decoder.end();
  if (rest.length > 0 && !emit(rest.slice(0, maxLineChars))) {
    return { lines, truncatedLines, stopped: true };
  }
  return { lines, truncatedLines, stopped: false };
}
