import type { z } from 'zod';

/** One schema problem in a scenario: the absolute path of the value at fault, and what was expected. */
export interface ExplainedIssue {
  path: PropertyKey[];
  message: string;
  /** For an unknown field: its name (the path is then its parent's). */
  unknownKey?: string;
}

type Issue = z.core.$ZodIssue;

const ARTICLE: Record<string, string> = {
  object: 'a map',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  record: 'a map',
};
const expectedText = (expected: string | undefined) =>
  expected ? (ARTICLE[expected] ?? expected) : 'another value';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** What a value is, in YAML terms (strings shown when short: a scenario file is not secret). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : 'a long string';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

function bound(
  issue: Issue & { origin?: string; inclusive?: boolean },
  limit: unknown,
  most: boolean,
): string {
  const exclusive = issue.inclusive === false;
  const n = exclusive
    ? `${most ? 'less' : 'more'} than ${limit}`
    : `${most ? 'at most' : 'at least'} ${limit}`;
  if (issue.origin === 'string') return `${n} characters`;
  if (issue.origin === 'array') return `${n} items`;
  return n;
}

/** How far a union member got: its deepest issue (a type mismatch of the whole value counts least). */
function progress(issues: readonly Issue[]): number {
  let depth = 0;
  for (const issue of issues) {
    const own = issue.code === 'invalid_type' && issue.path.length === 0 ? -1 : issue.path.length;
    depth = Math.max(depth, own);
  }
  return depth;
}

/** zod's own wording; any other message was written by the schema's author and is kept as is. */
const ZOD_DEFAULT = /^(Too (big|small)|Invalid|Unrecognized key)/;

function explainOne(issue: Issue, input: unknown, prefix: PropertyKey[]): ExplainedIssue[] {
  const path = [...prefix, ...issue.path];
  const value = valueAt(input, path);
  if (
    issue.code !== 'invalid_union' &&
    issue.code !== 'unrecognized_keys' &&
    !ZOD_DEFAULT.test(issue.message)
  ) {
    return [{ path, message: issue.message }];
  }
  switch (issue.code) {
    case 'invalid_type':
      return [
        {
          path,
          message:
            value === undefined
              ? `required: ${expectedText(issue.expected)}`
              : `expected ${expectedText(issue.expected)}, got ${describe(value)}`,
        },
      ];
    case 'invalid_union': {
      const withOptions = issue as Issue & { options?: readonly unknown[]; note?: string };
      if (withOptions.options && withOptions.note === 'No matching discriminator') {
        const options = withOptions.options.map(String).join(', ');
        return [
          {
            path,
            message:
              value === undefined
                ? `required: one of ${options}`
                : `expected one of ${options}, got ${describe(value)}`,
          },
        ];
      }
      const branches = issue.errors.filter((b) => b.length > 0);
      const wholeMismatch = branches.every(
        (b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0,
      );
      if (branches.length === 0 || wholeMismatch) {
        const forms = [
          ...new Set(
            branches.map((b) => expectedText((b[0] as { expected?: string } | undefined)?.expected)),
          ),
        ];
        return [
          {
            path,
            message: forms.length
              ? `expected ${forms.join(' or ')}, got ${describe(value)}`
              : 'matches none of the accepted forms',
          },
        ];
      }
      // the member that got furthest explains best (fewest problems on a tie); member paths are relative
      const best = [...branches].sort((a, b) => progress(b) - progress(a) || a.length - b.length)[0] ?? [];
      return best.flatMap((inner) => explainOne(inner, input, path));
    }
    case 'invalid_value':
      return [
        {
          path,
          message: `expected one of ${issue.values.map((v) => String(v)).join(', ')}, got ${describe(value)}`,
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path, unknownKey: key, message: `unknown field "${key}"` }));
    case 'too_big':
      return [{ path, message: `too large: expected ${bound(issue, issue.maximum, true)}` }];
    case 'too_small':
      return [
        {
          path,
          message:
            issue.origin === 'array' && Number(issue.minimum) === 1
              ? 'expected at least one item'
              : `too small: expected ${bound(issue, issue.minimum, false)}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * Turns zod's issues for a parsed scenario into problems a person can act on: each names what the
 * field expects and what it holds (`required: a string`, `expected one of SIGTERM, SIGKILL, got
 * "SIGFOO"`), and a union (a fault, a probe) is explained by the member the value came closest to,
 * with absolute paths so each problem can be given its line and column.
 */
export function explainScenarioIssues(issues: readonly Issue[], input: unknown): ExplainedIssue[] {
  return issues.flatMap((issue) => explainOne(issue, input, []));
}
