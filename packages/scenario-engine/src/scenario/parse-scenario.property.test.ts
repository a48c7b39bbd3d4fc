import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioEngineError } from '../errors';
import {
  MAX_SCENARIO_BYTES,
  parseScenario,
  type SafeParseScenarioResult,
  safeParseScenario,
} from './parse-scenario';

const examplesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/scenarios');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));
const builtins = {
  scenario_dir: examplesDir,
  engine_node: process.execPath,
  engine_helper: '/opt/faultline/helper.js',
  engine_cli: '/opt/faultline/cli.js',
};

/** Parses, asserting it neither throws nor takes long, and that every issue says where it is. */
function parsed(text: string, budgetMs = 2000): SafeParseScenarioResult {
  const started = performance.now();
  const result = safeParseScenario(text, { builtins });
  expect(performance.now() - started).toBeLessThan(budgetMs);
  if (!result.success) {
    expect(result.issues.length).toBeGreaterThan(0);
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const issue of result.issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(['yaml', 'schema', 'binding', 'reference']).toContain(issue.kind);
      expect(typeof issue.path).toBe('string');
      expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines + 1).toBe(true);
      expect(Number.isInteger(issue.column) && issue.column >= 1).toBe(true);
    }
  }
  return result;
}

/** YAML-shaped text: the tokens that steer the parser, with indentation and newlines. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ': ',
        '- ',
        '\n',
        '\n  ',
        '\n    ',
        '[',
        ']',
        '{',
        '}',
        ',',
        '&a ',
        '*a',
        '!!str ',
        '!!binary ',
        '!tag ',
        '|\n  ',
        '>-\n  ',
        '# c',
        "'",
        '"',
        '? ',
        '---\n',
        '...\n',
        '%YAML 1.2\n',
        '<<: *a',
        '${port}',
        '$${x}',
        '__proto__',
        'meta',
        'steady_state',
        'probes',
        'type: http',
        '\t',
        '\u0000',
        '\uFEFF',
        '\uD800',
      ),
      fc.string({ maxLength: 8 }),
      fc.integer().map(String),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/** One edit of a known-good scenario. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: yamlish }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('value' as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.constantFrom(
        'null',
        '~',
        '-1',
        '1e309',
        '.nan',
        '.inf',
        '[]',
        '{}',
        '""',
        '0x1F',
        'yes',
        '99999999999999999999',
      ),
      fc.string({ maxLength: 20 }),
    ),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Mutation[]): string {
  let out = text;
  for (const edit of edits) {
    const lines = out.split('\n');
    const line = edit.at % Math.max(lines.length, 1);
    switch (edit.kind) {
      case 'insert': {
        const at = edit.at % (out.length + 1);
        out = out.slice(0, at) + edit.text + out.slice(at);
        break;
      }
      case 'delete-line':
        lines.splice(line, 1);
        out = lines.join('\n');
        break;
      case 'duplicate-line':
        lines.splice(line, 0, lines[line] ?? '');
        out = lines.join('\n');
        break;
      case 'indent': {
        const current = lines[line] ?? '';
        lines[line] =
          edit.by >= 0 ? ' '.repeat(edit.by) + current : current.replace(new RegExp(`^ {0,${-edit.by}}`), '');
        out = lines.join('\n');
        break;
      }
      case 'truncate':
        out = out.slice(0, edit.at % (out.length + 1));
        break;
      case 'value': {
        const current = lines[line] ?? '';
        const colon = current.indexOf(': ');
        if (colon !== -1) lines[line] = `${current.slice(0, colon + 2)}${edit.value}`;
        out = lines.join('\n');
        break;
      }
    }
  }
  return out;
}

describe('safeParseScenario on bad input (property)', () => {
  it('parses every example scenario', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const text of examples) expect(parsed(text).success).toBe(true);
  });

  it('never throws on random YAML, and every issue has a line and column (1,000 inputs)', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        parsed(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated example scenarios, and every issue has a line and column (1,500 inputs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (text, edits) => {
          parsed(mutate(text, edits));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary strings, and parseScenario throws only its own coded error (500 inputs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        parsed(text);
        try {
          parseScenario(text, { builtins });
        } catch (error) {
          expect(ScenarioEngineError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('safeParseScenario refuses resource-exhaustion documents quickly', () => {
  function laughs(levels: number, width: number): string {
    let text = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < levels; i++)
      text += `a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]\n`;
    return text;
  }

  it.each([
    ['a billion laughs through aliases (9 levels of 9)', laughs(9, 9), /aliases/],
    [
      'many cheap aliases',
      `x: &x 1\nl: [${Array.from({ length: 500 }, () => '*x').join(', ')}]\n`,
      /aliases/,
    ],
    [
      'a billion laughs through bindings',
      `bindings:\n  b0: "${'x'.repeat(100)}"\n${Array.from({ length: 9 }, (_, i) => `  b${i + 1}: "${`\${b${i}}`.repeat(10)}"`).join('\n')}\nmeta: {id: bomb, title: "\${b9}"}\n`,
      /substitution/,
    ],
    ['10,000 levels of flow nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /nested too deeply/],
    ['10,000 levels of flow maps', `${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, /nested too deeply/],
    [
      '200 levels of block nesting',
      Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
      /nested too deeply/,
    ],
    ['a 20 MB document', `meta:\n  title: ${'x'.repeat(20_000_000)}\n`, /limit is 1048576 bytes/],
    ['1 MB of multi-byte characters', `meta:\n  title: ${'é'.repeat(600_000)}\n`, /limit is 1048576 bytes/],
  ])('refuses %s with an issue, in well under 2 s', (_, text, message) => {
    const result = parsed(text, 2000);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('accepts a file just under the size limit without a size issue', () => {
    const text = `meta:\n  id: big\n  title: t\n  description: "${'x'.repeat(MAX_SCENARIO_BYTES - 200)}"\n`;
    const result = parsed(text);
    expect(!result.success && result.issues.some((i) => /limit is/.test(i.message))).toBe(false);
  });

  it('keeps __proto__, constructor and prototype keys as data: refused as unknown fields, nothing polluted', () => {
    const result = parsed(
      'meta: {id: p, title: t, __proto__: {polluted: true}}\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nsteady_state: {probes: [{type: tcp, name: p, port: 1}]}\n',
    );
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['__proto__']));
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses text that is not a string instead of throwing', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      const result = safeParseScenario(value as unknown as string);
      expect(result.success).toBe(false);
    }
  });
});
