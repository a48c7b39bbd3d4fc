/** Log levels, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Options every Faultline server reads from its command line and environment. */
export interface ServerCliOptions {
  transport: 'stdio';
  logLevel: (typeof LOG_LEVELS)[number];
}

/** What the command line asks for: run the server, or print something and exit with a code. */
export type ServerCliRequest =
  | { kind: 'run'; options: ServerCliOptions }
  | { kind: 'print'; text: string; exitCode: number };

/** What a server tells the parser about itself. */
export interface ServerDescription {
  /** Bin name, e.g. `fis-recommender-mcp-server`. */
  bin: string;
  /** Package name, e.g. `@faultline/fis-recommender-mcp-server`. */
  packageName: string;
  version: string;
  /** One paragraph on what the server does. */
  summary: string;
  /** Lines listing its tools, prompts and resources. */
  capabilities: string[];
}

/** The `--help` text of a server. */
export function helpText(server: ServerDescription): string {
  return `${server.bin} ${server.version}

${server.summary}

Usage:
  npx -y ${server.packageName} [options]

Options:
  --transport stdio     Transport (default: stdio)
  --log-level LEVEL     ${LOG_LEVELS.join(', ')} (default: info; env FAULTLINE_LOG_LEVEL)
  -h, --help            Show this help
  -v, --version         Show the version

${server.capabilities.join('\n')}
Logs go to stderr as JSON lines; stdout carries only MCP messages.
`;
}

/** Parses argv (without node and script) and the environment. Never exits; the caller does. */
export function parseServerCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  server: ServerDescription,
): ServerCliRequest {
  const options: ServerCliOptions = { transport: 'stdio', logLevel: 'info' };
  const levels: readonly string[] = LOG_LEVELS;
  const envLevel = env.FAULTLINE_LOG_LEVEL;
  if (envLevel) {
    if (!levels.includes(envLevel)) {
      return {
        kind: 'print',
        text: `FAULTLINE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${envLevel}"\n`,
        exitCode: 2,
      };
    }
    options.logLevel = envLevel as ServerCliOptions['logLevel'];
  }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        return { kind: 'print', text: helpText(server), exitCode: 0 };
      case '-v':
      case '--version':
        return { kind: 'print', text: `${server.version}\n`, exitCode: 0 };
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
        if (!level || !levels.includes(level)) {
          return {
            kind: 'print',
            text: `--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${level ?? ''}"\n`,
            exitCode: 2,
          };
        }
        options.logLevel = level as ServerCliOptions['logLevel'];
        break;
      }
      default:
        return { kind: 'print', text: `unknown option "${arg}"; see --help\n`, exitCode: 2 };
    }
  }
  return { kind: 'run', options };
}
