import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Serialises a value to JSON with object keys sorted at every depth, so that the same data always
 * gives the same text whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= length) break;
  }
  return out;
}

/**
 * A stable identifier: `<prefix>_<16 characters of Crockford base32 of SHA-256>` over the canonical
 * JSON of `parts`. It is a pure function of its input, so the same problem seen twice, in two
 * processes or two versions, gets the same id. 16 base32 characters carry 80 bits.
 *
 * @example
 * stableId('rec', { findingId: 'fnd_x', actionId: 'aws:ec2:stop-instances' }); // 'rec_…'
 */
export function stableId(prefix: string, parts: unknown): string {
  if (!/^[a-z][a-z0-9]{1,11}$/.test(prefix)) {
    throw new TypeError(`stableId: prefix must be 2-12 lowercase letters or digits, got "${prefix}"`);
  }
  const digest = createHash('sha256').update(canonicalJson(parts)).digest();
  return `${prefix}_${base32(digest, 16)}`;
}

const VOLATILE: Array<[RegExp, string]> = [
  // ISO 8601 and syslog timestamps
  [/\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?/g, '<ts>'],
  [/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\b/g, '<ts>'],
  [/\b[iI]\d{4} \d{2}:\d{2}:\d{2}\.\d+\b/g, '<ts>'],
  // UUIDs, long hex ids, AWS resource ids with a hex suffix
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>'],
  [/\b[0-9a-f]{12,}\b/g, '<hex>'],
  // IPv4 addresses and numbers
  [/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, '<ip>'],
  [/\b\d+(?:\.\d+)?\b/g, '<n>'],
];

/**
 * Reduces an evidence excerpt to what identifies the problem: lowercased, with timestamps, ids,
 * addresses and numbers replaced by placeholders and white space folded, then hashed. Two log lines
 * that differ only in when they happened or which PID they name share a fingerprint.
 */
export function evidenceFingerprint(excerpt: string): string {
  let text = excerpt.toLowerCase();
  for (const [pattern, replacement] of VOLATILE) text = text.replace(pattern, replacement);
  text = text.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The stable id of a finding: `fnd_…` over the rule that fired, the resource it is about and the
 * fingerprint of its evidence. See docs/findings.md for the scheme.
 */
export function findingId(parts: { rule: string; resource?: string; evidence?: string }): string {
  return stableId('fnd', {
    rule: parts.rule,
    resource: parts.resource ?? '',
    evidence: parts.evidence === undefined ? '' : evidenceFingerprint(parts.evidence),
  });
}
