import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLMap,
} from 'yaml';
import type { z } from 'zod';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import {
  type BindingValue,
  bindingsFromEnv,
  coerceOverride,
  type SubstitutionBudget,
  substitute,
} from './bindings';
import { crossCheck } from './cross-check';
import { explainScenarioIssues } from './explain-issues';
import { formatIssues, formatPath, type ScenarioIssue } from './scenario-issue';
import { type Scenario, ScenarioSchema } from './schema';

/** Largest scenario file read, in bytes: real scenarios are a few kilobytes. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** Deepest nesting of maps and lists accepted in a scenario. */
export const MAX_SCENARIO_DEPTH = 64;
/** Most aliases (`*name`) a scenario may use; each expands to a copy of its anchor. */
export const MAX_SCENARIO_ALIASES = 100;
/** Most characters `${name}` substitution may insert over the whole file. */
export const MAX_SUBSTITUTED_CHARS = 4 * 1024 * 1024;

/** Options of {@link safeParseScenario}. */
export interface ParseScenarioOptions {
  /** Overrides from the command line (`--set name=value`); win over the environment and the file. */
  bindings?: Readonly<Record<string, string>>;
  /** Environment read for `FAULTLINE_BINDING_<NAME>`. Default: none (pass `process.env` to use it). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Values the engine provides, e.g. `scenario_dir`, `engine_node`. They lose to the file's bindings. */
  builtins?: Readonly<Record<string, BindingValue>>;
}

/** The outcome of {@link safeParseScenario}. */
export type SafeParseScenarioResult =
  | { success: true; scenario: Scenario; bindings: Record<string, BindingValue> }
  | { success: false; issues: ScenarioIssue[] };

type Located = { line: number; column: number };

