/** A parsed command line: the command, positional arguments, flags and repeated `--set`. */
export interface CliArgs {
  command: string | undefined;
  positional: string[];
  flags: Record<string, string | true>;
  sets: Record<string, string>;
  /** Problems with the command line (a bad --set, an unknown option), each naming the option. */
  errors: string[];
}

/** Options that take a value. */
const VALUED = ['out', 'format', 'set', 'run-dir'];

/** Parses `faultline-scenario COMMAND [ARGS] [--flag value|--flag=value|--switch] [--set k=v]…`. */
export function parseArgs(
  argv: readonly string[],
  switches: readonly string[] = ['dry-run', 'json', 'help', 'control', 'ci'],
): CliArgs {
  const out: CliArgs = { command: undefined, positional: [], flags: {}, sets: {}, errors: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '-h') {
      out.flags.help = true;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (switches.includes(name) && eq < 0) {
        out.flags[name] = true;
        continue;
      }
      if (!VALUED.includes(name)) {
        out.errors.push(
          `unknown option --${name} (options: ${[...VALUED, ...switches].map((o) => `--${o}`).join(', ')})`,
        );
        continue;
      }
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) {
        out.errors.push(`--${name} needs a value`);
      } else if (name === 'set') {
        const at = value.indexOf('=');
        if (at > 0) out.sets[value.slice(0, at)] = value.slice(at + 1);
        else out.errors.push(`--set ${value}: expected NAME=VALUE, e.g. --set port=8080`);
      } else out.flags[name] = value;
    } else if (out.command === undefined) out.command = arg;
    else out.positional.push(arg);
  }
  return out;
}
