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

/** Compiles deny patterns; a leading `(?i)` (Python style) makes one case-insensitive. */
export function compileDenyPatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => (p.startsWith('(?i)') ? new RegExp(p.slice(4), 'i') : new RegExp(p)));
}

/** The first deny pattern that matches the command line, or undefined. */
export function deniedBy(line: string, patterns: readonly RegExp[]): RegExp | undefined {
  const bounded = line.slice(0, MAX_LINE);
  return patterns.find((p) => p.test(bounded));
}
