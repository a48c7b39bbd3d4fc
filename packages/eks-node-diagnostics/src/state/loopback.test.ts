import { describe, expect, it } from 'vitest';
import { NETWORKING_CHECKS } from './networking-checks';

const check = NETWORKING_CHECKS.find((c) => c.id === 'networking.loopback-down');
const ETH0 =
  'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 9001\n        inet 10.0.1.23  netmask 255.255.255.0\n\n';
const LO = 'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet 127.0.0.1  netmask 255.0.0.0\n\n';
const evaluate = (text: string) => check?.evaluate(new Map([['networking/ifconfig.txt', text]]));

describe('networking.loopback-down', () => {
  it('is critical when ifconfig lists interfaces but no loopback', () => {
    expect(check?.severity).toBe('critical');
    expect(evaluate(ETH0)).toMatchObject([
      { detail: 'ifconfig lists eth0 and no loopback interface.', evidence: [{ line: 1 }] },
    ]);
  });

  it('finds nothing when lo is up', () => {
    expect(evaluate(`${ETH0}${LO}`)).toEqual([]);
  });

  it('finds nothing in output that lists no interface (ifconfig not installed, an error)', () => {
    expect(evaluate('bash: ifconfig: command not found\n')).toEqual([]);
    expect(evaluate('')).toEqual([]);
  });
});
