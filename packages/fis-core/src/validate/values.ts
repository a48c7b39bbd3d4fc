/** A plain object (not null, not an array). */
export type RecordValue = Record<string, unknown>;

/** True for a plain object: not null, not an array. */
export function isRecord(value: unknown): value is RecordValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The own property `key` of `object`, never one inherited through the prototype chain. */
export function own(object: RecordValue, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** True when `object` has an own property `key`. */
export function has(object: RecordValue, key: string): boolean {
  return Object.hasOwn(object, key);
}

/** How a value reads in a message: JSON type names and short quoted strings. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** A string in double quotes, cut to at most `max` characters so huge values do not flood messages. */
export function quote(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return JSON.stringify(shown);
}

/** `a`, `a or b`, `a, b or c`. */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * Most entries of one map or list that are checked one by one. FIS quotas keep real templates far
 * below this (20 actions, 50 tags, 5 ARNs); beyond it the count is reported and the rest skipped,
 * so huge inputs still validate quickly.
 */
export const MAX_ENTRIES = 1000;

/** The first {@link MAX_ENTRIES} items. */
export function firstEntries<T>(items: readonly T[]): readonly T[] {
  return items.length > MAX_ENTRIES ? items.slice(0, MAX_ENTRIES) : items;
}
