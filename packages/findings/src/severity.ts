import { z } from 'zod';

/**
 * The one severity scale every Faultline package uses, most severe first.
 *
 * - `critical`: users are affected now, or data is at risk; act immediately.
 * - `high`: a failure that will affect users soon or under load; act today.
 * - `medium`: degraded resilience; no user impact yet; plan a fix.
 * - `low`: a deviation from good practice with a small blast radius.
 * - `info`: context for an investigation; nothing to fix.
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** A severity on Faultline's scale. */
export type Severity = (typeof SEVERITIES)[number];

/** Zod schema of {@link Severity}. */
export const SeveritySchema = z.enum(SEVERITIES);

const ALIASES: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  sev0: 'critical',
  sev1: 'critical',
  p0: 'critical',
  p1: 'high',
  blocker: 'critical',
  emergency: 'critical',
  fatal: 'critical',
  high: 'high',
  major: 'high',
  error: 'high',
  sev2: 'high',
  urgent: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  warn: 'medium',
  sev3: 'medium',
  p2: 'medium',
  normal: 'medium',
  low: 'low',
  minor: 'low',
  sev4: 'low',
  p3: 'low',
  p4: 'info',
  info: 'info',
  informational: 'info',
  notice: 'info',
  none: 'info',
};

/**
 * Maps a severity or priority as other tools spell it (`HIGH`, `P1`, `SEV2`, `warning`,
 * `Informational`) onto Faultline's scale. Returns `undefined` when the value is not recognised.
 *
 * @example
 * toSeverity('P1'); // 'high'
 */
export function toSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  return ALIASES[key];
}

/** Orders severities, most severe first; useful as an `Array.prototype.sort` comparator. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}
