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
    });
  });
});
