/** When a log line happened: absolute (ms since the epoch, UTC) or relative to boot (dmesg). */
export interface LineTime {
  ms: number;
  absolute: boolean;
}

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

const ISO = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;
const SYSLOG = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})/;
const KLOG = /^[IWEF](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{1,9})/;
const DMESG_HUMAN = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})\]/;
const DMESG = /^\[\s{0,12}(\d{1,10})\.(\d{1,9})\]/;

function fraction(digits: string | undefined): number {
  return digits ? Number(`0.${digits}`) * 1000 : 0;
}

function iso(match: RegExpExecArray): LineTime | undefined {
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + fraction(frac);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) ? { ms, absolute: true } : undefined;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * A time without a year (syslog, klog) in `year`, or in the year before when that would put it
 * more than a day after `notAfterMs` (the collection time): December lines of a bundle collected
 * in January belong to the year before.
 */
function yearless(year: number, notAfterMs: number | undefined, at: (year: number) => number): LineTime {
  const ms = at(year);
  return {
    ms: notAfterMs !== undefined && ms > notAfterMs + DAY_MS ? at(year - 1) : ms,
    absolute: true,
  };
}

/**
 * Reads the time of a log line in the formats a bundle holds: ISO 8601 (container logs, JSON
 * logs), syslog/journal (`Nov  2 10:11:12`, year from `year`), klog (`I1102 10:11:12.123`),
 * `dmesg --ctime` and raw dmesg (seconds since boot, relative). Node clocks are taken as UTC.
 * With `notAfterMs` (when the bundle was collected), a yearless time that would fall more than a
 * day after it is put in the year before.
 */
export function parseLineTime(line: string, year: number, notAfterMs?: number): LineTime | undefined {
  const head = line.length > 200 ? line.slice(0, 200) : line;
  const first = head.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const match = ISO.exec(head);
    if (match && match.index === 0) return iso(match);
  }
  const syslog = SYSLOG.exec(head);
  if (syslog) {
    const month = MONTHS[syslog[1] as string];
    if (month !== undefined) {
      return yearless(year, notAfterMs, (y) =>
        Date.UTC(y, month, Number(syslog[2]), Number(syslog[3]), Number(syslog[4]), Number(syslog[5])),
      );
    }
  }
  const klog = KLOG.exec(head);
  if (klog) {
    return yearless(
      year,
      notAfterMs,
      (y) =>
        Date.UTC(y, Number(klog[1]) - 1, Number(klog[2]), Number(klog[3]), Number(klog[4]), Number(klog[5])) +
        fraction(klog[6]),
    );
  }
  if (first === 91) {
    const human = DMESG_HUMAN.exec(head);
    const month = human ? MONTHS[human[1] as string] : undefined;
    if (human && month !== undefined) {
      return {
        ms: Date.UTC(
          Number(human[6]),
          month,
          Number(human[2]),
          Number(human[3]),
          Number(human[4]),
          Number(human[5]),
        ),
        absolute: true,
      };
    }
    const raw = DMESG.exec(head);
    if (raw) return { ms: Number(raw[1]) * 1000 + fraction(raw[2]), absolute: false };
  }
  // JSON logs (ipamd) and logfmt (containerd) carry the time in a field.
  const field = head.indexOf('"ts":"') + 1 || head.indexOf('time="') + 1;
  if (field > 0) {
    const match = ISO.exec(head.slice(field));
    if (match) return iso(match);
  }
  return undefined;
}

/** The collection year from a bundle name (`eks_i-0abc_2026-11-02_1030-UTC_0.7.8.tar.gz`), if present. */
export function yearFromBundleName(name: string): number | undefined {
  const match = /_(20\d{2})-\d{2}-\d{2}_/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** When the bundle was collected, from its name (`eks_i-0abc_2026-11-02_1030-UTC_0.7.8.tar.gz`), in ms since the epoch. */
export function collectionTimeFromBundleName(name: string): number | undefined {
  const match = /_(20\d{2})-(\d{2})-(\d{2})_(\d{2})(\d{2})-UTC_/.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  return Number.isFinite(ms) ? ms : undefined;
}
