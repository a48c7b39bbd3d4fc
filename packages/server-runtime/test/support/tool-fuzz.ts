/**
 * Property-based "bad input, everywhere" harness for MCP servers: for every tool a server lists, it
 * generates hostile arguments (wrong types, 1 MB strings, 10,000 levels of nesting, lone surrogates,
 * `__proto__` keys, NaN, ±Infinity, huge and negative numbers, arrays for objects) and arguments
 * derived from the tool's JSON inputSchema with one field corrupted, calls the tool through a real
 * MCP Client, and checks that every call resolves in bounded time with either a result matching the
 * output schema (the SDK Client validates structuredContent against it) or `isError: true` with a
 * message that names the corrupted field and leaks no stack trace or private path; after every call
 * the server must still answer tools/list.
 *
 * Shared by the servers' `*.property.test.ts` files (imported by relative path: it depends on
 * fast-check and vitest, so it is not part of the published `@faultline/server-runtime/testing`).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';

type Json = Record<string, unknown>;
type JsonSchema = Record<string, unknown>;

/** One generated call. */
export interface FuzzCase {
  /** How the arguments were made. */
  kind: 'hostile' | 'schema' | 'corrupted' | 'seed';
  args: unknown;
  /** The top-level field that was corrupted (kind `corrupted`). */
  field?: string;
  /** True when the corrupted value has a JSON type the field's schema does not accept. */
  mustReject?: boolean;
}

/** What happened to one tool's inputs. */
export interface ToolFuzzStats {
  tool: string;
  runs: number;
  ok: number;
  toolErrors: number;
  protocolErrors: number;
  mustReject: number;
  maxMs: number;
  totalMs: number;
}

/** Options of {@link fuzzTool}. */
export interface ToolFuzzOptions {
  client: Client;
  numRuns: number;
  /** Known-good arguments of the tool, mutated at one random path. */
  seeds?: readonly Json[];
  /** Makes a call safe to run (e.g. never `confirm: true` on a destructive tool); may return a copy. */
  prepare?: (args: Json) => Json;
  /** Strings (absolute folders) no error message may contain unless the input did. */
  privatePaths: readonly string[];
  /** Time limit of one call, tools/list included. Default 10 s. */
  callTimeoutMs?: number;
}

// ---------------------------------------------------------------- hostile values

/** `levels` of nesting; printed short (fast-check's own printer would overflow the stack). */
function nest(levels: number, array: boolean): unknown {
  let value: unknown = array ? [] : {};
  for (let i = 0; i < levels; i += 1) value = array ? [value] : { a: value };
  Object.defineProperty(value, fc.toStringMethod, {
    value: () => `<${levels} levels of ${array ? '[…]' : '{a: …}'}>`,
    enumerable: false,
  });
  return value;
}

const ONE_MB = 'x'.repeat(1 << 20);
const PROTO = JSON.parse(
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}',
) as unknown;
const CONSTANTS: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  -1e308,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_SAFE_INTEGER - 2,
  2 ** 31,
  1.5,
  null,
  true,
  '',
  ONE_MB,
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800x',
  '\u202Egnp.exe',
  '../../../../../../etc/passwd',
  '/etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%252f..%252fetc',
  '..\\..\\windows',
  '${AWS_SECRET_ACCESS_KEY}',
  '$(id)`id`;id&&id|id',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '(a+)+$',
  nest(10_000, false),
  nest(10_000, true),
  PROTO,
  [],
  {},
  Object.defineProperty(
    Array.from({ length: 100_000 }, () => 0),
    fc.toStringMethod,
    { value: () => '<100,000 zeros>', enumerable: false },
  ),
  [PROTO, nest(50, false)],
];

const KEYS = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''),
);

/** Any value an attacker or a confused agent could send in a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CONSTANTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }) },
  { weight: 2, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger()) },
  {
    weight: 2,
    arbitrary: fc.anything({ maxDepth: 3, key: KEYS, withNullPrototype: true, withObjectString: true }),
  },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }) },
);

/** Whole `arguments` values: hostile at the top level (arrays, strings, null…) or objects of hostile fields. */
const hostileArguments: fc.Arbitrary<unknown> = fc.oneof(
  hostileValue,
  fc.dictionary(KEYS, hostileValue, { maxKeys: 5 }),
);

