import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BundleSource } from '../bundle/bundle-source';
import { NodeDiagnosticsError } from '../errors';
import { LinearRegex } from './linear-regex';
import { searchBundle } from './search-bundle';

/** A bundle of one file whose lines are all `line`. */
function bundleOf(line: string, count: number): BundleSource {
  const text = `${line}\n`.repeat(count);
  return {
    ref: 'mem',
    name: 'eks_i-0abc_2026-11-02_1030-UTC_0.7.8',
    kind: 'folder',
    async *files() {
      yield { path: 'kubelet/kubelet.log', size: text.length, read: () => Readable.from([text]) };
    },
  };
}

const cls = Array.from({ length: 120 }, (_, i) => String.fromCharCode(0x100 + i)).join('');

describe('search_node_logs patterns cannot freeze the process', () => {
  it.each([
    ['(a+)+$', `${'a'.repeat(4096)}!`],
    ['(a|aa)*b', 'a'.repeat(4096)],
    ['(.*a){20}', `${'a'.repeat(19)}${'b'.repeat(4077)}`],
    ['(\\w+\\s?)+$', `${'word '.repeat(800)}!`],
  ])('matches the catastrophic pattern %s on a 4 KB line in linear time', (pattern, line) => {
    const regex = new LinearRegex(pattern);
    const started = performance.now();
    expect(regex.test(line)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('keeps its time budget on the costliest patterns it accepts (4,000 steps per character)', async () => {
    // each line costs about a second: before the fix the deadline was checked every 256 lines (minutes)
    const pattern = `(?:[^${cls}]|[^${cls}]){900}x`;
    const started = performance.now();
    const result = await searchBundle(bundleOf('a'.repeat(4096), 1000), { pattern, deadlineMs: 500 });
    const elapsed = performance.now() - started;
    expect(result.stoppedBy).toBe('deadline');
    expect(result.truncated).toBe(true);
    expect(elapsed).toBeLessThan(500 + 1500);
  });

  it('gives up inside one long line once the deadline passes', () => {
    const regex = new LinearRegex('(.*a){1000}x');
    let clock = 0;
    expect(regex.testUntil('a'.repeat(4096), 10, () => (clock += 1))).toBe('deadline');
    expect(regex.testUntil('a'.repeat(4096))).toBe(false);
  });

  it('agrees with JavaScript’s own engine wherever both accept the pattern (1,000 random pairs)', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      '.',
      '[ab]',
      '[^a]',
      '\\d',
      '\\w',
      '\\s',
      '\\b',
      '(',
      ')',
      '(?:',
      '|',
      '*',
      '+',
      '?',
      '{2}',
      '{1,3}',
      '^',
      '$',
    );
    fc.assert(
      fc.property(
        fc.array(token, { minLength: 1, maxLength: 10 }).map((t) => t.join('')),
        fc.string({ maxLength: 16, unit: fc.constantFrom('a', 'b', '1', ' ', '-') }),
        fc.boolean(),
        (pattern, text, ignoreCase) => {
          let native: RegExp;
          try {
            native = new RegExp(pattern, ignoreCase ? 'i' : '');
          } catch {
            return;
          }
          let linear: LinearRegex;
          try {
            linear = new LinearRegex(pattern, ignoreCase);
          } catch (error) {
            expect(NodeDiagnosticsError.isInstance(error)).toBe(true);
            return;
          }
          expect(linear.test(text)).toBe(native.test(text));
        },
      ),
      // counterexamples fast-check found: case folding must apply before a class's negation
      {
        numRuns: 1000,
        examples: [
          ['[^a]$', 'a', true],
          ['[^ab]', 'B', true],
          ['[^a-b]+', 'AB', true],
        ],
      },
    );
  });

  it('refuses hostile patterns with a coded error, never another exception (1,000 random patterns)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (pattern) => {
        try {
          new LinearRegex(pattern).test('some log line 123');
        } catch (error) {
          expect(NodeDiagnosticsError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
