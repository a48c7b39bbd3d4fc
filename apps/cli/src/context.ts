import { type OptionValues, stringOption } from './args';
import type { CliIo } from './io';
import { colorEnabled, createStyle, type Style } from './style';

/** What a command gets: its arguments, the streams and how to write to them. */
export interface CommandContext {
  io: CliIo;
  command: string;
  options: OptionValues;
  positionals: string[];
  /** `--json`: print one JSON document on stdout and nothing else there. */
  json: boolean;
  /** Styles of stdout and of stderr (each coloured only when that stream is a terminal). */
  out: Style;
  err: Style;
  /** Writes a line to stdout. */
  print(text?: string): void;
  /** Writes a value as JSON to stdout. */
  printJson(value: unknown): void;
  /** Writes a line to stderr (notes and warnings, also with `--json`). */
  note(text: string): void;
  /** Writes a progress line to stderr, unless `--quiet`. */
  progress(text: string): void;
  string(name: string): string | undefined;
}

/** Builds the context of one command run. */
export function createContext(
  io: CliIo,
  command: string,
  options: OptionValues,
  positionals: string[],
): CommandContext {
  const noColor = options['no-color'] === true;
  const quiet = options.quiet === true;
  const err = createStyle(colorEnabled(io.stderr, io.env, noColor));
  return {
    io,
    command,
    options,
    positionals,
    json: options.json === true,
    out: createStyle(colorEnabled(io.stdout, io.env, noColor)),
    err,
    print: (text = '') => io.stdout.write(`${text}\n`),
    printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => io.stderr.write(`${text}\n`),
    progress: (text) => {
      if (!quiet) io.stderr.write(`${err.dim(text)}\n`);
    },
    string: (name) => stringOption(options, name),
  };
}
