/** Longest excerpt quoted from a log line, in characters. */
export const MAX_EXCERPT_CHARS = 400;

const SECRET_ASSIGNMENT =
  /\b((?:[A-Za-z0-9_]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[A-Za-z0-9_]*)\s*[=:]\s*)("[^"]{0,512}"|'[^']{0,512}'|[^\s"',;]{1,512})/gi;
const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,2048}/g;
// C0 controls except tab, DEL, C1 controls, and bidirectional overrides: a quoted line cannot
// redraw a terminal or reorder the text around it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Masks credentials a log line may carry (passwords, tokens, AWS access keys). */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, '$1<redacted>')
    .replace(AWS_ACCESS_KEY, '<redacted-access-key>')
    .replace(BEARER, '$1<redacted>');
}

/**
 * Turns a log line into an excerpt that is safe to quote: control characters removed, secrets
 * masked, capped at {@link MAX_EXCERPT_CHARS} characters. The line stays data: it is never
 * interpreted, only quoted as evidence.
 */
export function quoteLine(line: string, max = MAX_EXCERPT_CHARS): string {
  const head = line.length > max * 4 ? line.slice(0, max * 4) : line;
  const clean = redactSecrets(head.replace(CONTROL, ' ')).trimEnd();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
