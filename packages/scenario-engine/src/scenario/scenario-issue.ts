/** One problem in a scenario file, with where it is. */
export interface ScenarioIssue {
  /** Path of the value, e.g. `steady_state.probes[0].url` (empty for the whole file). */
  path: string;
  /** What is wrong and what is expected. */
  message: string;
  /** 1-based line (0 when the text has no position, e.g. a missing file). */
  line: number;
  /** 1-based column. */
  column: number;
  /** Where the issue comes from: YAML syntax, the schema, a binding or a cross-reference. */
  kind: 'yaml' | 'schema' | 'binding' | 'reference';
}

/** Formats a path array as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** Formats issues as `file:line:column path: message` lines, sorted by position. */
export function formatIssues(issues: readonly ScenarioIssue[], file = 'scenario'): string {
  return [...issues]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((i) => `${file}:${i.line}:${i.column} ${i.path ? `${i.path}: ` : ''}${i.message}`)
    .join('\n');
}
