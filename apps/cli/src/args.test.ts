import { describe, expect, it } from 'vitest';
import { type CommandSpec, integerOption, parseArgs } from './args';
import { UsageError } from './errors';
import { COMMANDS, helpText } from './main';

const spec: CommandSpec = {
  name: 'template',
  summary: 'test',
  positionals: [{ name: 'FILE', required: false, help: 'a file' }],
  options: [
    { name: 'role-arn', value: 'ARN', help: '' },
    { name: 'alarm-arn', value: 'ARN', repeatable: true, help: '' },
    { name: 'out', short: 'o', value: 'DIR', help: '' },
    { name: 'sequential', help: '' },
  ],
};

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('reads a command, its options in both spellings, switches and a positional', () => {
    // Act
    const parsed = parseArgs(
      ['template', 'x.json', '--role-arn', 'arn:1', '--out=dir', '--sequential', '--json'],
      [spec],
    );

    // Assess
    expect(parsed).toEqual({
      kind: 'command',
      command: 'template',
      options: { 'role-arn': 'arn:1', out: 'dir', sequential: true, json: true },
      positionals: ['x.json'],
    });
  });

  it('collects repeatable options in order and accepts short aliases', () => {
    const parsed = parseArgs(['template', '--alarm-arn', 'a', '-o', 'd', '--alarm-arn=b'], [spec]);
    expect(parsed).toMatchObject({ options: { 'alarm-arn': ['a', 'b'], out: 'd' } });
  });

  it('takes "-" as standard input and everything after "--" as arguments', () => {
    expect(parseArgs(['template', '-'], [spec])).toMatchObject({ positionals: ['-'] });
    expect(parseArgs(['template', '--', '--odd-name.json'], [spec])).toMatchObject({
      positionals: ['--odd-name.json'],
    });
  });

  it('answers help and version requests, globally and per command', () => {
    expect(parseArgs([], [spec])).toEqual({ kind: 'help' });
    expect(parseArgs(['--help'], [spec])).toEqual({ kind: 'help' });
    expect(parseArgs(['-v'], [spec])).toEqual({ kind: 'version' });
    expect(parseArgs(['help', 'template'], [spec])).toEqual({ kind: 'help', command: 'template' });
    expect(parseArgs(['template', '--role-arn', 'x', '-h'], [spec])).toEqual({
      kind: 'help',
      command: 'template',
    });
  });

  it('refuses an unknown option with a did-you-mean naming the command', () => {
    const error = usageError(() => parseArgs(['template', '--role-ar', 'x'], [spec]));
    expect(error.message).toBe(
      'unknown option "--role-ar" for "faultline template"; did you mean --role-arn?',
    );
    expect(error.command).toBe('template');
  });

  it('refuses an unknown command with a did-you-mean and the list', () => {
    const error = usageError(() => parseArgs(['templat'], [spec]));
    expect(error.message).toBe(
      'unknown command "templat"; did you mean template? (expected one of template)',
    );
    expect(usageError(() => parseArgs(['help', 'nope'], [spec])).message).toMatch(/unknown command "nope"/);
  });

  it('refuses an option before the command', () => {
    expect(usageError(() => parseArgs(['--json', 'template'], [spec])).message).toBe(
      'expected a command before "--json"; run "faultline --help" for the list',
    );
  });

  it('refuses a missing value, a value on a switch and an option given twice', () => {
    expect(usageError(() => parseArgs(['template', '--role-arn'], [spec])).message).toBe(
      '--role-arn needs a value (ARN)',
    );
    expect(usageError(() => parseArgs(['template', '--role-arn', '--json'], [spec])).message).toBe(
      '--role-arn needs a value (ARN)',
    );
    expect(usageError(() => parseArgs(['template', '--sequential=yes'], [spec])).message).toBe(
      '--sequential takes no value',
    );
    expect(usageError(() => parseArgs(['template', '--out', 'a', '--out', 'b'], [spec])).message).toBe(
      '--out is given twice',
    );
  });

  it('refuses missing and surplus arguments', () => {
    expect(usageError(() => parseArgs(['validate'], COMMANDS)).message).toBe(
      'missing TEMPLATE (a template file, or - for stdin)',
    );
    expect(usageError(() => parseArgs(['template', 'a', 'b'], [spec])).message).toBe(
      'unexpected argument "b"',
    );
  });
});

describe('integerOption', () => {
  it('reads a whole number in range and names the flag otherwise', () => {
    const range = { min: 1, max: 20, command: 'recommend' };
    expect(integerOption({ limit: '3' }, 'limit', range)).toBe(3);
    expect(integerOption({}, 'limit', range)).toBeUndefined();
    expect(() => integerOption({ limit: '2.5' }, 'limit', range)).toThrow(
      '--limit: expected a whole number from 1 to 20, got "2.5"',
    );
    expect(() => integerOption({ limit: '50' }, 'limit', range)).toThrow(/got "50"/);
  });
});

describe('helpText', () => {
  it('lists every command and documents the exit codes', () => {
    const text = helpText();
    for (const command of COMMANDS) expect(text).toContain(`  ${command.name} `);
    expect(text).toMatch(/Exit codes:\n {2}0 {2}done/);
    expect(text).toContain('2  usage error');
  });

  it('shows each command’s options and arguments', () => {
    const text = helpText('template');
    expect(text).toContain('Usage: faultline template [options]');
    expect(text).toContain('--role-arn ARN');
    expect(text).toContain('-o, --out DIR');
    expect(helpText('validate')).toContain('Usage: faultline validate TEMPLATE [options]');
  });
});
