/** Longest input we compare; longer strings are not typos of a short name. */
const MAX_INPUT_LENGTH = 200;

/**
 * Optimal-string-alignment (restricted Damerau–Levenshtein) distance: insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1. Stops early and returns
 * `limit + 1` once the distance must exceed `limit`.
 *
 * @example
 * editDistance('aws:ec2:stop-instance', 'aws:ec2:stop-instances'); // 1
 * editDistance('Instnaces', 'Instances'); // 1 (one swap)
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let previous2 = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, previous2[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[n]!;
}

/** Options of {@link closestMatch}. */
export interface ClosestMatchOptions {
  /** Largest distance still worth suggesting. Default: a third of the input's length, at least 1, at most 6. */
  maxDistance?: number;
}

/**
 * The candidate the input most likely misspells, or `undefined`. An exact match ignoring case, a
 * single candidate that ends with `:input` (a missing prefix such as `aws:ec2:`), or a single
 * candidate that starts with the input (`single` → `single-account`) wins outright;
 * otherwise the nearest candidate by {@link editDistance} within the limit (first one on ties).
 *
 * @example
 * closestMatch('aws:ec2:stop-instance', ['aws:ec2:stop-instances', 'aws:ec2:reboot-instances']); // 'aws:ec2:stop-instances'
 */
export function closestMatch(
  input: string,
  candidates: Iterable<string>,
  options: ClosestMatchOptions = {},
): string | undefined {
  if (input.length === 0 || input.length > MAX_INPUT_LENGTH) return undefined;
  const list = [...candidates];
  const lower = input.trim().toLowerCase();
  const caseInsensitive = list.find((c) => c.toLowerCase() === lower);
  if (caseInsensitive !== undefined && caseInsensitive !== input) return caseInsensitive;
  const suffixMatches = list.filter((c) => c.toLowerCase().endsWith(`:${lower}`));
  if (suffixMatches.length === 1) return suffixMatches[0];
  if (lower.length >= 3) {
    const prefixMatches = list.filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixMatches.length === 1) return prefixMatches[0];
  }
  const limit = options.maxDistance ?? Math.min(6, Math.max(1, Math.floor(input.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of list) {
    if (candidate === input) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `did you mean x?` for the closest candidate, or `undefined` when nothing is close. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : `did you mean ${match}?`;
}
