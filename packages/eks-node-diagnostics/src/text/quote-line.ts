/** Longest excerpt quoted from a log line, in characters. */
export const MAX_EXCERPT_CHARS = 400;

// `key=value`, `key: value`, and JSON's `"key": "value"` (the quote closing the key name), with a
// kubeconfig's `client-key-data` (the node's private key, base64) among the keys
const SECRET_ASSIGNMENT =
  /\b((?:[A-Za-z0-9_]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[A-Za-z0-9_]*|client-key-data)["']?\s*[=:]\s*)("[^"]{0,512}"|'[^']{0,512}'|[^\s"',;]{1,512})/gi;
// an environment variable as a pod spec or `ctr container info` lists it: {"name": "DB_PASSWORD", "value": "…"}
const SECRET_ENV_PAIR =
  /("name"\s*:\s*"[A-Za-z0-9_]*(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[A-Za-z0-9_]*"\s*,\s*"value"\s*:\s*)"[^"]{0,2048}"/gi;
const AWS_ACCESS_KEY = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,2048}/g;
const BASIC = /\b(Basic\s+)[A-Za-z0-9+/=]{8,2048}/g;
// a JSON Web Token anywhere (a kubelet or IRSA token in a log line), with or without "Bearer"
const JWT = /\beyJ[A-Za-z0-9_-]{8,2048}\.[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{0,2048}/g;
// credentials in a URL: scheme://user:password@host
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/:@]{1,256}:[^\s/@]{1,256}@/gi;
// a command-line flag followed by its value: --password hunter2, --token abc
const SECRET_FLAG =
  /(--?[A-Za-z0-9_-]{0,32}(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)[A-Za-z0-9_-]{0,32}\s+)([^\s"'-][^\s"']{0,511})/gi;
const PRIVATE_KEY =
  /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]{0,8192}?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g;
// C0 controls except tab, DEL, C1 controls, and bidirectional overrides: a quoted line cannot
// redraw a terminal or reorder the text around it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Masks credentials a log line may carry: `password=`, `token:`, `api_key=`… assignments (JSON
 * keys included), a kubeconfig's `client-key-data`, `{"name": "…_SECRET…", "value": …}` environment
 * pairs and `--password value` flags, AWS access key ids, Bearer and Basic credentials, JSON Web
 * Tokens, `user:password@` in URLs and private key blocks.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(PRIVATE_KEY, '<redacted-private-key>')
    .replace(JWT, '<redacted-jwt>')
    .replace(SECRET_ENV_PAIR, '$1"<redacted>"')
    .replace(SECRET_ASSIGNMENT, '$1<redacted>')
    .replace(SECRET_FLAG, '$1<redacted>')
    .replace(AWS_ACCESS_KEY, '<redacted-access-key>')
    .replace(BEARER, '$1<redacted>')
    .replace(BASIC, '$1<redacted>')
    .replace(URL_USERINFO, '$1<redacted>@');
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. A line read from a
 * bundle is a slice of the 256 KiB chunk it arrived in, and V8 keeps the whole chunk alive for as
 * long as any slice of it lives: what an analysis keeps from a line (an excerpt, a subject, a
 * version) must be a copy, or memory grows with the bundle.
 */
export function detach(text: string): string {
  // V8 copies strings shorter than 13 characters instead of slicing them.
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Turns a log line into an excerpt that is safe to quote: control characters removed, secrets
 * masked, capped at {@link MAX_EXCERPT_CHARS} characters. The line stays data: it is never
 * interpreted, only quoted as evidence. The excerpt is a copy (see {@link detach}), safe to keep.
 */
export function quoteLine(line: string, max = MAX_EXCERPT_CHARS): string {
  const head = line.length > max * 4 ? line.slice(0, max * 4) : line;
  const clean = redactSecrets(head.replace(CONTROL, ' ')).trimEnd();
  return detach(clean.length > max ? `${clean.slice(0, max - 1)}…` : clean);
}
