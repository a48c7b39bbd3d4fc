import { quoteLine } from '../text/quote-line';
import type { LineTime } from './line-time';

/** A line that matched, quoted. */
export interface Occurrence {
  file: string;
  line: number;
  excerpt: string;
  time?: LineTime;
}

/** Counts the occurrences of one rule in one file, and decides when they make a finding. */
export class RuleTracker {
  count = 0;
  first?: Occurrence;
  last?: Occurrence;
  /** The occurrence at which the threshold was reached. */
  trigger?: Occurrence;
  readonly subjects = new Map<string, number>();
  private readonly window: number[] = [];

  constructor(
    readonly file: string,
    private readonly minOccurrences: number,
    private readonly windowMinutes: number | undefined,
  ) {}

  get triggered(): boolean {
    return this.trigger !== undefined;
  }

  record(lineNumber: number, line: string, time: LineTime | undefined, subject: string | undefined): void {
    this.count += 1;
    const occurrence: Occurrence = { file: this.file, line: lineNumber, excerpt: quoteLine(line), time };
    this.first ??= occurrence;
    this.last = occurrence;
    // subjects are quoted like lines: they end up in the finding's title and detail
    const quoted = subject === undefined ? undefined : quoteLine(subject, 64);
    if (quoted !== undefined && (this.subjects.size < 20 || this.subjects.has(quoted))) {
      this.subjects.set(quoted, (this.subjects.get(quoted) ?? 0) + 1);
    }
    if (this.trigger) return;
    if (this.windowMinutes !== undefined && time) {
      const span = this.windowMinutes * 60_000;
      this.window.push(time.ms);
      while (this.window.length > 0 && (this.window[0] as number) < time.ms - span) this.window.shift();
      if (this.window.length > this.minOccurrences) this.window.shift();
      if (this.window.length >= this.minOccurrences) this.trigger = occurrence;
    } else if (this.count >= this.minOccurrences) {
      this.trigger = occurrence;
    }
  }
}
