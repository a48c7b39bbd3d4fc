import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal, readJournal } from './journal';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Journal', () => {
  it('appends numbered entries, survives a torn last line and continues numbering', () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'fl-journal-'));
    const path = join(dir, 'journal.jsonl');
    const journal = new Journal(path, () => 0);
    // Act
    journal.append('transition', { from: 'INIT', to: 'PRECHECK' });
    journal.append('fault-injected', { id: 'f1' });
    journal.close();
    appendFileSync(path, '{"seq":3,"ty');
    const again = new Journal(path, () => 0);
    again.append('fault-reverted', { id: 'f1' });
    again.close();
    // Assess
    expect(readJournal(path).map((e) => [e.seq, e.type])).toEqual([
      [1, 'transition'],
      [2, 'fault-injected'],
      [3, 'fault-reverted'],
    ]);
    expect(readJournal(path)[0]).toMatchObject({ at: '1970-01-01T00:00:00.000Z', from: 'INIT' });
  });
});
