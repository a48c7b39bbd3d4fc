/** One problem with a tool's arguments: where (a dotted path, `[i]` for items) and what was expected. */
export interface InputIssue {
  path: string;
  message: string;
}

/** The subset of a zod 4 issue this module reads. */
interface ZodIssueLike {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  errors?: ReadonlyArray<readonly ZodIssueLike[]>;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  format?: string;
}

const MAX_ISSUES = 10;

/** `finding.evidence[2].text`; `(arguments)` for the top level. */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(arguments)' : text;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * What a value is, for "got ...". A string's content is shown only when `showText` (a value that
 * missed a list of options) and short; otherwise only its length, so a token pasted into the wrong
 * field is not echoed into the answer or the logs.
 */
export function describeValue(value: unknown, showText = false): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'string':
      if (showText && value.length <= 32 && /^[\x20-\x7e]*$/.test(value)) return JSON.stringify(value);
      return value.length === 0
        ? 'an empty string'
        : `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  record: 'an object',
  map: 'an object',
  nonoptional: 'a value',
};
const expectedText = (expected: string | undefined) =>
  expected ? (ARTICLE[expected] ?? expected) : 'another value';

function sizeText(issue: ZodIssueLike, bound: 'at most' | 'at least'): string {
  const limit = bound === 'at most' ? issue.maximum : issue.minimum;
  const exclusive = issue.inclusive === false;
  const n = exclusive
    ? bound === 'at most'
      ? `less than ${limit}`
      : `more than ${limit}`
    : `${bound} ${limit}`;
  switch (issue.origin) {
    case 'string':
      return `${n} characters`;
    case 'array':
    case 'set':
      return `${n} items`;
    case 'object':
    case 'record':
      return `${n} fields`;
    default:
      return n;
  }
}

/** How far a union branch got: the depth of its deepest issue (deeper means it matched more). */
function progress(issues: readonly ZodIssueLike[]): number {
  let depth = 0;
  for (const issue of issues) {
    const own = issue.code === 'invalid_type' && issue.path.length === 0 ? -1 : issue.path.length;
    depth = Math.max(depth, own);
  }
  return depth;
}

function explainUnion(issue: ZodIssueLike, input: unknown, path: PropertyKey[]): InputIssue[] {
  const branches = issue.errors ?? [];
  const value = valueAt(input, path);
  // branches that rejected the value's type outright say which forms are accepted
  const forms = branches
    .map((b) =>
      b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0 ? b[0] : undefined,
    )
    .filter((b): b is ZodIssueLike => b !== undefined)
    .map((b) => expectedText(b.expected));
  if (forms.length === branches.length && forms.length > 0) {
    const unique = [...new Set(forms)];
    return [
      {
        path: pathText(path),
        message:
          value === undefined
            ? `required: ${unique.join(' or ')}`
            : `expected ${unique.join(' or ')}, got ${describeValue(value)}`,
      },
    ];
  }
  // otherwise explain the branch that got furthest (fewest issues on a tie)
  const best = [...branches]
    .filter((b) => b.length > 0)
    .sort((a, b) => progress(b) - progress(a) || a.length - b.length)[0];
  if (!best) return [{ path: pathText(path), message: 'matches none of the accepted forms' }];
  return best.flatMap((inner) => explainIssue(inner, input, path));
}

/** zod's own wording; any other message was written by the schema's author and is kept as is. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Unrecognized key)/;

function explainIssue(issue: ZodIssueLike, input: unknown, prefix: PropertyKey[] = []): InputIssue[] {
  const path = [...prefix, ...issue.path];
  const at = pathText(path);
  const value = valueAt(input, path);
  if (
    issue.code !== 'invalid_union' &&
    issue.code !== 'unrecognized_keys' &&
    !ZOD_DEFAULT.test(issue.message)
  ) {
    return [{ path: at, message: issue.message }];
  }
  switch (issue.code) {
    case 'invalid_type':
      return [
        {
          path: at,
          message:
            value === undefined
              ? `required: ${expectedText(issue.expected)}`
              : `expected ${expectedText(issue.expected)}, got ${describeValue(value)}`,
        },
      ];
    case 'invalid_union':
      return explainUnion(issue, input, path);
    case 'invalid_value':
      return [
        {
          path: at,
          message: `expected one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value, true)}`,
        },
      ];
    case 'unrecognized_keys':
      return [
        {
          path: at,
          message: `unknown field${(issue.keys?.length ?? 0) > 1 ? 's' : ''} ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(', ')}: remove or rename ${(issue.keys?.length ?? 0) > 1 ? 'them' : 'it'} (tools/list shows the accepted fields)`,
        },
      ];
    case 'too_big':
      return [{ path: at, message: `too large: expected ${sizeText(issue, 'at most')}` }];
    case 'too_small':
      return [
        {
          path: at,
          message:
            issue.origin === 'array' && issue.minimum === 1
              ? 'expected at least one item'
              : `too small: expected ${sizeText(issue, 'at least')}`,
        },
      ];
    case 'invalid_format':
      return [
        { path: at, message: `expected ${issue.format ?? 'another'} format, got ${describeValue(value)}` },
      ];
    default:
      return [{ path: at, message: issue.message }];
  }
}

/**
 * Turns the issues of a failed zod parse of tool arguments into one line per problem that names the
 * field, what was expected and what came instead (a short description, never a long value echoed).
 * A union says which forms it accepts, or explains the form the value came closest to.
 */
export function explainInputIssues(issues: readonly ZodIssueLike[], input: unknown): InputIssue[] {
  const explained = issues.flatMap((issue) => explainIssue(issue, input));
  const seen = new Set<string>();
  const unique = explained.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length <= MAX_ISSUES) return unique;
  // many issues: first one per top-level field, so every bad field is named, then the rest in order
  const field = (issue: InputIssue) => /^[^.[]*/.exec(issue.path)?.[0] ?? issue.path;
  const firsts = new Map<string, InputIssue>();
  for (const issue of unique) if (!firsts.has(field(issue))) firsts.set(field(issue), issue);
  const kept = new Set<InputIssue>([...firsts.values()].slice(0, MAX_ISSUES));
  for (const issue of unique) if (kept.size < MAX_ISSUES) kept.add(issue);
  const shown = unique.filter((issue) => kept.has(issue));
  return [...shown, { path: '(arguments)', message: `and ${unique.length - shown.length} more problems` }];
}
