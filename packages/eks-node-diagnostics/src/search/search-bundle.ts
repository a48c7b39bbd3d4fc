import { collectionTimeFromBundleName, parseLineTime, yearFromBundleName } from '../analyze/line-time';
import type { BundleSource } from '../bundle/bundle-source';
import { forEachLine } from '../bundle/line-reader';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { quoteLine } from '../text/quote-line';
import { LinearRegex } from './linear-regex';

/** Options of {@link searchBundle}. */
export interface SearchOptions {
  /** The pattern: a literal string, or a regular expression run by the linear-time engine. */
  pattern: string;
  /** Treat `pattern` as a literal string (default false). */
  literal?: boolean;
  ignoreCase?: boolean;
  /** Only files whose bundle path starts with one of these (e.g. `kubelet/`, `var_log/messages`). */
  files?: readonly string[];
  /** Only lines at or after this ISO time. Lines without an absolute time are skipped when a bound is set. */
  since?: string;
  /** Only lines at or before this ISO time. */
  until?: string;
  /** Centre of a time window (ISO); with `windowMinutes` sets since/until. */
  around?: string;
  /** Half-width of the window around `around`, in minutes. Default 15. */
  windowMinutes?: number;
  /** Most matches returned. Default 50, at most 500. */
  maxMatches?: number;
  /** Longest part of a line searched by a regex, in characters. Default 4096. */
  maxLineChars?: number;
  /** Stop after this many ms of searching. Default 20 s. */
  deadlineMs?: number;
  year?: number;
  now?: () => number;
}

/** One matching line. */
export interface SearchMatch {
  file: string;
  line: number;
  time?: string;
  text: string;
}

/** The result of {@link searchBundle}. */
export interface SearchResult {
  matches: SearchMatch[];
  /** True when more lines matched than were returned, or the deadline stopped the search. */
  truncated: boolean;
  stoppedBy?: 'maxMatches' | 'deadline';
  filesScanned: number;
  linesScanned: number;
}

function isoMs(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.InvalidInput,
      `${field} is not an ISO 8601 time: "${value.slice(0, 64)}"`,
      {
        data: { issues: [{ path: [field], message: 'not an ISO 8601 time' }] },
      },
    );
  }
  return ms;
}

/**
 * Searches a bundle's log lines for a pattern, bounded in output (maxMatches), in time (a window of
 * log time) and in cost (linear-time matching, capped line length, a deadline). Matched lines are
 * quoted, capped and redacted: they are data.
 */
export async function searchBundle(source: BundleSource, options: SearchOptions): Promise<SearchResult> {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.deadlineMs ?? 20_000);
  const maxMatches = Math.min(Math.max(options.maxMatches ?? 50, 1), 500);
  const maxLine = options.maxLineChars ?? 4096;
  const year = options.year ?? yearFromBundleName(source.name) ?? new Date().getUTCFullYear();
  // the same times analyzeBundle gives, so a finding's firstSeen finds its lines
  const notAfter =
    options.year === undefined ? (collectionTimeFromBundleName(source.name) ?? Date.now()) : undefined;
  const centre = isoMs(options.around, 'around');
  const half = (options.windowMinutes ?? 15) * 60_000;
  const since = isoMs(options.since, 'since') ?? (centre !== undefined ? centre - half : undefined);
  const until = isoMs(options.until, 'until') ?? (centre !== undefined ? centre + half : undefined);
  const bounded = since !== undefined || until !== undefined;
  let test: (line: string) => boolean | 'deadline';
  if (options.literal) {
    const needle = options.ignoreCase ? options.pattern.toLowerCase() : options.pattern;
    if (needle.length === 0)
      throw new NodeDiagnosticsError(NodeDiagnosticsErrorCode.PatternRejected, 'the search pattern is empty');
    test = options.ignoreCase
      ? (line) => line.toLowerCase().includes(needle)
      : (line) => line.includes(needle);
  } else {
    const regex = new LinearRegex(options.pattern, options.ignoreCase ?? false);
    test = (line) => regex.testUntil(line.length > maxLine ? line.slice(0, maxLine) : line, deadline, now);
  }
  const matches: SearchMatch[] = [];
  let truncated = false;
  let stoppedBy: SearchResult['stoppedBy'];
  let filesScanned = 0;
  let linesScanned = 0;
  for await (const file of source.files()) {
    if (options.files && !options.files.some((prefix) => file.path.startsWith(prefix))) continue;
    filesScanned += 1;
    const result = await forEachLine(file.read(), (line, lineNumber) => {
      linesScanned += 1;
      // every line: one costly line per pattern is enough to blow a budget checked every 256 lines
      if (now() > deadline) {
        stoppedBy = 'deadline';
        return false;
      }
      let time: ReturnType<typeof parseLineTime>;
      if (bounded) {
        time = parseLineTime(line, year, notAfter);
        if (!time?.absolute) return undefined;
        if ((since !== undefined && time.ms < since) || (until !== undefined && time.ms > until))
          return undefined;
      }
      const matched = test(line);
      if (matched === 'deadline') {
        stoppedBy = 'deadline';
        return false;
      }
      if (!matched) return undefined;
      if (matches.length >= maxMatches) {
        stoppedBy = 'maxMatches';
        return false;
      }
      time ??= parseLineTime(line, year, notAfter);
      matches.push({
        file: file.path,
        line: lineNumber,
        ...(time?.absolute && { time: new Date(time.ms).toISOString() }),
        text: quoteLine(line),
      });
      return undefined;
    });
    if (result.stopped) {
      truncated = true;
      break;
    }
  }
  return { matches, truncated, ...(stoppedBy && { stoppedBy }), filesScanned, linesScanned };
}
