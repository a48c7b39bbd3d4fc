import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';

type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;

/** The `yaml` package, loaded on first YAML input (it is ~35 ms of start-up otherwise). */
function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

/** Deeper input is refused: no experiment template comes near this depth. */
const MAX_DEPTH = 200;
/** Most YAML nodes (aliases included) converted, against alias bombs. */
const MAX_NODES = 2_000_000;

/** The result of reading template text. */
export type ParsedInput =
  | { ok: true; value: unknown; format: 'json' | 'yaml' }
  | { ok: false; message: string; suggestion?: string };

const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
};

/** `!Sub` → `Fn::Sub`, `!Ref` → `Ref`; any other `!Name` → `Fn::Name`. */
function intrinsicKey(tag: string): string | undefined {
  if (!tag.startsWith('!') || tag.startsWith('!!')) return undefined;
  return SHORT_FORMS[tag] ?? `Fn::${tag.slice(1)}`;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so a "__proto__" key becomes a plain own property instead of replacing the prototype
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class TooComplex extends Error {}

/**
 * Converts a YAML node to plain data. CloudFormation short-form tags become their long form:
 * `!Ref X` → `{ Ref: 'X' }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`, `!Sub s` → `{ 'Fn::Sub': s }`.
 */
function toData(node: unknown, doc: Document, depth: number, budget: { nodes: number }): unknown {
  if (--budget.nodes < 0 || depth > MAX_DEPTH) throw new TooComplex();
  if (node === null || node === undefined) return null;
  if (yaml().isAlias(node)) return toData(node.resolve(doc), doc, depth + 1, budget);
  let value: unknown;
  if (yaml().isScalar(node)) {
    value = node.value;
    if (typeof value === 'bigint') value = Number(value);
  } else if (yaml().isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!yaml().isPair(pair)) continue;
      const key = toData(pair.key, doc, depth + 1, budget);
      setOwn(
        object,
        typeof key === 'string' ? key : JSON.stringify(key),
        toData(pair.value, doc, depth + 1, budget),
      );
    }
    value = object;
  } else if (yaml().isSeq(node)) {
    value = node.items.map((item) => toData(item, doc, depth + 1, budget));
  } else {
    return null;
  }
  const tag = (node as Node).tag;
  const key = tag ? intrinsicKey(tag) : undefined;
  if (!key) return value;
  if (key === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    value = dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [value];
  }
  const wrapped: Record<string, unknown> = {};
  setOwn(wrapped, key, value);
  return wrapped;
}

/** Deepest nesting of flow brackets, roughly (brackets inside quoted strings count too). */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim().replace(/:$/, '');
}

/**
 * Reads template text as JSON, or else as YAML (CloudFormation YAML with short-form intrinsic tags
 * included). Never throws: text that is neither comes back as `{ ok: false, message }`.
 *
 * @example
 * parseInput('Resources:\n  T:\n    Properties:\n      RoleArn: !GetAtt Role.Arn'); // { ok: true, format: 'yaml', value: … }
 */
export function parseInput(text: string): ParsedInput {
  if (text.trim() === '')
    return { ok: false, message: 'The input is an empty string; expected a template as JSON or YAML.' };
  let jsonError = '';
  try {
    return { ok: true, value: JSON.parse(text), format: 'json' };
  } catch (error) {
    jsonError = error instanceof Error ? error.message : String(error);
  }
  if (bracketDepth(text) > MAX_DEPTH) {
    return {
      ok: false,
      message: `The input is neither valid JSON (${firstLine(jsonError)}) nor YAML an experiment template could be: it nests brackets more than ${MAX_DEPTH} levels deep.`,
    };
  }
  try {
    const doc = yaml().parseDocument(text, { prettyErrors: true, uniqueKeys: false, strict: false });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        message: `The input is neither valid JSON (${firstLine(jsonError)}) nor valid YAML (${firstLine(doc.errors[0]!.message)}).`,
        suggestion: 'check brackets, quotes and indentation near the position given',
      };
    }
    return { ok: true, value: toData(doc.contents, doc, 0, { nodes: MAX_NODES }), format: 'yaml' };
  } catch (error) {
    if (error instanceof TooComplex || error instanceof RangeError) {
      return {
        ok: false,
        message: 'The input is nested too deeply (or expands too far) to be an experiment template.',
      };
    }
    return {
      ok: false,
      message: `The input is neither valid JSON (${firstLine(jsonError)}) nor readable YAML (${firstLine(error instanceof Error ? error.message : String(error))}).`,
    };
  }
}
