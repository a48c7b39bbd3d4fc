import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineLimiter } from './line-limiter';

async function through(chunks: readonly (string | Buffer)[], max: number) {
  const dropped: number[] = [];
  const out: Buffer[] = [];
  const limiter = Readable.from(chunks.map((c) => Buffer.from(c))).pipe(
    new LineLimiter(max, (bytes) => dropped.push(bytes)),
  );
  for await (const chunk of limiter) out.push(chunk as Buffer);
  return { text: Buffer.concat(out).toString('utf8'), dropped };
}

describe('LineLimiter', () => {
  it('passes lines within the limit on whole and drops longer ones, however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, '')),
          { maxLength: 8 },
        ),
        fc.array(fc.nat({ max: 50 }), { maxLength: 6 }),
        async (lines, cuts) => {
          const input = lines.map((l) => `${l}\n`).join('');
          const bytes = Buffer.from(input);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points, bytes.length]
            .slice(1)
            .map((end, i, all) => bytes.subarray(i === 0 ? 0 : (all[i - 1] as number), end));
          const { text, dropped } = await through(chunks, 20);
          const kept = lines.filter((l) => Buffer.byteLength(l) <= 20);
          expect(text).toBe(kept.map((l) => `${l}\n`).join(''));
          expect(dropped).toHaveLength(lines.length - kept.length);
        },
      ),
    );
  });

  it('keeps memory to one line: a 12 MB line is dropped and the next line passes', async () => {
    const { text, dropped } = await through(
      ['a'.repeat(6 << 20), 'a'.repeat(6 << 20), '\n{"ok":1}\n'],
      8 << 20,
    );
    expect(text).toBe('{"ok":1}\n');
    expect(dropped).toEqual([12 << 20]);
  });
});
