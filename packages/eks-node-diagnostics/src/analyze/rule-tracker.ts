import { quoteLine } from '../text/quote-line';
import type { LineTime } from './line-time';

/** A line that matched, quoted. */
export interface Occurrence {
  file: string;
  line: number;
  excerpt: string;
  time?: LineTime;
}

/** When a tracker counts a finding: how many occurrences, within how many minutes, per subject or not. */
export interface TrackerOptions {
  minOccurrences: number;
  windowMinutes?: number;
  /** A second, higher threshold (escalation), with its own window. */
  escalate?: { minOccurrences: number; windowMinutes?: number };
  /** Each subject is counted on its own (see {@link LogRule.perSubject}). */
  perSubject?: boolean;
}

/** Most subjects counted on their own in one file; later subjects are not followed. */
export const MAX_TRACKED_SUBJECTS = 256;

/**
 * A count that must reach `min`, within a window of log time when the lines carry one (without a
 * time, every occurrence counts towards `min`). Holds at most `min` times.
 */
class Threshold {
  /** The occurrence at which the threshold was reached. */
  reachedAt?: Occurrence;
  private readonly times: number[] = [];
  private seen = 0;

  constructor(
    private readonly min: number,
    private readonly windowMinutes: number | undefined,
  ) {}

  add(occurrence: Occurrence): void {
    this.seen += 1;
    if (this.reachedAt) return;
    const time = occurrence.time;
    if (this.windowMinutes !== undefined && time) {
      const span = this.windowMinutes * 60_000;
      this.times.push(time.ms);
      while (this.times.length > 0 && (this.times[0] as number) < time.ms - span) this.times.shift();
      if (this.times.length > this.min) this.times.shift();
      if (this.times.length >= this.min) this.reachedAt = occurrence;
    } else if (this.seen >= this.min) {
      this.reachedAt = occurrence;
    }
  }
}

/** Counts the occurrences of one rule in one file, and decides when they make a finding. */
export class RuleTracker {
  count = 0;
  first?: Occurrence;
  last?: Occurrence;
  readonly subjects = new Map<string, number>();
  /** Subjects a later line cleared (see {@link RuleTracker.clear}), with the clearing line. */
  readonly cleared = new Map<string, Occurrence>();
  /** Per-subject trackers, when the rule counts each subject on its own. */
  readonly bySubject?: Map<string, RuleTracker>;
  private readonly threshold: Threshold;
  private readonly escalation?: Threshold;

  constructor(
    readonly file: string,
    private readonly options: TrackerOptions,
  ) {
    this.threshold = new Threshold(options.minOccurrences, options.windowMinutes);
    if (options.escalate)
      this.escalation = new Threshold(options.escalate.minOccurrences, options.escalate.windowMinutes);
    if (options.perSubject) this.bySubject = new Map();
  }

  /** The occurrence at which the threshold was reached (of the first subject to reach it, per subject). */
  get trigger(): Occurrence | undefined {
    if (!this.bySubject) return this.threshold.reachedAt;
    for (const tracker of this.bySubject.values()) if (tracker.trigger) return tracker.trigger;
    return undefined;
  }

  get triggered(): boolean {
    return this.trigger !== undefined;
  }

  /** Whether the escalation threshold was reached. */
  get escalated(): boolean {
    return this.escalation?.reachedAt !== undefined;
  }

  /** Records a matching line; `subject` is what the rule captured (a process, a device, a command). */
  record(lineNumber: number, line: string, time: LineTime | undefined, subject: string | undefined): void {
    this.add({ file: this.file, line: lineNumber, excerpt: quoteLine(line), time }, subject);
  }

  /** Records a line that clears `subject` (when the rule reported it before). */
  clear(lineNumber: number, line: string, time: LineTime | undefined, subject: string): void {
    const quoted = quoteLine(subject, 64);
    if (!this.subjects.has(quoted)) return;
    this.cleared.set(quoted, { file: this.file, line: lineNumber, excerpt: quoteLine(line), time });
  }

  private add(occurrence: Occurrence, subject: string | undefined): void {
    this.count += 1;
    this.first ??= occurrence;
    this.last = occurrence;
    // subjects are quoted like lines: they end up in the finding's title and detail
    const quoted = subject === undefined ? undefined : quoteLine(subject, 64);
    if (quoted !== undefined && (this.subjects.size < 20 || this.subjects.has(quoted))) {
      this.subjects.set(quoted, (this.subjects.get(quoted) ?? 0) + 1);
    }
    if (quoted !== undefined) this.cleared.delete(quoted);
    this.threshold.add(occurrence);
    this.escalation?.add(occurrence);
    if (this.bySubject && quoted !== undefined) {
      let tracker = this.bySubject.get(quoted);
      if (!tracker && this.bySubject.size < MAX_TRACKED_SUBJECTS) {
        const { perSubject: _, ...options } = this.options;
        tracker = new RuleTracker(this.file, options);
        this.bySubject.set(quoted, tracker);
      }
      tracker?.add(occurrence, subject);
    }
  }
}
