/**
 * A place in the input: its JSON Pointer (for tools) and a dotted label (for people), e.g.
 * `{ path: '/actions/stop/parameters/duration', label: 'actions.stop.parameters.duration' }`.
 */
export interface Location {
  readonly path: string;
  readonly label: string;
}

/** The document root. */
export const ROOT: Location = { path: '', label: '' };

/** Escapes one reference token of a JSON Pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Keys longer than this are shortened in labels (never in paths), so messages stay readable. */
const LABEL_KEY_LENGTH = 64;

/** The location of member `key` (a map key or an array index) under `parent`. */
export function child(parent: Location, key: string | number): Location {
  if (typeof key === 'number') {
    return { path: `${parent.path}/${key}`, label: `${parent.label}[${key}]` };
  }
  const shown = key.length > LABEL_KEY_LENGTH ? `${key.slice(0, LABEL_KEY_LENGTH - 1)}…` : key;
  return {
    path: `${parent.path}/${escapePointerToken(key)}`,
    label: parent.label ? `${parent.label}.${shown}` : shown,
  };
}

/** Splits a JSON Pointer into its unescaped reference tokens. `''` is the root (no tokens). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The value a JSON Pointer points at in `document`, or `undefined` when nothing is there. Only own
 * properties are followed, so `/__proto__` never reaches `Object.prototype`.
 *
 * @example
 * resolvePointer({ actions: { a: { actionId: 'aws:fis:wait' } } }, '/actions/a/actionId'); // 'aws:fis:wait'
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
