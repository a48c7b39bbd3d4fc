import { describe, expect, it } from 'vitest';
import { PROCESS_CHECKS } from './process-checks';

const check = PROCESS_CHECKS.find((c) => c.id === 'system.large-environment');
const PS = [
  'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
  'root        2811  0.9  1.2 1991212 50100 ?       Ssl  Mar12  22:40 /usr/bin/containerd',
  'root        4412  2.1  6.3 8123456 2097152 ?     Ssl  Mar12  61:02  \\_ java -Xmx2g -jar /app/cart.jar',
].join('\n');

describe('system.large-environment', () => {
  it('names the processes of system/large_environments.txt with their command from ps.txt', () => {
    const issues = check?.evaluate(
      new Map([
        ['system/large_environments.txt', 'PID\tCount\n4412\t1523\n9001\t1100\n'],
        ['system/ps.txt', PS],
      ]),
    );
    expect(issues).toHaveLength(1);
    expect(issues?.[0]).toMatchObject({
      subject: 'java',
      detail:
        '2 processes with more than 1000 environment variables: PID 4412 (java -Xmx2g -jar /app/cart.jar): 1,523 variables; PID 9001: 1,100 variables.',
      evidence: [
        { file: 'system/large_environments.txt', line: 2, excerpt: '4412\t1523' },
        { file: 'system/large_environments.txt', line: 3, excerpt: '9001\t1100' },
      ],
    });
  });

  it('finds nothing in the header the collector always writes, or at 1000 variables', () => {
    for (const text of ['PID\tCount\n', 'PID\tCount\n4412\t1000\n'])
      expect(check?.evaluate(new Map([['system/large_environments.txt', text]]))).toEqual([]);
  });
});
