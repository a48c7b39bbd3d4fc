import type { CliIo, OutputStream } from './io';

/** Text styles; identity functions when colour is off. */
export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/**
 * Whether to colour a stream: never with `NO_COLOR` set (https://no-color.org) or `--no-color`,
 * always with `FORCE_COLOR` set to anything but `0`, else only on a terminal that is not `dumb`.
 */
export function colorEnabled(stream: OutputStream, env: CliIo['env'], noColorFlag: boolean): boolean {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const paint = (on: boolean, open: number, close: number) => (text: string) =>
  on ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** Styles for one stream. */
export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: paint(enabled, 1, 22),
    dim: paint(enabled, 2, 22),
    red: paint(enabled, 31, 39),
    green: paint(enabled, 32, 39),
    yellow: paint(enabled, 33, 39),
    cyan: paint(enabled, 36, 39),
  };
}

/** Length of text as shown, without colour codes. */
export function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour codes is the point
  return text.replace(/\u001b\[\d+m/g, '').length;
}

/** Cuts text to `width` characters, ending with an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/**
 * Lays out rows as aligned columns. The last column is not padded; cells are truncated to the
 * column's `max` width.
 */
export function table(header: string[], rows: string[][], style: Style, max: number[] = []): string {
  const cut = (row: string[]) => row.map((cell, i) => (max[i] ? truncate(cell, max[i] as number) : cell));
  const all = [header, ...rows].map(cut);
  const widths = header.map((_, i) => Math.max(...all.map((row) => visibleLength(row[i] ?? ''))));
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell)),
      )
      .join('  ')
      .trimEnd();
  return [style.bold(line(all[0] as string[])), ...all.slice(1).map(line)].join('\n');
}
