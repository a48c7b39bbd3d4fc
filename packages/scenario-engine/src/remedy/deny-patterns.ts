import { compileUserRegex, testWithin } from '../regex/user-regex';

/**
 * Command lines the sandbox always refuses, whatever the allow-list says: the seed's `.*rm -rf.*`
 * and other well-known destructive or escape patterns. Matched against `cmd args…` joined by spaces.
 */
export const DEFAULT_DENY_PATTERNS: readonly string[] = [
  '.*rm -rf.*',
  '.*rm -fr.*',
  '.*\\bmkfs\\b.*',
  '.*\\bdd\\s+if=.*',
  '.*\\b(shutdown|reboot|halt|poweroff)\\b.*',
  '.*:\\(\\)\\s*\\{.*',
  '.*\\|\\s*(ba|z)?sh\\b.*',
  '.*chmod\\s+-R\\s+777\\s+/.*',
  '.*>\\s*/dev/sd.*',
  '.*\\bsudo\\b.*',
];

const MAX_LINE = 8192;

/**
 * Compiles deny patterns; a leading `(?i)` (Python style) makes one case-insensitive. Invalid
 * patterns and nested quantifiers are refused with a TypeError that says why (see `compileUserRegex`).
 */
export function compileDenyPatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => compileUserRegex(p));
}

/**
 * The first deny pattern that matches the command line, or undefined. Each match has a time limit;
 * a pattern that runs out of time denies the command (fail closed) with `timedOut`.
 */
export function deniedBy(
  line: string,
  patterns: readonly RegExp[],
): { pattern: RegExp; timedOut: boolean } | undefined {
  const bounded = line.slice(0, MAX_LINE);
  for (const pattern of patterns) {
    const matched = testWithin(pattern, bounded);
    if (matched) return { pattern, timedOut: matched === 'timeout' };
  }
  return undefined;
}