// ---------------------------------------------------------------- from a JSON schema

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'object' && node !== null ? resolveRef(node as JsonSchema, root) : {};
}

const small = fc.jsonValue({ maxDepth: 2 });

/** Values that (mostly) satisfy a JSON schema as the MCP SDK emits it from zod. */
export function fromSchema(raw: JsonSchema, root: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolveRef(raw, root);
  if (depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options) && options.length > 0)
    return fc.oneof(...options.map((o) => fromSchema(o, root, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return fromSchema(schema.allOf[0] as JsonSchema, root, depth + 1);
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => fromSchema({ ...schema, type: t }, root, depth + 1)));
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  switch (type) {
    case 'string': {
      const minLength = num('minLength') ?? 0;
      const maxLength = Math.max(minLength, Math.min(num('maxLength') ?? 40, 40));
      if (typeof schema.pattern === 'string') {
        try {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length >= minLength && s.length <= (num('maxLength') ?? 1e9));
        } catch {
          // an unusual pattern: plain strings (the call is then refused, which is also checked)
        }
      }
      if (schema.format === 'uri') return fc.webUrl();
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({ minLength, maxLength });
    }
    case 'integer':
    case 'number': {
      const min =
        num('minimum') ?? (num('exclusiveMinimum') !== undefined ? num('exclusiveMinimum')! + 1 : -1e6);
      const max =
        num('maximum') ?? (num('exclusiveMaximum') !== undefined ? num('exclusiveMaximum')! - 1 : 1e6);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num('minItems') ?? 0;
      const maxLength = Math.max(minLength, Math.min(num('maxItems') ?? 4, 4));
      const items = schema.items as JsonSchema | undefined;
      return fc.array(items ? fromSchema(items, root, depth + 1) : small, { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) shape[key] = fromSchema(value, root, depth + 1);
      const record = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
      const extra = schema.additionalProperties;
      if (Object.keys(properties).length === 0 && extra && typeof extra === 'object') {
        return fc.dictionary(
          fc.string({ minLength: 1, maxLength: 10 }),
          fromSchema(extra as JsonSchema, root, depth + 1),
          {
            maxKeys: 3,
          },
        );
      }
      return record;
    }
    default:
      return small;
  }
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The JSON types a schema accepts, or `any`. */
function acceptedTypes(raw: JsonSchema, root: JsonSchema, depth = 0): Set<JsonType> | 'any' {
  const schema = resolveRef(raw, root);
  if (depth > 10) return 'any';
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options)) {
    const out = new Set<JsonType>();
    for (const option of options) {
      const types = acceptedTypes(option, root, depth + 1);
      if (types === 'any') return 'any';
      for (const t of types) out.add(t);
    }
    return out;
  }
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values) return new Set(values.map((v) => typeOf(v)).filter((t): t is JsonType => t !== 'other'));
  if (typeof schema.type === 'string') return new Set([schema.type as JsonType]);
  if (Array.isArray(schema.type)) return new Set(schema.type as JsonType[]);
  return 'any';
}

function typeOf(value: unknown): JsonType | 'nonfinite' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return !Number.isFinite(value) ? 'nonfinite' : Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

/** True when a value of this kind can never pass a field that accepts `types`. */
function surelyRejected(value: unknown, types: Set<JsonType> | 'any'): boolean {
  if (types === 'any' || value === undefined) return false;
  // the runtime parses an object or array sent as JSON text (installInputValidation): may be accepted
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (
        parsed !== null &&
        typeof parsed === 'object' &&
        types.has(Array.isArray(parsed) ? 'array' : 'object')
      )
        return false;
    } catch {
      // not JSON: judged as the string it is
    }
  }
  const type = typeOf(value);
  if (type === 'other') return false;
  if (type === 'nonfinite') return true; // NaN and ±Infinity are no JSON value of any type
  if (type === 'integer') return !types.has('integer') && !types.has('number');
  return !types.has(type);
}

