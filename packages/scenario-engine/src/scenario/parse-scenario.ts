import {
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
import { type BindingValue, bindingsFromEnv, coerceOverride, substitute } from './bindings';
import { crossCheck } from './cross-check';
import { formatIssues, formatPath, type ScenarioIssue } from './scenario-issue';
import { type Scenario, ScenarioSchema } from './schema';

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
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...issue.path, key]),
          message: `unknown field "${key}"`,
          kind: 'schema',
          ...locate(lineCounter, keyOffset(doc, issue.path, key)),
        });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // a union of objects: report the member whose errors go deepest, not "invalid input"
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] ?? [];
      if (best.length > 0 && depth(best) > issue.path.length) {
        for (const sub of best) {
          out.push({
            path: formatPath(sub.path),
            message: sub.message,
            kind: 'schema',
            ...locate(lineCounter, nodeOffset(doc, sub.path)),
          });
        }
        continue;
      }
    }
    out.push({
      path: formatPath(issue.path),
      message: issue.message,
      kind: 'schema',
      ...locate(lineCounter, nodeOffset(doc, issue.path)),
    });
  }
  return out;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const issues: ScenarioIssue[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = error.linePos?.[0];
    issues.push({
      path: '',
      message: error.message.split('\n')[0] ?? error.message,
      kind: 'yaml',
      line: pos?.line ?? 1,
      column: pos?.col ?? 1,
    });
  }
  if (doc.errors.length > 0) return { success: false, issues };

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
        const result = substitute(raw, vars);
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
      const result = substitute(node.value, vars, undefined, node.type === 'PLAIN');
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

  const parsed = ScenarioSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, doc, lineCounter));
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
