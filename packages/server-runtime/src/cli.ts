import { OPTION_SPECS, type OptionSpec, type ParseState } from './option-specs';
import { authMethods, defaultOptions, isLoopbackHost, type ServerCliOptions } from './options';

export { LOG_LEVELS, type ServerCliOptions } from './options';

/** What the command line asks for: run the server, list its tools, or print something and exit with a code. */
export type ServerCliRequest =
  | { kind: 'run'; options: ServerCliOptions }
  | { kind: 'list-tools'; options: ServerCliOptions }
  | { kind: 'write-tool-list'; options: ServerCliOptions; file: string }
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
  /**
   * The tools/list answer written at build time with `--write-tool-list` (e.g.
   * `new URL('./tools-list.json', import.meta.url)`). While the registered tools have the names it
   * lists, tools/list is answered from it instead of converting every tool's schemas at start-up.
   * Missing or unreadable: the SDK computes the answer, as without it.
   */
  toolList?: URL | string;
}

function optionLine(spec: OptionSpec): string {
  const left = spec.flag ? `${spec.flag}${spec.value ? ` ${spec.value}` : ''}` : (spec.env ?? '');
  const env = spec.flag && spec.env ? `; env ${spec.env}` : '';
  return `  ${left.padEnd(30)} ${spec.help}${env}`;
}

/** The `--help` text of a server. */
export function helpText(server: ServerDescription): string {
  return `${server.bin} ${server.version}

${server.summary}

Usage:
  npx -y ${server.packageName} [options]
  npx -y ${server.packageName} --transport http [--host 0.0.0.0 --port 8000]

Options:
${OPTION_SPECS.map(optionLine).join('\n')}
  --list-tools                   Print each tool with its class (read-only, mutative, destructive) as JSON
  --write-tool-list FILE         Write the tools/list answer to FILE and exit (a build step)
  -h, --help                     Show this help
  -v, --version                  Show the version

${server.capabilities.join('\n')}
Logs go to stderr as JSON lines; on stdio, stdout carries only MCP messages.
Over HTTP: POST ${'<path>'} (MCP), GET /health, /ready, /metrics, /.well-known/oauth-protected-resource.
`;
}

const usage = (text: string): ServerCliRequest => ({ kind: 'print', text: `${text}\n`, exitCode: 2 });

/** Checks the options as a whole; returns why they cannot run, or undefined. */
function finish(state: ParseState): string | undefined {
  const { options, jwt } = state;
  const { http } = options;
  const jwtSet = Object.values(jwt).some((value) => value !== undefined);
  if (jwtSet) {
    if (!jwt.jwksUrl) return 'JWT settings given without --jwks-url (FAULTLINE_JWKS_URL)';
    if (!jwt.issuer) return '--jwks-url needs --jwt-issuer (FAULTLINE_JWT_ISSUER)';
    if (!jwt.audiences?.length && !jwt.clientIds?.length) {
      return '--jwks-url needs --jwt-audience or --jwt-client-ids, or any token of the issuer would do';
    }
    const jwksHost = new URL(jwt.jwksUrl).hostname;
    if (new URL(jwt.jwksUrl).protocol !== 'https:' && !isLoopbackHost(jwksHost)) {
      return `--jwks-url must use https (only loopback may use http), got ${jwt.jwksUrl}`;
    }
    http.auth.jwt = {
      jwksUrl: jwt.jwksUrl,
      issuer: jwt.issuer,
      audiences: jwt.audiences ?? [],
      clientIds: jwt.clientIds ?? [],
      scopes: jwt.scopes ?? [],
      authorizationServers: jwt.authorizationServers?.length ? jwt.authorizationServers : [jwt.issuer],
      ...(jwt.resourceUrl !== undefined && { resourceUrl: jwt.resourceUrl }),
    };
  }
  if (options.transport === 'http' && !isLoopbackHost(http.host) && authMethods(http.auth).length === 0) {
    return (
      `refusing to listen on ${http.host} without authentication: anyone who can reach it could call the tools. ` +
      'Set FAULTLINE_API_KEYS, FAULTLINE_BEARER_TOKENS or --jwks-url (with --jwt-issuer and --jwt-audience), ' +
      'or listen on 127.0.0.1.'
    );
  }
  return undefined;
}

/** Parses argv (without node and script) and the environment; flags win over the environment. Never exits. */
export function parseServerCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  server: ServerDescription,
): ServerCliRequest {
  const state: ParseState = { options: defaultOptions(), jwt: {} };
  for (const spec of OPTION_SPECS) {
    const raw = spec.env ? env[spec.env] : undefined;
    if (spec.env && raw !== undefined && raw !== '') {
      const error = spec.set(state, raw);
      if (error) return usage(`${spec.env}: ${error}`);
    }
  }
  let listTools = false;
  let writeToolList: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (flag === '-h' || flag === '--help') return { kind: 'print', text: helpText(server), exitCode: 0 };
    if (flag === '-v' || flag === '--version')
      return { kind: 'print', text: `${server.version}\n`, exitCode: 0 };
    if (flag === '--list-tools') {
      listTools = true;
      continue;
    }
    if (flag === '--write-tool-list') {
      const file = inline ?? argv[++i];
      if (!file) return usage('--write-tool-list: expected a file');
      writeToolList = file;
      continue;
    }
    const spec = OPTION_SPECS.find((candidate) => candidate.flag === flag);
    if (!spec) return usage(`unknown option "${arg}"; see --help`);
    const raw = spec.value ? (inline ?? argv[++i]) : (inline ?? 'true');
    const error =
      raw === undefined ? (spec.set(state, '') ?? `expected ${spec.value}`) : spec.set(state, raw);
    if (error) return usage(`${flag}: ${error}`);
  }
  const problem = finish(state);
  if (problem) return usage(problem);
  if (writeToolList !== undefined)
    return { kind: 'write-tool-list', options: state.options, file: writeToolList };
  return { kind: listTools ? 'list-tools' : 'run', options: state.options };
}
