/** A target's selection mode, read. */
export type SelectionMode = { kind: 'ALL' } | { kind: 'COUNT'; n: number } | { kind: 'PERCENT'; n: number };

/** The reading of a selectionMode string: the mode, or why it is not one. */
export type SelectionModeReading =
  | { ok: true; mode: SelectionMode }
  | { ok: false; problem: string; suggestion?: string };

const GRAMMAR = /^(ALL|COUNT\((\d{1,9})\)|PERCENT\((\d{1,9})\))$/;
const LOOSE = /^\s*(all|count|percent)\s*(?:[(\s:=]\s*(-?\d+(?:\.\d+)?)\s*\)?)?\s*$/i;

/**
 * Reads `ALL`, `COUNT(n)` or `PERCENT(n)` (n ≥ 1; PERCENT n ≤ 100), as FIS writes them (T20).
 * Near misses (`all`, `count(2)`, `50%`, `COUNT(0)`) come back with a suggested fix.
 *
 * @example
 * readSelectionMode('COUNT(2)'); // { ok: true, mode: { kind: 'COUNT', n: 2 } }
 * readSelectionMode('50%');      // { ok: false, problem: …, suggestion: 'use PERCENT(50)' }
 */
export function readSelectionMode(text: string): SelectionModeReading {
  const match = GRAMMAR.exec(text);
  if (match) {
    if (match[1] === 'ALL') return { ok: true, mode: { kind: 'ALL' } };
    const kind = match[2] !== undefined ? 'COUNT' : 'PERCENT';
    const n = Number(match[2] ?? match[3]);
    if (n < 1) {
      return {
        ok: false,
        problem: `${kind}(${n}) selects nothing; n must be at least 1`,
        suggestion: `use ${kind}(1)`,
      };
    }
    if (kind === 'PERCENT' && n > 100) {
      return {
        ok: false,
        problem: `PERCENT(${n}) is more than 100 percent`,
        suggestion: 'use PERCENT(100) or ALL',
      };
    }
    return { ok: true, mode: { kind, n } };
  }
  const expected = 'expected ALL, COUNT(n) or PERCENT(n) with n a positive integer';
  const percent = /^\s*(\d{1,3})\s*%\s*$/.exec(text);
  if (percent) return { ok: false, problem: expected, suggestion: `use PERCENT(${Number(percent[1])})` };
  const loose = text.length <= 64 ? LOOSE.exec(text) : null;
  if (loose) {
    const kind = loose[1]!.toUpperCase();
    if (kind === 'ALL') return { ok: false, problem: expected, suggestion: 'use ALL' };
    const n = loose[2] === undefined ? Number.NaN : Number(loose[2]);
    if (Number.isInteger(n) && n >= 1 && (kind === 'COUNT' || n <= 100)) {
      return { ok: false, problem: expected, suggestion: `use ${kind}(${n})` };
    }
    return {
      ok: false,
      problem: `${expected}${kind === 'PERCENT' ? ' from 1 to 100' : ''}`,
      suggestion: `use ${kind}(1)`,
    };
  }
  return { ok: false, problem: expected };
}
