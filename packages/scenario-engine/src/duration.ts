const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest duration a scenario may give: the longest delay a Node.js timer accepts (2^31 - 1 ms, about 24.8 days). */
export const MAX_DURATION_MS = 2 ** 31 - 1;

/** The pattern a duration string must match: a number and one of ms, s, m, h (e.g. `500ms`, `2.5s`). */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;

/**
 * Converts a scenario duration (milliseconds as a number, or text such as `500ms`, `3s`, `1m`) to
 * milliseconds. Returns `undefined` for `undefined`.
 *
 * @example
 * toMs('2.5s'); // 2500
 */
export function toMs(value: number | string): number;
export function toMs(value: number | string | undefined): number | undefined;
export function toMs(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) throw new TypeError(`not a duration: "${value}" (expected e.g. 500ms, 3s, 1m)`);
  return Math.round(Number(match[1]) * (UNITS[match[2] as string] as number));
}
