import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseServerCli, type ServerCliRequest, type ServerDescription } from './cli';
import { OPTION_SPECS } from './option-specs';
import { defaultOptions } from './options';

const server: ServerDescription = {
  bin: 'demo-mcp-server',
  packageName: '@faultline/demo-mcp-server',
  version: '1.2.3',
  summary: 'A demo.',
  capabilities: ['Tools: echo'],
};

describe('parseServerCli', () => {
  it('runs on stdio by default', () => {
    expect(parseServerCli([], {}, server)).toMatchObject({
      kind: 'run',
      options: { transport: 'stdio', logLevel: 'info' },
    });
    expect(parseServerCli([], {}, server)).toEqual({ kind: 'run', options: defaultOptions() });
  });

  it('reads the log level from a flag or the environment, the flag winning', () => {
    expect(parseServerCli([], { FAULTLINE_LOG_LEVEL: 'warn' }, server)).toMatchObject({
      options: { logLevel: 'warn' },
    });
    expect(parseServerCli(['--log-level=debug'], { FAULTLINE_LOG_LEVEL: 'warn' }, server)).toMatchObject({
      options: { logLevel: 'debug' },
    });
  });

  it('prints help and version', () => {
    expect(parseServerCli(['--version'], {}, server)).toEqual({
      kind: 'print',
      text: '1.2.3\n',
      exitCode: 0,
    });
    const help = parseServerCli(['-h'], {}, server);
    expect(help.kind === 'print' && help.text).toMatch(
      /npx -y @faultline\/demo-mcp-server[\s\S]*Tools: echo/,
    );
  });

  it.each([
    [['--transport', 'carrier-pigeon'], /--transport: expected stdio/],
    [['--port', '99999'], /--port: expected an integer from 0 to 65535/],
    [['--path', 'mcp'], /--path: expected a path/],
    [['--chaos-error-rate', '2'], /--chaos-error-rate: expected a number from 0 to 1/],
    [['--api-key-header', 'Authorization'], /other than Authorization/],
    [['--ready-optional', 'aws_fis,AWS FIS'], /--ready-optional: expected check names such as aws_fis/],
    [['--ready-optional', 'server'], /"server" cannot be optional/],
    [['--jwt-issuer', 'https://issuer'], /without --jwks-url/],
    [['--jwks-url', 'https://idp/jwks.json', '--jwt-issuer', 'i'], /--jwt-audience or --jwt-client-ids/],
    [
      ['--jwks-url', 'http://idp.example.com/jwks', '--jwt-issuer', 'i', '--jwt-audience', 'a'],
      /must use https/,
    ],
    [['--log-level'], /--log-level: expected one of/],
    [['extra'], /unknown option "extra"/],
  ])('refuses %j with exit code 2', (argv, message) => {
    const request = parseServerCli(argv, {}, server);
    expect(request).toMatchObject({ kind: 'print', exitCode: 2 });
    expect(request.kind === 'print' && request.text).toMatch(message);
  });

  it('reads the optional readiness checks from a flag or the environment', () => {
    expect(parseServerCli(['--ready-optional', 'aws_fis, catalog_cache'], {}, server)).toMatchObject({
      options: { http: { readyOptional: ['aws_fis', 'catalog_cache'] } },
    });
    expect(parseServerCli([], { FAULTLINE_READY_OPTIONAL: 'aws_fis' }, server)).toMatchObject({
      options: { http: { readyOptional: ['aws_fis'] } },
    });
  });

  it('refuses a bad FAULTLINE_LOG_LEVEL', () => {
    expect(parseServerCli([], { FAULTLINE_LOG_LEVEL: 'loud' }, server)).toMatchObject({
      kind: 'print',
      exitCode: 2,
    });
  });

  const options = (request: ServerCliRequest) => {
    if (request.kind === 'print') throw new Error(request.text);
    return request.options;
  };

  it('reads every HTTP setting from flags or FAULTLINE_* variables, flags winning', () => {
    const fromEnv = options(
      parseServerCli(
        [],
        {
          FAULTLINE_TRANSPORT: 'http',
          FAULTLINE_HOST: '0.0.0.0',
          FAULTLINE_PORT: '9000',
          FAULTLINE_PATH: '/rpc',
          FAULTLINE_API_KEYS: 'k1, k2',
          FAULTLINE_API_KEY_HEADER: 'X-Faultline-Key',
          FAULTLINE_READ_ONLY: 'true',
          FAULTLINE_RATE_LIMIT: '10',
          FAULTLINE_CHAOS_DELAY_MS: '250',
        },
        server,
      ),
    );
    expect(fromEnv).toMatchObject({
      transport: 'http',
      readOnly: true,
      http: {
        host: '0.0.0.0',
        port: 9000,
        path: '/rpc',
        rateLimitPerMinute: 10,
        auth: { apiKeys: ['k1', 'k2'], apiKeyHeader: 'x-faultline-key' },
      },
      chaos: { delayMs: 250, errorRate: 0 },
    });
    const flagWins = options(
      parseServerCli(
        ['--port=9001', '--read-only=false'],
        { FAULTLINE_PORT: '9000', FAULTLINE_READ_ONLY: '1' },
        server,
      ),
    );
    expect(flagWins).toMatchObject({ readOnly: false, http: { port: 9001 } });
  });

  it('builds the OAuth resource-server settings, the issuer standing in for the authorization server', () => {
    const jwt = options(
      parseServerCli(
        [
          '--jwks-url',
          'https://idp.example.com/.well-known/jwks.json',
          '--jwt-issuer',
          'https://idp.example.com',
        ],
        { FAULTLINE_JWT_CLIENT_IDS: 'abc', FAULTLINE_JWT_SCOPES: 'faultline/read faultline/write' },
        server,
      ),
    ).http.auth.jwt;
    expect(jwt).toEqual({
      jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
      issuer: 'https://idp.example.com',
      audiences: [],
      clientIds: ['abc'],
      scopes: ['faultline/read', 'faultline/write'],
      authorizationServers: ['https://idp.example.com'],
    });
  });

  it('refuses to serve HTTP beyond loopback without authentication, saying why', () => {
    const refused = parseServerCli(['--transport', 'http', '--host', '0.0.0.0'], {}, server);
    expect(refused).toMatchObject({ kind: 'print', exitCode: 2 });
    expect(refused.kind === 'print' && refused.text).toMatch(/without authentication.*FAULTLINE_API_KEYS/);
    expect(parseServerCli(['--transport', 'http', '--host', 'localhost'], {}, server).kind).toBe('run');
    expect(
      parseServerCli(['--transport', 'http', '--host', '0.0.0.0'], { FAULTLINE_BEARER_TOKENS: 't' }, server)
        .kind,
    ).toBe('run');
  });

  it('asks for the tool list with --list-tools', () => {
    expect(parseServerCli(['--list-tools', '--read-only'], {}, server)).toMatchObject({
      kind: 'list-tools',
      options: { readOnly: true },
    });
  });

  it('writes the tools/list answer with --write-tool-list FILE (a build step)', () => {
    expect(parseServerCli(['--write-tool-list', 'dist/tools-list.json'], {}, server)).toMatchObject({
      kind: 'write-tool-list',
      file: 'dist/tools-list.json',
    });
    expect(parseServerCli(['--write-tool-list'], {}, server)).toMatchObject({ kind: 'print', exitCode: 2 });
  });

  it('documents every flag and variable in --help and in docs/remote.md', () => {
    const help = parseServerCli(['--help'], {}, server);
    const docs = readFileSync(new URL('../../../docs/remote.md', import.meta.url), 'utf8');
    for (const spec of OPTION_SPECS) {
      for (const name of [spec.flag, spec.env].filter((n): n is string => n !== undefined)) {
        expect(help.kind === 'print' && help.text, name).toContain(name);
        expect(docs, name).toContain(`\`${name}\``);
      }
    }
  });
});
