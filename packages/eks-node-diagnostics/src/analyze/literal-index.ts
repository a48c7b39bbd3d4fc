const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds which values' literals a line contains, with one regular expression over the line instead
 * of one `includes` per literal: a line that holds none of them (nearly every line of a busy log)
 * costs a single scan. Same answer as testing `literals.some((l) => line.includes(l))` per value.
 */
export class LiteralIndex<T> {
  private readonly scan: RegExp | undefined;
  /** Literals by their first UTF-16 code unit, each with the values that name it. */
  private readonly byFirst = new Map<number, Array<{ literal: string; values: T[] }>>();
  /** Values with an empty literal: every line contains it. */
  private readonly always: T[] = [];

  constructor(entries: ReadonlyArray<{ literals: readonly string[]; value: T }>) {
    const byLiteral = new Map<string, T[]>();
    for (const { literals, value } of entries) {
      for (const literal of new Set(literals)) {
        if (literal === '') {
          if (!this.always.includes(value)) this.always.push(value);
          continue;
        }
        const values = byLiteral.get(literal) ?? [];
        values.push(value);
        byLiteral.set(literal, values);
      }
    }
    for (const [literal, values] of byLiteral) {
      const first = literal.charCodeAt(0);
      const group = this.byFirst.get(first) ?? [];
      group.push({ literal, values });
      this.byFirst.set(first, group);
    }
    if (byLiteral.size > 0) {
      this.scan = new RegExp([...byLiteral.keys()].map(escapeRegExp).join('|'), 'g');
    }
  }

  /** The values with a literal in `line`, each once; undefined when there are none. */
  match(line: string): Set<T> | undefined {
    let found: Set<T> | undefined = this.always.length > 0 ? new Set(this.always) : undefined;
    const scan = this.scan;
    if (!scan) return found;
    scan.lastIndex = 0;
    for (let hit = scan.exec(line); hit !== null; hit = scan.exec(line)) {
      // The alternation reports one literal per position; every literal starting there counts.
      const at = hit.index;
      for (const { literal, values } of this.byFirst.get(line.charCodeAt(at)) ?? []) {
        if (!line.startsWith(literal, at)) continue;
        found ??= new Set();
        for (const value of values) found.add(value);
      }
      scan.lastIndex = at + 1;
    }
    return found;
  }
}