function corrupted(schema: JsonSchema): fc.Arbitrary<FuzzCase> | undefined {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const keys = Object.keys(properties);
  if (keys.length === 0) return undefined;
  return fc
    .tuple(fromSchema(schema, schema), fc.constantFrom(...keys), hostileValue)
    .filter(([, , value]) => value !== undefined)
    .map(([base, field, value]) => {
      const args = { ...(base as Json) };
      Object.defineProperty(args, field, { value, enumerable: true, writable: true, configurable: true });
      return {
        kind: 'corrupted' as const,
        args,
        field,
        mustReject: surelyRejected(value, acceptedTypes(properties[field] as JsonSchema, schema)),
      };
    });
}

// ---------------------------------------------------------------- mutating known-good seeds

function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []) {
  out.push(prefix);
  if (prefix.length >= 5 || value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [key, child] of entries.slice(0, 20)) paths(child, [...prefix, key], out);
  return out;
}

function replaceAt(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Json) }) as Record<
    string | number,
    unknown
  >;
  Object.defineProperty(copy, head, {
    value: replaceAt(copy[head], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

function mutatedSeeds(seeds: readonly Json[]): fc.Arbitrary<FuzzCase> {
  return fc
    .constantFrom(...seeds)
    .chain((seed) =>
      fc.tuple(fc.constant(seed), fc.constantFrom(...paths(seed).filter((p) => p.length > 0)), hostileValue),
    )
    .map(([seed, path, value]) => ({ kind: 'seed' as const, args: replaceAt(seed, path, value) }));
}

/** Every kind of case for one tool. */
export function casesFor(tool: Tool, seeds: readonly Json[] = []): fc.Arbitrary<FuzzCase> {
  const schema = tool.inputSchema as JsonSchema;
  const arbitraries: Array<fc.WeightedArbitrary<FuzzCase>> = [
    { weight: 2, arbitrary: hostileArguments.map((args) => ({ kind: 'hostile' as const, args })) },
    { weight: 2, arbitrary: fromSchema(schema, schema).map((args) => ({ kind: 'schema' as const, args })) },
  ];
  const corrupt = corrupted(schema);
  if (corrupt) arbitraries.push({ weight: 4, arbitrary: corrupt });
  if (seeds.length > 0) {
    arbitraries.push({ weight: 3, arbitrary: mutatedSeeds(seeds) });
    arbitraries.push({
      weight: 1,
      arbitrary: fc.constantFrom(...seeds).map((args) => ({ kind: 'seed' as const, args })),
    });
  }
  return fc.oneof(...arbitraries);
}

// ---------------------------------------------------------------- calling and judging

/** Rejects after `ms` with a message naming what hung. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const STACK_FRAME = /\n\s+at [^\n]*(?:\(|:\d+:\d+)/;

/** Why a text shown to a client leaks internals, or undefined. */
export function leak(text: string, privatePaths: readonly string[], input: string): string | undefined {
  if (STACK_FRAME.test(text)) return 'a stack trace';
  for (const marker of ['node:internal', 'file://']) {
    if (text.includes(marker) && !input.includes(marker)) return 'a module path';
  }
  for (const path of privatePaths) {
    if (text.includes(path) && !input.includes(path)) return `the private path ${path}`;
  }
  return undefined;
}

function describe(args: unknown): string {
  try {
    const text = JSON.stringify(args) ?? String(args);
    return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  } catch {
    return fc.stringify(args);
  }
}

function inputText(args: unknown): string {
  try {
    return JSON.stringify(args) ?? '';
  } catch {
    return '';
  }
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs `numRuns` generated calls of one tool and returns what happened; throws (through
 * fast-check, with the counterexample) on the first call that hangs, crashes the protocol, breaks
 * the output schema, leaks internals, or accepts a value of a wrong type.
 */
export async function fuzzTool(tool: Tool, options: ToolFuzzOptions): Promise<ToolFuzzStats> {
  const limit = options.callTimeoutMs ?? 10_000;
  const stats: ToolFuzzStats = {
    tool: tool.name,
    runs: 0,
    ok: 0,
    toolErrors: 0,
    protocolErrors: 0,
    mustReject: 0,
    maxMs: 0,
    totalMs: 0,
  };
  await fc.assert(
    fc.asyncProperty(casesFor(tool, options.seeds), async (generated) => {
      const args =
        isPlainObject(generated.args) && options.prepare ? options.prepare(generated.args) : generated.args;
      const shown = () =>
        `${tool.name}(${describe(args)}) [${generated.kind}${generated.field ? ` ${generated.field}` : ''}]`;
      stats.runs += 1;
      const started = performance.now();
      let result: CallToolResult | undefined;
      try {
        result = (await within(
          limit,
          shown(),
          options.client.callTool({ name: tool.name, arguments: args as Json }, undefined, {
            timeout: limit * 2,
          }),
        )) as CallToolResult;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message.includes('did not answer within')) throw error;
        // A JSON-RPC error is a defined answer only for `arguments` that are not an object at all.
        if (isPlainObject(args)) throw new Error(`${shown()} failed at the protocol level: ${message}`);
        stats.protocolErrors += 1;
        const leaked = leak(message, options.privatePaths, inputText(args));
        if (leaked)
          throw new Error(`${shown()}: the protocol error leaks ${leaked}: ${message.slice(0, 500)}`);
      }
      const elapsed = performance.now() - started;
      stats.maxMs = Math.max(stats.maxMs, elapsed);
      stats.totalMs += elapsed;
      if (result) {
        if (!Array.isArray(result.content)) throw new Error(`${shown()}: no content array`);
        const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
        const leaked = leak(
          result.isError ? text : JSON.stringify(result.structuredContent ?? {}) + text,
          result.isError ? options.privatePaths : [],
          inputText(args),
        );
        if (leaked) throw new Error(`${shown()}: the result leaks ${leaked}: ${text.slice(0, 500)}`);
        if (result.isError) {
          stats.toolErrors += 1;
          if (text.trim().length === 0) throw new Error(`${shown()}: an error without a message`);
          // the SDK checked the tool's own output against its schema, and it failed: a server bug
          if (text.includes('Output validation error'))
            throw new Error(`${shown()}: the tool's output breaks its output schema: ${text.slice(0, 300)}`);
          // every tool error is coded (CODE: message, with _meta), the SDK's own argument checks included
          if (!/^[A-Z][A-Z0-9]*_[A-Z0-9_]+: /.test(text))
            throw new Error(`${shown()}: an uncoded error: ${text.slice(0, 300)}`);
          // bad input deserves a coded error that says what is wrong, not the catch-all of an unexpected throw
          if (text.startsWith('INTERNAL_ERROR'))
            throw new Error(`${shown()}: an unexpected exception instead of a clear error: ${text}`);
        } else {
          stats.ok += 1;
          if (!isPlainObject(result.structuredContent))
            throw new Error(`${shown()}: a success without structured content`);
        }
        const prepared =
          generated.field !== undefined &&
          isPlainObject(generated.args) &&
          isPlainObject(args) &&
          args[generated.field] !== generated.args[generated.field];
        if (generated.mustReject && !prepared) {
          stats.mustReject += 1;
          if (!result.isError)
            throw new Error(`${shown()}: accepted a value of the wrong type for ${generated.field}`);
          if (!text.includes(generated.field as string))
            throw new Error(
              `${shown()}: the error does not name the field ${generated.field}: ${text.slice(0, 300)}`,
            );
        }
      }
      // the server keeps serving: a ping after every call, tools/list (costly: schemas) every 50
      await within(limit, `ping after ${shown()}`, options.client.ping());
      if (stats.runs % 50 === 0) {
        const listed = await within(limit, `tools/list after ${shown()}`, options.client.listTools());
        if (!listed.tools.some((t) => t.name === tool.name))
          throw new Error(`${tool.name} vanished from tools/list`);
      }
    }),
    { numRuns: options.numRuns, endOnFailure: true },
  );
  return stats;
}

/** A table of the figures, one line per tool. */
export function formatStats(server: string, all: readonly ToolFuzzStats[], wallMs: number): string {
  const lines = all.map(
    (s) =>
      `  ${s.tool.padEnd(34)} ${String(s.runs).padStart(5)} inputs  ok ${String(s.ok).padStart(4)}  tool errors ${String(s.toolErrors).padStart(4)}  protocol errors ${String(s.protocolErrors).padStart(3)}  wrong-type ${String(s.mustReject).padStart(4)}  max ${s.maxMs.toFixed(0).padStart(5)} ms`,
  );
  const total = all.reduce((n, s) => n + s.runs, 0);
  return `${server}: ${total} inputs over ${all.length} tools in ${(wallMs / 1000).toFixed(1)} s\n${lines.join('\n')}`;
}
