import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRegexGuard } from '../evaluate/regex-guard';
import { createHttpProbe } from '../probes/http-probe';
import { SandboxedCommandRunner } from '../remedy/sandboxed-command-runner';
import { safeParseScenario } from '../scenario/parse-scenario';
import { compileUserRegex, testWithin, USER_REGEX_TIME_LIMIT_MS, userRegexProblem } from './user-regex';

/** What a frozen process would never do: a timer set before the call fires soon after it. */
async function responsive<T>(work: () => T): Promise<{ value: T; ms: number; lagMs: number }> {
  const started = performance.now();
  let fired = 0;
  const timer = new Promise<void>((resolve) =>
    setTimeout(() => {
      fired = performance.now();
      resolve();
    }, 10),
  );
  const value = work();
  const ms = performance.now() - started;
  await timer;
  return { value, ms, lagMs: fired - started };
}

const SLACK_MS = 1500; // a loaded 2-core machine

describe('user regular expressions cannot freeze the process', () => {
  it.each([
    ['(a+)+$', 'a'.repeat(50_000)],
    ['(.*a){20}', `${'a'.repeat(19)}${'b'.repeat(50_000)}`],
    ['(?:\\w+\\s?)+$', `${'word '.repeat(10_000)}!`],
    ['(a*)*b', 'a'.repeat(50_000)],
  ])('refuses the nested quantifier in %s before it runs', (pattern) => {
    expect(() => compileUserRegex(pattern)).toThrow(/nested quantifier/);
    expect(userRegexProblem(pattern)).toMatch(/catastrophic backtracking/);
  });

  it.each([
    ['(a|aa)*b', 'a'.repeat(100_000)],
    ['(a|a)*$', `${'a'.repeat(100_000)}!`],
    ['^(\\d|\\d\\d)*x', '1'.repeat(100_000)],
    ['(?:a|ab|b)*c', 'ab'.repeat(50_000)],
    ['.*.*.*.*.*=$', `${'x='.repeat(50_000)}x`],
  ])('stops %s, which the static check lets through, at the time limit', async (pattern, text) => {
    const regex = compileUserRegex(pattern);
    const { value, ms, lagMs } = await responsive(() => testWithin(regex, text));
    expect(value).toBe('timeout');
    expect(ms).toBeLessThan(USER_REGEX_TIME_LIMIT_MS + SLACK_MS);
    expect(lagMs).toBeLessThan(USER_REGEX_TIME_LIMIT_MS + SLACK_MS);
  });

  it('gives plain answers for ordinary patterns, (?i) included', () => {
    expect(testWithin(compileUserRegex('(?i)root cause: \\w+'), 'Root Cause: disk')).toBe(true);
    expect(testWithin(compileUserRegex('^\\d{3}$'), '12a')).toBe(false);
    expect(userRegexProblem('(unclosed')).toMatch(/not a valid regular expression/);
    expect(userRegexProblem('x'.repeat(201))).toMatch(/longer than 200/);
  });

  it('answers within the limit for any pattern it accepts, on any text (300 random pairs)', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      '.',
      '\\w',
      '\\d',
      '[ab]',
      '[^a]',
      '(',
      ')',
      '|',
      '*',
      '+',
      '?',
      '{2,}',
      '^',
      '$',
    );
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 12 }).map((t) => t.join('')),
        fc.string({ maxLength: 3000, unit: fc.constantFrom('a', 'b', '1', ' ', '!') }),
        (pattern, text) => {
          if (userRegexProblem(pattern)) return;
          const started = performance.now();
          const result = testWithin(compileUserRegex(pattern), text);
          expect([true, false, 'timeout']).toContain(result);
          expect(performance.now() - started).toBeLessThan(USER_REGEX_TIME_LIMIT_MS + SLACK_MS);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('every place a scenario regex runs is bounded', () => {
  it('a guard: a catastrophic pattern fails the guard with a reason, in bounded time', async () => {
    const { value, ms } = await responsive(() =>
      evaluateRegexGuard('a'.repeat(100_000), { pattern: '(a|aa)*b', must: 'not_match' }),
    );
    expect(value).toMatchObject({ passed: false, reason: expect.stringMatching(/ran longer than/) });
    expect(ms).toBeLessThan(USER_REGEX_TIME_LIMIT_MS + SLACK_MS);
    expect(evaluateRegexGuard('x', { pattern: '(a+)+$', must: 'match' }).reason).toMatch(/nested quantifier/);
  });

  it('a sandbox deny pattern: the command is refused (fail closed) when the pattern runs out of time', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fl-redos-'));
    try {
      const runner = new SandboxedCommandRunner({ allow: ['echo'], root, denyPatterns: ['(a|aa)*b'] });
      const { value, ms } = await responsive(() =>
        runner.check({ name: 'x', cmd: 'echo', args: ['a'.repeat(8000)] }),
      );
      expect(value).toMatch(/ran out of time/);
      expect(ms).toBeLessThan(USER_REGEX_TIME_LIMIT_MS * 12 + SLACK_MS);
      expect(() => new SandboxedCommandRunner({ allow: [], root, denyPatterns: ['(x+)+y'] })).toThrow(
        /nested quantifier/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('an http probe body_regex', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_, res) => res.end('a'.repeat(60_000)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fails the sample when the pattern runs out of time', async () => {
      const probe = createHttpProbe(
        { name: 'p', type: 'http', url, method: 'GET', expect: { body_regex: '(a|aa)*b' } } as never,
        5000,
        () => performance.now(),
      );
      const started = performance.now();
      const sample = await probe.sample();
      expect(sample.ok).toBe(false);
      expect(sample.error).toMatch(/ran longer than/);
      expect(performance.now() - started).toBeLessThan(USER_REGEX_TIME_LIMIT_MS + SLACK_MS + 1000);
    });
  });

  it('validation reports unsafe and invalid patterns with their line and column', () => {
    const result = safeParseScenario(`meta: {id: r, title: regexes}
steady_state:
  probes:
    - name: web
      type: http
      url: http://127.0.0.1:1/
      expect:
        body_regex: "(a+)+$"
assistant: {kind: openai, url: "http://127.0.0.1:1/v1"}
assistant_rca:
  user: why?
  guards:
    - type: regex
      pattern: "(unclosed"
execute_remedy:
  sandbox:
    deny_patterns: ["(.*a){20}"]
`);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => [i.path, i.line, i.kind])).toEqual([
      ['steady_state.probes[0].expect.body_regex', 8, 'reference'],
      ['assistant_rca.guards[0].pattern', 14, 'reference'],
      ['execute_remedy.sandbox.deny_patterns[0]', 17, 'reference'],
    ]);
    expect(result.issues[0]?.message).toMatch(/nested quantifier/);
    expect(result.issues[1]?.message).toMatch(/not a valid regular expression/);
  });
});
