import { createRequire } from 'node:module';
import type { Document, LineCounter, Node } from 'yaml';
import { type DuplicateKey, findDuplicateJsonKeys, MAX_DUPLICATE_KEYS } from './duplicate-keys';
import { escapePointerToken } from './json-pointer';

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

/**
 * The result of reading template text. `duplicateKeys` (only when there are some) lists the keys
 * written twice in one object, of which the reader kept the last value.
 */
export type ParsedInput =
  | { ok: true; value: unknown; format: 'json' | 'yaml'; duplicateKeys?: DuplicateKey[] }
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

/** What converting a YAML document carries along: the document, a node budget and the keys seen twice. */
interface Conversion {
  doc: Document;
  budget: { nodes: number };
  lines: LineCounter;
  duplicates: Map<string, DuplicateKey>;
}

function lineOf(conversion: Conversion, node: unknown): number {
  const offset = (node as Node | undefined)?.range?.[0];
  return offset === undefined ? 0 : conversion.lines.linePos(offset).line;
}

/**
 * Converts a YAML node to plain data. CloudFormation short-form tags become their long form:
 * `!Ref X` → `{ Ref: 'X' }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`, `!Sub s` → `{ 'Fn::Sub': s }`.
 * A key written twice in one mapping keeps its last value and is noted in `conversion.duplicates`.
 */
function toData(node: unknown, conversion: Conversion, depth: number, path: string): unknown {
  const { doc } = conversion;
  if (--conversion.budget.nodes < 0 || depth > MAX_DEPTH) throw new TooComplex();
  if (node === null || node === undefined) return null;
  if (yaml().isAlias(node)) return toData(node.resolve(doc), conversion, depth + 1, path);
  let value: unknown;
  if (yaml().isScalar(node)) {
    value = node.value;
    if (typeof value === 'bigint') value = Number(value);
  } else if (yaml().isMap(node)) {
    const object: Record<string, unknown> = {};
    const firstKeys = new Map<string, unknown>();
    for (const pair of node.items) {
      if (!yaml().isPair(pair)) continue;
      const raw = toData(pair.key, conversion, depth + 1, path);
      const key = typeof raw === 'string' ? raw : JSON.stringify(raw);
      const at = `${path}/${escapePointerToken(key)}`;
      if (!firstKeys.has(key)) firstKeys.set(key, pair.key);
      else {
        const line = lineOf(conversion, pair.key);
        const seen = conversion.duplicates.get(at);
        if (seen) seen.lines.push(line);
        else if (conversion.duplicates.size < MAX_DUPLICATE_KEYS) {
          const first = lineOf(conversion, firstKeys.get(key));
          conversion.duplicates.set(at, { key, path: at, lines: [first, line] });
        }
      }
      setOwn(object, key, toData(pair.value, conversion, depth + 1, at));
    }
    value = object;
  } else if (yaml().isSeq(node)) {
    value = node.items.map((item, index) => toData(item, conversion, depth + 1, `${path}/${index}`));
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

/** A comment found in JSON text: where it starts (1-based) and how it begins. */
interface JsonComment {
  line: number;
  column: number;
  excerpt: string;
}

/**
 * JSON text with line (`//`) or block comments (as editors allow in JSONC): the first comment, when the
 * text is valid JSON once they are removed. Otherwise `undefined`, and the text is read as YAML.
 */
function jsonWithComments(text: string): JsonComment | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!/^(?:[{[]|\/\/|\/\*)/.test(start)) return undefined;
  let stripped = '';
  let first: { start: number; end: number } | undefined;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      stripped += c;
      if (c === '\\') stripped += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      stripped += c;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const block = text[i + 1] === '*';
      const end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
      if (block && end < 0) return undefined;
      const next = end < 0 ? text.length : block ? end + 2 : end;
      first ??= { start: i, end: next };
      // keep the line breaks, so positions in later errors still hold
      stripped += text.slice(i, next).replace(/[^\n]/g, ' ');
      i = next - 1;
    } else stripped += c;
  }
  if (first === undefined) return undefined;
  try {
    JSON.parse(stripped);
  } catch {
    return undefined;
  }
  const before = text.slice(0, first.start);
  const line = before.split('\n').length;
  const column = first.start - before.lastIndexOf('\n');
  const excerpt = text.slice(first.start, first.end).split('\n')[0]!.slice(0, 40).trim();
  return { line, column, excerpt };
}

const TOO_DEEP: ParsedInput = {
  ok: false,
  message: 'The input is nested too deeply (or expands too far) to be an experiment template.',
};

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
    const value: unknown = JSON.parse(text);
    const duplicateKeys = findDuplicateJsonKeys(text);
    return { ok: true, value, format: 'json', ...(duplicateKeys.length > 0 && { duplicateKeys }) };
  } catch (error) {
    jsonError = error instanceof Error ? error.message : String(error);
  }
  const comment = jsonWithComments(text);
  if (comment) {
    return {
      ok: false,
      message: `The input is JSON with a comment at line ${comment.line}, column ${comment.column} (${comment.excerpt}); JSON has no comments, and AWS rejects a template that has them.`,
      suggestion: 'remove the // and /* */ comments',
    };
  }
  if (bracketDepth(text) > MAX_DEPTH) {
    return {
      ok: false,
      message: `The input is neither valid JSON (${firstLine(jsonError)}) nor YAML an experiment template could be: it nests brackets more than ${MAX_DEPTH} levels deep.`,
    };
  }
  try {
    const lines = new (yaml().LineCounter)();
    const doc = yaml().parseDocument(text, {
      prettyErrors: true,
      uniqueKeys: false,
      strict: false,
      lineCounter: lines,
    });
    if (doc.errors.length > 0) {
      // the yaml package reports its own stack overflow (a deep block sequence) as a parse error
      if (doc.errors.some((e) => /Maximum call stack/i.test(e.message))) return TOO_DEEP;
      return {
        ok: false,
        message: `The input is neither valid JSON (${firstLine(jsonError)}) nor valid YAML (${firstLine(doc.errors[0]!.message)}).`,
        suggestion: 'check brackets, quotes and indentation near the position given',
      };
    }
    const conversion: Conversion = { doc, budget: { nodes: MAX_NODES }, lines, duplicates: new Map() };
    const value = toData(doc.contents, conversion, 0, '');
    const duplicateKeys = [...conversion.duplicates.values()];
    return { ok: true, value, format: 'yaml', ...(duplicateKeys.length > 0 && { duplicateKeys }) };
  } catch (error) {
    if (error instanceof TooComplex || error instanceof RangeError) return TOO_DEEP;
    return {
      ok: false,
      message: `The input is neither valid JSON (${firstLine(jsonError)}) nor readable YAML (${firstLine(error instanceof Error ? error.message : String(error))}).`,
    };
  }
}