function locate(lineCounter: LineCounter, offset: number | undefined): Located {
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Finds the node nearest to a path: the value, else the key of the last segment, else a parent. */
function nodeOffset(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = (node as YAMLMap).items.find(
        (p) => isPair(p) && isScalar(p.key) && p.key.value === segment,
      );
      if (!pair) return offset;
      offset = (pair.value as Node | null)?.range?.[0] ?? (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function keyOffset(
  doc: ReturnType<typeof parseDocument>,
  path: readonly PropertyKey[],
  key: string,
): number | undefined {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (pair) return (pair.key as Node).range?.[0];
  }
  return nodeOffset(doc, path);
}

function zodIssues(
  error: z.ZodError,
  input: unknown,
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
): ScenarioIssue[] {
  return explainScenarioIssues(error.issues, input).map((issue) =>
    issue.unknownKey === undefined
      ? {
          path: formatPath(issue.path),
          message: issue.message,
          kind: 'schema' as const,
          ...locate(lineCounter, nodeOffset(doc, issue.path)),
        }
      : {
          path: formatPath([...issue.path, issue.unknownKey]),
          message: issue.message,
          kind: 'schema' as const,
          ...locate(lineCounter, keyOffset(doc, issue.path, issue.unknownKey)),
        },
  );
}

/**
 * Parses and validates a scenario (YAML text): YAML syntax, `${name}` bindings, the schema and the
 * cross-references between sections. Every problem is reported at once, each with its line and
 * column. Never throws for bad input.
 *
 * @example
 * const result = safeParseScenario(text, { bindings: { port: '8080' }, env: process.env });
 * if (!result.success) console.error(formatIssues(result.issues, 'scenario.yaml'));
 */
export function safeParseScenario(text: string, options: ParseScenarioOptions = {}): SafeParseScenarioResult {
  const whole = (message: string, kind: ScenarioIssue['kind'] = 'yaml'): SafeParseScenarioResult => ({
    success: false,
    issues: [{ path: '', message, kind, line: 1, column: 1 }],
  });
  if (typeof text !== 'string')
    return whole(`a scenario is YAML text, not ${text === null ? 'null' : typeof text}`);
  // Checked in characters first (cheap), then in bytes.
  if (text.length > MAX_SCENARIO_BYTES || Buffer.byteLength(text, 'utf8') > MAX_SCENARIO_BYTES) {
    return whole(
      `the scenario is ${Buffer.byteLength(text, 'utf8')} bytes; the limit is ${MAX_SCENARIO_BYTES} bytes (1 MB)`,
    );
  }
  try {
    return parseChecked(text, options);
  } catch (error) {
    // The last line of defence of "never throws": the checks above and below should make this unreachable.
    const reason =
      error instanceof RangeError ? 'it is nested too deeply or too large' : 'the YAML could not be read';
    return whole(`the scenario cannot be parsed: ${reason}`);
  }
}

/** The first node nested deeper than the limit, iteratively (recursion is what deep input attacks). */
function tooDeep(doc: ReturnType<typeof parseDocument>): Node | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isCollection(node)) continue;
    if (depth > MAX_SCENARIO_DEPTH) return node;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Syntax errors shown before the rest is summed up: after the first, most are its echo. */
const MAX_SYNTAX_ERRORS = 10;

/**
 * Makes YAML syntax errors readable: at most one per line and {@link MAX_SYNTAX_ERRORS} in all (one
 * misplaced character makes the parser report every token after it), the rest counted; and when the
 * first error sits on a line where an unquoted `${name}` is inside `{ }` or `[ ]` (where `{` opens a
 * map), says how to write it.
 */
function explainSyntaxErrors(issues: ScenarioIssue[], text: string): ScenarioIssue[] {
  const seenLines = new Set<number>();
  const shown: ScenarioIssue[] = [];
  let hidden = 0;
  for (const issue of issues) {
    if (seenLines.has(issue.line) || shown.length >= MAX_SYNTAX_ERRORS) {
      hidden += 1;
      continue;
    }
    seenLines.add(issue.line);
    shown.push(issue);
  }
  const first = shown[0];
  const line = first ? (text.split('\n')[first.line - 1] ?? '') : '';
  if (first && /[{[][^\n]*[^"'\w]\$\{\w+\}/.test(line)) {
    shown[0] = {
      ...first,
      message: `${first.message}. A \${name} inside { } or [ ] is read as YAML (its { opens a map): write that value in block style (port: \${port} on a line of its own, which keeps a number a number), or quote it ("\${name}", which makes it a string)`,
    };
  }
  if (hidden > 0) {
    const last = shown[shown.length - 1] as ScenarioIssue;
    shown.push({
      path: '',
      message: `and ${hidden} more syntax error${hidden === 1 ? '' : 's'}, most likely caused by the first`,
      kind: 'yaml',
      line: last.line,
      column: last.column,
    });
  }
  return shown;
}

function parseChecked(text: string, options: ParseScenarioOptions): SafeParseScenarioResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const issues: ScenarioIssue[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = error.linePos?.[0];
    // the position is printed once, before the message: drop the library's own "at line L, column C:"
    const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    issues.push({
      path: '',
      message: first.startsWith('Maximum call stack size exceeded')
        ? `the scenario is nested too deeply (at most ${MAX_SCENARIO_DEPTH} levels of maps and lists)`
        : first,
      kind: 'yaml',
      line: pos?.line ?? 1,
      column: pos?.col ?? 1,
    });
  }
  if (doc.errors.length > 0) return { success: false, issues: explainSyntaxErrors(issues, text) };
  const deep = tooDeep(doc);
  if (deep) {
    return {
      success: false,
      issues: [
        {
          path: '',
          message: `the scenario is nested too deeply (at most ${MAX_SCENARIO_DEPTH} levels of maps and lists)`,
          kind: 'yaml',
          ...locate(lineCounter, deep.range?.[0]),
        },
      ],
    };
  }
  let aliases = 0;
  let tooManyAliases: Node | undefined;
  visit(doc, {
    Alias(_, node) {
      aliases += 1;
      if (aliases > MAX_SCENARIO_ALIASES) {
        tooManyAliases = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (tooManyAliases) {
    return {
      success: false,
      issues: [
        {
          path: '',
          message: `the scenario uses more than ${MAX_SCENARIO_ALIASES} aliases (*name); write the values out (a YAML alias bomb is refused)`,
          kind: 'yaml',
          ...locate(lineCounter, tooManyAliases.range?.[0]),
        },
      ],
    };
  }
  const budget: SubstitutionBudget = { remaining: MAX_SUBSTITUTED_CHARS };

  // bindings: file defaults, then the environment, then the command line
  const vars: Record<string, BindingValue> = { ...(options.builtins ?? {}) };
  const bindingsNode = doc.get('bindings', true);
  const fileBindings: Record<string, BindingValue> = {};
  if (isMap(bindingsNode)) {
    for (const pair of bindingsNode.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
      const name = String(pair.key.value);
      const raw = pair.value.value;
      if (typeof raw === 'string') {
        const result = substitute(raw, vars, undefined, true, budget);
        for (const missing of result.missing) {
          issues.push({
            path: `bindings.${name}`,
            message: `\${${missing}} has no value (define it earlier in bindings, or pass --set ${missing}=…)`,
            kind: 'binding',
            ...locate(lineCounter, pair.value.range?.[0]),
          });
        }
        fileBindings[name] = result.value;
      } else if (typeof raw === 'number' || typeof raw === 'boolean') {
        fileBindings[name] = raw;
      }
      vars[name] = fileBindings[name] as BindingValue;
    }
  }
  const overrides = {
    ...bindingsFromEnv(Object.keys(fileBindings), options.env ?? {}),
    ...(options.bindings ?? {}),
  };
  for (const [name, value] of Object.entries(overrides))
    vars[name] = coerceOverride(value, fileBindings[name]);
  if (isMap(bindingsNode)) {
    for (const pair of bindingsNode.items) {
      if (isScalar(pair.key) && isScalar(pair.value)) {
        const name = String(pair.key.value);
        if (Object.hasOwn(vars, name)) pair.value.value = vars[name];
      }
    }
  }

  visit(doc, {
    Map(_, node) {
      if (node === bindingsNode) return visit.SKIP;
      return undefined;
    },
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string') return;
      if (budget.exceeded) return visit.BREAK;
      const result = substitute(node.value, vars, undefined, node.type === 'PLAIN', budget);
      for (const missing of result.missing) {
        issues.push({
          path: '',
          message: `\${${missing}} has no value (add it to bindings, or pass --set ${missing}=…)`,
          kind: 'binding',
          ...locate(lineCounter, node.range?.[0]),
        });
      }
      node.value = result.value;
    },
  });

  if (budget.exceeded) {
    return {
      success: false,
      issues: [
        ...issues,
        {
          path: '',
          message: `\${name} substitution expands the scenario by more than ${MAX_SUBSTITUTED_CHARS} characters (bindings that repeat earlier bindings are refused)`,
          kind: 'binding',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses aliases that expand too much (ReferenceError: "Excessive alias count…")
    return {
      success: false,
      issues: [
        {
          path: '',
          message: `the scenario's aliases expand too much (${(error as Error).message.split('\n')[0]}); write the values out`,
          kind: 'yaml',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const parsed = ScenarioSchema.safeParse(value);
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, value, doc, lineCounter));
  } else {
    for (const problem of crossCheck(parsed.data)) {
      issues.push({
        path: formatPath(problem.path),
        message: problem.message,
        kind: 'reference',
        ...locate(lineCounter, nodeOffset(doc, problem.path)),
      });
    }
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.line - b.line || a.column - b.column);
    return { success: false, issues };
  }
  return { success: true, scenario: parsed.data as Scenario, bindings: vars };
}

/**
 * Like {@link safeParseScenario}, but throws a `ScenarioEngineError` with code `SCENARIO_INVALID`
 * (all issues in `data.issues`) when the scenario is not valid.
 */
export function parseScenario(text: string, options: ParseScenarioOptions = {}): Scenario {
  const result = safeParseScenario(text, options);
  if (result.success) return result.scenario;
  throw new ScenarioEngineError(
    ScenarioEngineErrorCode.ScenarioInvalid,
    `the scenario has ${result.issues.length} problem(s):\n${formatIssues(result.issues)}`,
    { data: { issues: result.issues } },
  );
}
