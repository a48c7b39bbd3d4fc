/** `12345` → `12,345`; keeps findings readable. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A ratio as a whole percentage, e.g. `0.731` → `73%`. */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
