/** Lower-case word tokens of a text (letters, digits, -, _ and . inside words). */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9][a-z0-9_.-]*[a-z0-9]|[a-z0-9]/g) ?? [];
}

/** True when `text` mentions `term` (case-insensitive, at word boundaries). */
export function mentions(text: string, term: string): boolean {
  const escaped = term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text.toLowerCase());
}
