import { VERSION } from './version';

/** Options read from the command line and the environment. */
export interface CliOptions {
  transport: 'stdio';
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** What the command line asks for: run the server, or print something and exit. */
export type CliRequest =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'print'; text: string; exitCode: number };

export const HELP = `fis-recommender-mcp-server ${VERSION}

An MCP server that turns incident findings into ranked AWS FIS experiments and deployable,
least-privilege experiment templates. Needs no AWS account or credentials.

Usage:
  npx -y @faultline/fis-recommender-mcp-server [options]

Options:
  --transport stdio     Transport (stdio is the default; Streamable HTTP comes with the remote mode)
  --log-level LEVEL     debug, info, warn or error (default: info; env FAULTLINE_LOG_LEVEL)
  -h, --help            Show this help
  -v, --version         Show the version

Tools: recommend_fis_experiments, create_fis_template
Prompt: finding_to_template      Resources: fis://actions, fis://actions/{id}
Logs go to stderr as JSON lines; stdout carries only MCP messages.
`;

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Parses argv (without node and script) and the environment. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliRequest {
  const options: CliOptions = { transport: 'stdio', logLevel: 'info' };
  const envLevel = env.FAULTLINE_LOG_LEVEL;
  if (envLevel) {
    if (!(LEVELS as readonly string[]).includes(envLevel)) {
      return {
        kind: 'print',
        text: `FAULTLINE_LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${envLevel}"\n`,
        exitCode: 2,
      };
    }
    options.logLevel = envLevel as CliOptions['logLevel'];
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'print', text: HELP, exitCode: 0 };
      case '-v':
      case '--version':
        return { kind: 'print', text: `${VERSION}\n`, exitCode: 0 };
      case '--transport': {
        const transport = value();
        if (transport !== 'stdio') {
          return {
            kind: 'print',
            text: `--transport: expected stdio, got "${transport ?? ''}"\n`,
            exitCode: 2,
          };
        }
        break;
      }
      case '--log-level': {
        const level = value();
        if (!level || !(LEVELS as readonly string[]).includes(level)) {
          return {
            kind: 'print',
            text: `--log-level: expected one of ${LEVELS.join(', ')}, got "${level ?? ''}"\n`,
            exitCode: 2,
          };
        }
        options.logLevel = level as CliOptions['logLevel'];
        break;
      }
      default:
        return { kind: 'print', text: `unknown option "${arg}"; see --help\n`, exitCode: 2 };
    }
  }
  return { kind: 'run', options };
}
