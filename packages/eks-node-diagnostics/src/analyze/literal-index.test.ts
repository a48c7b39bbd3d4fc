import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOG_RULES } from '../rules/catalog';
import { LiteralIndex } from './literal-index';

const naive = (entries: Array<{ literals: string[]; value: number }>, line: string) =>
  entries.filter((e) => e.literals.some((l) => line.includes(l))).map((e) => e.value);

const sorted = (set: Set<number> | undefined) => [...(set ?? [])].sort((a, b) => a - b);

describe('LiteralIndex', () => {
  it('finds every value whose literal a line holds, overlapping and regex-special literals included', () => {
    const entries = [
      { literals: ['containerd'], value: 1 },
      { literals: ['containerd.service', 'x'], value: 2 },
      { literals: ['d.s'], value: 3 },
      { literals: ['a(b)[c]*+?', '\\'], value: 4 },
      { literals: ['tainer'], value: 5 },
    ];
    const index = new LiteralIndex(entries);
    for (const line of [
      'Unit containerd.service entered failed state',
      'a(b)[c]*+? back\\slash',
      'nothing here',
      '',
      'containerdcontainerd',
    ]) {
      expect(sorted(index.match(line))).toEqual(naive(entries, line));
    }
    expect(index.match('nothing here')).toBeUndefined();
  });

  it('agrees with one includes per literal on any line (property)', () => {
    const literal = fc.string({
      unit: fc.constantFrom('a', 'b', 'c', '.', '*', '(', '\n'),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(literal, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.', '*', '(', '\n', 'x'), maxLength: 40 }),
        (lists, line) => {
          const entries = lists.map((literals, value) => ({ literals, value }));
          expect(sorted(new LiteralIndex(entries).match(line))).toEqual(naive(entries, line));
        },
      ),
    );
  });

  it("agrees with the rules' own literals on their examples", () => {
    const entries = LOG_RULES.map((rule, value) => ({ literals: [...rule.contains], value }));
    const index = new LiteralIndex(entries);
    for (const rule of LOG_RULES) {
      for (const line of [...rule.examples.match, ...rule.examples.noMatch]) {
        expect(sorted(index.match(line))).toEqual(naive(entries, line));
      }
    }
  });

  it('treats an empty literal as present in every line', () => {
    const index = new LiteralIndex([{ literals: [''], value: 7 }]);
    expect(sorted(index.match('anything'))).toEqual([7]);
  });
});
