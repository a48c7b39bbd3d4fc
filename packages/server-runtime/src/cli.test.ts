import { describe, expect, it } from 'vitest';
import { parseServerCli, type ServerDescription } from './cli';

const server: ServerDescription = {
  bin: 'demo-mcp-server',
  packageName: '@faultline/demo-mcp-server',
  version: '1.2.3',
  summary: 'A demo.',
  capabilities: ['Tools: echo'],
};

describe('parseServerCli', () => {
  it('runs on stdio by default', () => {
    expect(parseServerCli([], {}, server)).toEqual({
      kind: 'run',
      options: { transport: 'stdio', logLevel: 'info' },
    });
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
    [['--log-level'], /--log-level: expected one of/],
    [['extra'], /unknown option "extra"/],
  ])('refuses %j with exit code 2', (argv, message) => {
    const request = parseServerCli(argv, {}, server);
    expect(request).toMatchObject({ kind: 'print', exitCode: 2 });
    expect(request.kind === 'print' && request.text).toMatch(message);
  });

  it('refuses a bad FAULTLINE_LOG_LEVEL', () => {
    expect(parseServerCli([], { FAULTLINE_LOG_LEVEL: 'loud' }, server)).toMatchObject({
      kind: 'print',
      exitCode: 2,
    });
  });
});
