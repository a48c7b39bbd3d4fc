/**
 * Placeholders are written the way AWS's own published FIS templates write them: `<YOUR ...>` in
 * capitals. They are easy to spot, and the validator reports any that remain.
 */
export const PLACEHOLDER = /<YOUR [A-Z0-9 ,.'()_=-]+>/g;

/** A placeholder for something the user must fill in. */
export function placeholder(what: string): string {
  return `<YOUR ${what.toUpperCase()}>`;
}

/** The distinct placeholders in a value (string, array or object, searched deeply). */
export function findPlaceholders(value: unknown, found: Set<string> = new Set()): string[] {
  if (typeof value === 'string') {
    for (const match of value.matchAll(PLACEHOLDER)) found.add(match[0]);
  } else if (Array.isArray(value)) {
    for (const item of value) findPlaceholders(item, found);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) findPlaceholders(item, found);
  }
  return [...found];
}
