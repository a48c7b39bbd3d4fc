import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

/** One line of a run's journal. */
export interface JournalEntry {
  /** Sequence number, from 1. */
  seq: number;
  /** When it was written (ISO 8601). */
  at: string;
  type: string;
  [key: string]: unknown;
}

/**
 * The run's journal: JSON lines, each written and fsync'd before the engine takes its next step,
 * so a run killed at any point (kill -9 included) can be rolled back from it.
 */
export class Journal {
  private fd: number | undefined;
  private seq = 0;

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {
    this.fd = openSync(path, 'a');
    try {
      const text = readFileSync(path, 'utf8');
      if (text.length > 0 && !text.endsWith('\n')) writeSync(this.fd, '\n'); // end a torn line
      this.seq = readJournal(path).length;
    } catch {
      this.seq = 0;
    }
  }

  /** Appends an entry and flushes it to disk before returning. */
  append(type: string, data: Record<string, unknown> = {}): JournalEntry {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    this.seq += 1;
    const entry: JournalEntry = { seq: this.seq, at: new Date(this.now()).toISOString(), type, ...data };
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
    return entry;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Reads a journal; a torn last line (a crash mid-write) is ignored. */
export function readJournal(path: string): JournalEntry[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const entries: JournalEntry[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // a partial line from a crash: everything before it is intact
    }
  }
  return entries;
}
