import { compileUserRegex, testWithin, USER_REGEX_TIME_LIMIT_MS } from '../regex/user-regex';
import type { Evaluation } from './evaluation';

/** Longest answer text a guard reads; the rest is ignored (keeps regex time bounded). */
export const MAX_GUARD_INPUT = 100_000;

/**
 * Compiles a guard pattern: a leading `(?i)` means case-insensitive; invalid patterns, patterns over
 * 200 characters and nested quantifiers are refused (see `compileUserRegex`).
 */
export function compileGuard(pattern: string): RegExp {
  return compileUserRegex(pattern);
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
  // a time limit, whatever the pattern: a backtracking blow-up fails the guard instead of freezing the run
  const matched = testWithin(regex, text.slice(0, MAX_GUARD_INPUT));
  if (matched === 'timeout') {
    return {
      evaluator,
      score: 0,
      passed: false,
      reason: `/${guard.pattern}/ ran longer than ${USER_REGEX_TIME_LIMIT_MS} ms on the answer and was stopped (catastrophic backtracking); simplify the pattern`,
    };
  }
  const passed = guard.must === 'match' ? matched : !matched;
  return {
    evaluator,
    score: passed ? 1 : 0,
    passed,
    reason: `${matched ? 'matches' : 'does not match'} /${guard.pattern}/`,
  };
}
