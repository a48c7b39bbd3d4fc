const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Parses an ISO 8601 duration as FIS writes them (`PT30S`, `PT5M`, `PT1H30M`, `P1D`) into seconds.
 * Returns `null` for anything else, including an empty `P` or `PT`.
 *
 * @example
 * parseIsoDuration('PT1H30M'); // 5400
 */
export function parseIsoDuration(text: string): number | null {
  if (typeof text !== 'string' || text.length > 32) return null;
  const match = ISO_DURATION.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === 'P' || /T$/.test(text.trim().toUpperCase())) return null;
  const [, days, hours, minutes, seconds] = match;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined)
    return null;
  return (
    Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3_600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)
  );
}

/**
 * True when the text is an ISO 8601 duration written exactly as FIS expects it: upper-case
 * designators and no surrounding spaces (`PT5M`, not `PT5m` or ` PT5M`). {@link parseIsoDuration}
 * reads those leniently; this tells them apart.
 *
 * @example
 * isExactIsoDuration('PT5M'); // true
 * isExactIsoDuration('pt5m'); // false
 */
export function isExactIsoDuration(text: string): boolean {
  return parseIsoDuration(text) !== null && ISO_DURATION.test(text);
}

/**
 * Writes a number of seconds as the shortest ISO 8601 duration FIS accepts (`PT5M`, `PT1H30M`).
 *
 * @example
 * formatIsoDuration(90); // 'PT1M30S'
 */
export function formatIsoDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (seconds === 0) return 'PT0S';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

/** Human words for a number of seconds: `5 min`, `1 h 30 min`, `45 s`. */
export function describeDuration(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = Math.round(totalSeconds % 60);
  return [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean).join(' ') || '0 s';
}
