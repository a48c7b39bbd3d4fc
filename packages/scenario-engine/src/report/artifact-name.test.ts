import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRemedyCommands } from '../remedy/parse-remedy-commands';
import { commandOutputFile } from './artifact-name';

const runDir = mkdtempSync(join(tmpdir(), 'fl-artifacts-'));
mkdirSync(join(runDir, 'commands'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('artifact names in a run folder', () => {
  it.each([
    '../../../etc/passwd',
    '/etc/passwd',
    '..',
    'a\u0000b',
    '%2e%2e%2f%2e%2e%2fetc',
    '..\\..\\windows',
    'x'.repeat(10_000),
    'é'.repeat(300),
    '',
  ])('turns the command name %j into a plain file inside commands/', (name) => {
    const file = commandOutputFile(3, 'remedy', name);
    expect(file).toMatch(/^commands\/03-remedy-[A-Za-z0-9_-]{1,64}\.txt$/);
    writeFileSync(join(runDir, file), 'x');
    expect(readdirSync(join(runDir, 'commands'))).toContain(basename(file));
  });

  it('keeps any label inside commands/ and under 255 bytes (3,000 labels)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.anything()),
        fc.nat(),
        (label, index) => {
          const file = commandOutputFile(index, 'cleanup', label);
          expect(dirname(join(runDir, file))).toBe(join(runDir, 'commands'));
          expect(Buffer.byteLength(basename(file))).toBeLessThanOrEqual(255);
          expect(file.includes('..') || file.includes('\u0000') || file.includes('\\')).toBe(false);
        },
      ),
      // the first counterexample fast-check found: a label whose String() throws
      {
        numRuns: 3000,
        examples: [
          [{ toString: null }, 0],
          [Object.create(null), 1],
        ],
      },
    );
  });

  it('gives assistant-proposed commands whose name is not text the default name', () => {
    const { commands } = parseRemedyCommands(
      JSON.stringify({
        commands: [
          { name: { evil: 1 }, cmd: 'kubectl', args: ['get', 1] },
          { name: '', cmd: 'ls' },
        ],
      }),
    );
    expect(commands.map((c) => c.name)).toEqual(['assistant-1', 'assistant-2']);
    expect(commands[0]?.args).toEqual(['get', '1']);
  });
});
