/** Parses `sysctl --all` output (`key = value` per line) into a map. */
export function parseSysctls(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf(' = ');
    if (eq <= 0) continue;
    values.set(line.slice(0, eq).trim(), line.slice(eq + 3).trim());
  }
  return values;
}

/** Line number (1-based) of the first line starting with `prefix`, for evidence locations. */
export function lineOf(text: string, prefix: string): number | undefined {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const current = text.slice(start, end === -1 ? undefined : end);
    if (current.startsWith(prefix)) return line;
    if (end === -1) return undefined;
    start = end + 1;
    line += 1;
  }
  return undefined;
}

/** The first integer of a sysctl value (`fs.file-nr = 2112 0 9223372036854775807` → 2112), or NaN. */
export function sysctlNumber(values: ReadonlyMap<string, string>, key: string, field = 0): number {
  const raw = values.get(key)?.split(/\s+/)[field];
  return raw === undefined ? Number.NaN : Number(raw);
}
