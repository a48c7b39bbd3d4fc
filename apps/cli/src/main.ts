import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec, parseArgs } from './args';
import { catalogCommand, runCatalog } from './commands/catalog';
import { diagnoseCommand, runDiagnose } from './commands/diagnose';
import { recommendCommand, runRecommend } from './commands/recommend';
import { runScenarioCommand, scenarioCommand } from './commands/scenario';
import { runTemplate, templateCommand } from './commands/template';
import { runValidate, validateCommand } from './commands/validate';
import { type CommandContext, createContext } from './context';
import { ExitCode, UsageError } from './errors';
import type { CliIo } from './io';
import { colorEnabled, createStyle } from './style';
import { VERSION } from './version';

/** Every subcommand, in the order of the help text. */
export const COMMANDS: readonly CommandSpec[] = [
  recommendCommand,
  templateCommand,
  validateCommand,
  catalogCommand,
  scenarioCommand,
  diagnoseCommand,
];

const RUNNERS: Record<string, (ctx: CommandContext) => Promise<number>> = {
  recommend: runRecommend,
  template: runTemplate,
  validate: runValidate,
  catalog: runCatalog,
  diagnose: runDiagnose,
};

const EXIT_CODES = `Exit codes:
  0  done (the template is valid, the scenario passed, the node is healthy)
  1  the check failed (the template is invalid; the scenario failed; the node has findings)
  2  usage error: unknown command or option, missing or unreadable file, bad JSON, invalid finding
  3  internal error (please report it); a scenario run also exits 3 when aborted`;

function optionLine(spec: OptionSpec): string {
  const name = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ` ${spec.value}` : ''}`;
  return `  ${name.padEnd(34)} ${spec.help}`;
}

/** `faultline --help`, or the help of one command. */
export function helpText(command?: string): string {
  const spec = COMMANDS.find((c) => c.name === command);
  if (!spec) {
    return `faultline ${VERSION}: chaos engineering on AWS from the command line

Usage: faultline COMMAND [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Options of every command:
${GLOBAL_OPTIONS.map(optionLine).join('\n')}
  -v, --version                      Show the version

Examples:
  faultline recommend finding.json
  faultline recommend finding.json --json > recommendations.json
  faultline template --recommendation recommendations.json --out template/
  faultline validate template/cloudformation.yaml
  faultline catalog lambda

Run "faultline help COMMAND" for a command's options. Text goes to stdout, progress and notes to
stderr; colours only on a terminal (NO_COLOR=1 turns them off).

${EXIT_CODES}
`;
  }
  const args = spec.positionals.map((p) => (p.required ? p.name : `[${p.name}]`)).join(' ');
  const positionals = spec.positionals.map((p) => `  ${p.name.padEnd(34)} ${p.help}`);
  return `faultline ${spec.name}: ${spec.summary}

Usage: faultline ${spec.name}${args ? ` ${args}` : ''} [options]
${positionals.length ? `\nArguments:\n${positionals.join('\n')}\n` : ''}
Options:
${spec.options.concat(GLOBAL_OPTIONS).map(optionLine).join('\n')}
${spec.notes?.length ? `\n${spec.notes.join('\n')}\n` : ''}
${EXIT_CODES}
`;
}

/**
 * Runs the command line (argv without node and the script) and returns the exit code. Never
 * throws and never exits the process, so tests can run it in-process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'scenario') {
    return runScenarioCommand(argv.slice(1), { io, note: (text) => io.stderr.write(`${text}\n`) });
  }
  const err = createStyle(colorEnabled(io.stderr, io.env, argv.includes('--no-color')));
  try {
    const parsed = parseArgs(argv, COMMANDS);
    if (parsed.kind === 'version') {
      io.stdout.write(`${VERSION}\n`);
      return ExitCode.Ok;
    }
    if (parsed.kind === 'help') {
      io.stdout.write(helpText(parsed.command));
      return ExitCode.Ok;
    }
    const run = RUNNERS[parsed.command] as (ctx: CommandContext) => Promise<number>;
    return await run(createContext(io, parsed.command, parsed.options, parsed.positionals));
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `faultline help ${error.command}` : 'faultline --help';
      io.stderr.write(`${err.red('error:')} ${error.message}\n${err.dim(`(see "${help}")`)}\n`);
      return ExitCode.Usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${err.red('internal error:')} ${message}\nThis is a bug in faultline; please report it with the command you ran.\n`,
    );
    if (io.env.FAULTLINE_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return ExitCode.Internal;
  }
}
