import { describe, expect, it } from 'vitest';
import { parseCli } from './cli';

describe('parseCli', () => {
  it('runs on stdio by default', () => {
    expect(parseCli([], {})).toEqual({ kind: 'run', options: { transport: 'stdio', logLevel: 'info' } });
  });

  it('reads the log level from a flag or the environment, the flag winning', () => {
    expect(parseCli([], { FAULTLINE_LOG_LEVEL: 'warn' })).toMatchObject({ options: { logLevel: 'warn' } });
    expect(parseCli(['--log-level=debug'], { FAULTLINE_LOG_LEVEL: 'warn' })).toMatchObject({
      options: { logLevel: 'debug' },
    });
  });

  it.each([
    [['--transport', 'carrier-pigeon'], /--transport: expected stdio/],
    [['--log-level'], /--log-level: expected one of/],
    [['extra'], /unknown option "extra"/],
  ])('refuses %j with exit code 2', (argv, message) => {
    const request = parseCli(argv, {});
    expect(request).toMatchObject({ kind: 'print', exitCode: 2 });
    expect(request.kind === 'print' && request.text).toMatch(message);
  });
});
