import { type Context, createContext, Script } from 'node:vm';

/**
 * Longest a user regular expression may run on one input, in ms. Regular expressions in scenario
 * files (guards, probe `body_regex`, sandbox `deny_patterns`) run on JavaScript's backtracking
 * engine, where a pattern such as `(a|aa)*b` takes exponential time: the limit bounds what one
 * match can cost, whatever the pattern.
 */
export const USER_REGEX_TIME_LIMIT_MS = 200;

/** Longest user pattern, in characters (the scenario schema's limit). */
export const MAX_USER_PATTERN_LENGTH = 200;

/**
 * A group holding a quantifier that is itself quantified (`(a+)+`, `(?:\w*)*`, `(.*a){20}`): the
 * classic shape of catastrophic backtracking, refused up front so the author hears of it when the
 * scenario is validated. Other slow shapes (`(a|aa)*b`) are caught by the time limit.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

/** Why a user pattern is refused, or undefined when it compiles and has no nested quantifier. */
export function userRegexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_USER_PATTERN_LENGTH) return `longer than ${MAX_USER_PATTERN_LENGTH} characters`;
  if (NESTED_QUANTIFIER.test(pattern))
    return `/${pattern}/ has a nested quantifier, which can take exponential time (catastrophic backtracking); write it without repeating a repeated group`;
  try {
    toRegExp(pattern);
  } catch (error) {
    return `/${pattern}/ is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  return undefined;
}

function toRegExp(pattern: string): RegExp {
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
}

/**
 * Compiles a pattern from a scenario file: a leading `(?i)` (Python style) makes it
 * case-insensitive. Throws a TypeError that says why for an invalid, overlong or nested-quantifier pattern.
 */
export function compileUserRegex(pattern: string): RegExp {
  const problem = userRegexProblem(pattern);
  if (problem) throw new TypeError(problem);
  return toRegExp(pattern);
}

let context: Context | undefined;
let script: Script | undefined;

/**
 * `regex.test(text)` with a time limit: true or false, or `'timeout'` when the match ran longer than
 * `timeoutMs` (V8 interrupts the backtracking; the process stays responsive). Costs about 50 µs
 * more than a plain `test`, so it is for user patterns, not hot loops.
 */
export function testWithin(
  regex: RegExp,
  text: string,
  timeoutMs: number = USER_REGEX_TIME_LIMIT_MS,
): boolean | 'timeout' {
  context ??= createContext(Object.create(null));
  script ??= new Script('regex.lastIndex = 0; regex.test(text)');
  context.regex = regex;
  context.text = text;
  try {
    return script.runInContext(context, { timeout: timeoutMs }) === true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw error;
  } finally {
    context.regex = undefined;
    context.text = undefined;
  }
}
