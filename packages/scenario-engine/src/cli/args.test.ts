import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('reads the command, positionals, flags, switches and repeated --set', () => {
    expect(
      parseArgs([
        'run',
        'a.yaml',
        '--out',
        'runs/1',
        '--set',
        'port=1',
        '--set=host=h',
        '--dry-run',
        '--format=json',
      ]),
    ).toEqual({
      command: 'run',
      positional: ['a.yaml'],
      flags: { out: 'runs/1', 'dry-run': true, format: 'json' },
      sets: { port: '1', host: 'h' },
      errors: [],
    });
  });

  it('names a --set without NAME=VALUE, an option without its value and an unknown option', () => {
    expect(parseArgs(['run', 'a.yaml', '--set', 'port']).errors).toEqual([
      '--set port: expected NAME=VALUE, e.g. --set port=8080',
    ]);
    expect(parseArgs(['run', 'a.yaml', '--out']).errors).toEqual(['--out needs a value']);
    expect(parseArgs(['run', 'a.yaml', '--outt', 'x']).errors[0]).toMatch(
      /^unknown option --outt \(options: --out, /,
    );
  });
});
