import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../bundle/open-bundle';
import { NodeDiagnosticsError } from '../errors';
import { LinearRegex } from './linear-regex';
import { searchBundle } from './search-bundle';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

describe('LinearRegex', () => {
  const cases: Array<[string, string, boolean]> = [
    ['oom', 'kernel: oom-kill', true],
    ['^kernel', 'kernel: x', true],
    ['^x', 'kernel: x', false],
    ['Killed process \\d+ \\(([^)]+)\\)', 'Killed process 12 (java) total', true],
    ['a{2,3}b', 'xaab', true],
    ['a{2,3}b', 'xab', false],
    ['(foo|bar)baz$', 'xbarbaz', true],
    ['\\bcat\\b', 'concat', false],
    ['\\bcat\\b', 'a cat!', true],
    ['[^a-z]+$', 'abc123', true],
    ['time="[0-9T:-]+Z"', 'time="2026-11-02T10:11:12Z"', true],
  ];
  it.each(cases)('/%s/ on %s is %s, as the native engine says', (pattern, text, expected) => {
    expect(new LinearRegex(pattern).test(text)).toBe(expected);
    expect(new RegExp(pattern).test(text)).toBe(expected);
  });

  it('matches ignoring case', () => {
    expect(new LinearRegex('OOM-KILL', true).test('oom-kill')).toBe(true);
  });

  it('runs a catastrophic pattern on a 100 KB line in linear time', () => {
    const line = `${'a'.repeat(100 * 1024)}!`;
    for (const pattern of ['(a+)+$', '(a|aa)+$', '(a*)*b', '(.*a){12}$']) {
      const started = performance.now();
      expect(new LinearRegex(pattern).test(line)).toBe(false);
      expect(performance.now() - started, pattern).toBeLessThan(2000);
    }
  });

  it.each(['(a)\\1', '(?=a)', '(?<!a)b', 'a{5000}', 'x'.repeat(600), '(', '[a-'])('refuses %s', (pattern) => {
    try {
      new LinearRegex(pattern);
      expect.unreachable();
    } catch (error) {
      expect(NodeDiagnosticsError.isInstance(error) && error.code).toBe('NODE_DIAG_PATTERN_REJECTED');
    }
  });
});

describe('searchBundle', () => {
  it('finds lines with file, line number and quoted text, within maxMatches', async () => {
    const source = await openBundle('oom-node', { roots: [fixtures] });
    const result = await searchBundle(source, { pattern: 'Killed process \\d+ \\(java\\)', maxMatches: 1 });
    expect(result.matches).toEqual([
      expect.objectContaining({
        file: 'kernel/dmesg.current',
        line: 3,
        text: expect.stringContaining('Killed process 4412 (java)'),
      }),
    ]);
    expect(result).toMatchObject({ truncated: true, stoppedBy: 'maxMatches' });
  });

  it('bounds by log time: lines without an absolute time are left out of a window', async () => {
    const source = await openBundle('oom-node', { roots: [fixtures] });
    const result = await searchBundle(source, {
      pattern: 'Killed',
      literal: true,
      around: '2026-11-02T10:00:00Z',
      windowMinutes: 5,
    });
    expect(result.matches).toEqual([]);
  });

  it('redacts secrets in matched lines', async () => {
    const source = await openBundle('oom-node', { roots: [fixtures] });
    const result = await searchBundle(source, { pattern: 'IGNORE ALL', literal: true });
    expect(result.matches[0]?.text).toContain('password=<redacted>');
  });
});
