import type { Evaluation } from './evaluation';

/** Longest answer text a guard reads; the rest is ignored (keeps regex time bounded). */
export const MAX_GUARD_INPUT = 100_000;

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

/** Compiles a guard pattern: a leading `(?i)` means case-insensitive; nested quantifiers are refused. */
export function compileGuard(pattern: string): RegExp {
  if (pattern.length > 200) throw new TypeError('guard pattern longer than 200 characters');
  if (NESTED_QUANTIFIER.test(pattern))
    throw new TypeError(`guard pattern /${pattern}/ has a nested quantifier (catastrophic backtracking)`);
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
}

/** A regular-expression guard over the answer: it must (or must not) match. */
export function evaluateRegexGuard(
  text: string,
  guard: { pattern: string; must: 'match' | 'not_match' },
): Evaluation {
  const evaluator = `regex:${guard.must}:${guard.pattern}`;
  let regex: RegExp;
  try {
    regex = compileGuard(guard.pattern);
  } catch (error) {
    return { evaluator, score: 0, passed: false, reason: (error as Error).message };
  }
  const matched = regex.test(text.slice(0, MAX_GUARD_INPUT));
  const passed = guard.must === 'match' ? matched : !matched;
  return {
    evaluator,
    score: passed ? 1 : 0,
    passed,
    reason: `${matched ? 'matches' : 'does not match'} /${guard.pattern}/`,
  };
}
