import { closestMatch } from '@faultline/fis-core';
import { UsageError } from './errors';

/** One option of a command. */
export interface OptionSpec {
  /** Long name without the dashes, e.g. `role-arn`. */
  name: string;
  /** One-letter alias without the dash, e.g. `h`. */
  short?: string;
  /** Placeholder of the value (e.g. `ARN`); absent for a switch. */
  value?: string;
  /** The option may be given several times; its values are collected in order. */
  repeatable?: boolean;
  help: string;
}

/** One positional argument of a command. */
export interface PositionalSpec {
  name: string;
  required: boolean;
  help: string;
}

/** What a command accepts, used for parsing and for its help text. */
export interface CommandSpec {
  name: string;
  summary: string;
  positionals: PositionalSpec[];
  options: OptionSpec[];
  /** Lines shown after the options in `--help`. */
  notes?: string[];
}

/** Values of the options given: a string per valued option, `true` per switch, a list per repeatable option. */
export type OptionValues = Record<string, string | boolean | string[]>;

/** The command line, parsed. */
export type ParsedArgs =
  | { kind: 'help'; command?: string }
  | { kind: 'version' }
  | { kind: 'command'; command: string; options: OptionValues; positionals: string[] };

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'json', help: 'Print JSON for scripts instead of text' },
  { name: 'quiet', short: 'q', help: 'No progress messages on stderr' },
  { name: 'no-color', help: 'No colours (also NO_COLOR=1; colours are used only on a terminal)' },
  { name: 'help', short: 'h', help: 'Show help' },
];

function findOption(specs: OptionSpec[], token: string): OptionSpec | undefined {
  if (token.startsWith('--')) return specs.find((s) => s.name === token.slice(2));
  return specs.find((s) => s.short !== undefined && s.short === token.slice(1));
}

function unknownOption(token: string, command: CommandSpec): UsageError {
  const names = command.options.concat(GLOBAL_OPTIONS).map((s) => `--${s.name}`);
  const suggestion = token.startsWith('--') ? closestMatch(token, names) : undefined;
  return new UsageError(
    `unknown option "${token}" for "faultline ${command.name}"${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    command.name,
  );
}

/**
 * Parses `faultline COMMAND [options] [arguments]` (argv without node and the script). Accepts
 * `--name value`, `--name=value`, `-x`, `-` (standard input) as an argument and `--` to end the
 * options. Throws {@link UsageError} with a message naming the problem; never exits.
 *
 * @example
 * parseArgs(['validate', 'template.yaml', '--json'], COMMANDS);
 * // { kind: 'command', command: 'validate', options: { json: true }, positionals: ['template.yaml'] }
 */
export function parseArgs(argv: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const first = argv[0];
  if (first === undefined || first === '-h' || first === '--help') return { kind: 'help' };
  if (first === '-v' || first === '--version' || first === 'version') return { kind: 'version' };
  if (first === 'help') {
    const topic = argv[1];
    if (topic !== undefined && !commands.some((c) => c.name === topic)) throw unknownCommand(topic, commands);
    return topic === undefined ? { kind: 'help' } : { kind: 'help', command: topic };
  }
  if (first.startsWith('-')) {
    throw new UsageError(`expected a command before "${first}"; run "faultline --help" for the list`);
  }
  const command = commands.find((c) => c.name === first);
  if (!command) throw unknownCommand(first, commands);

  const specs = command.options.concat(GLOBAL_OPTIONS);
  const options: OptionValues = {};
  const positionals: string[] = [];
  let optionsEnded = false;
  for (let i = 1; i < argv.length; i += 1) {
    const token = argv[i] as string;
    if (optionsEnded || token === '-' || !token.startsWith('-')) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      optionsEnded = true;
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const spec = findOption(specs, flag);
    if (!spec) throw unknownOption(flag, command);
    if (spec.name === 'help') return { kind: 'help', command: command.name };
    if (!spec.value) {
      if (eq > 0) throw new UsageError(`${flag} takes no value`, command.name);
      options[spec.name] = true;
      continue;
    }
    const value = eq > 0 ? token.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`${flag} needs a value (${spec.value})`, command.name);
    }
    if (spec.repeatable) {
      const list = options[spec.name];
      options[spec.name] = [...(Array.isArray(list) ? list : []), value];
    } else if (options[spec.name] !== undefined) {
      throw new UsageError(`${flag} is given twice`, command.name);
    } else {
      options[spec.name] = value;
    }
  }
  const required = command.positionals.filter((p) => p.required);
  if (positionals.length < required.length) {
    const missing = required[positionals.length] as PositionalSpec;
    throw new UsageError(`missing ${missing.name} (${missing.help})`, command.name);
  }
  if (positionals.length > command.positionals.length) {
    const extra = positionals[command.positionals.length] as string;
    throw new UsageError(`unexpected argument "${extra}"`, command.name);
  }
  return { kind: 'command', command: command.name, options, positionals };
}

function unknownCommand(name: string, commands: readonly CommandSpec[]): UsageError {
  const suggestion = closestMatch(
    name,
    commands.map((c) => c.name),
  );
  return new UsageError(
    `unknown command "${name}"${suggestion ? `; did you mean ${suggestion}?` : ''} (expected one of ${commands.map((c) => c.name).join(', ')})`,
  );
}

/** Reads a string option; undefined when absent. */
export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a repeatable option; empty when absent. */
export function listOption(options: OptionValues, name: string): string[] {
  const value = options[name];
  return Array.isArray(value) ? value : [];
}

/** Reads an integer option within [min, max]; throws a {@link UsageError} naming the flag otherwise. */
export function integerOption(
  options: OptionValues,
  name: string,
  range: { min: number; max: number; command: string },
): number | undefined {
  const raw = stringOption(options, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
    throw new UsageError(
      `--${name}: expected a whole number from ${range.min} to ${range.max}, got "${raw}"`,
      range.command,
    );
  }
  return value;
}
