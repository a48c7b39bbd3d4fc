import { describe, expect, it } from 'vitest';
import { FATAL_XIDS } from './packs/kernel';
import { rulesFiring, subjectOf } from './rules-firing.fixture';

const xid = (n: number) =>
  `[Mon Nov  2 10:11:12 2026] NVRM: Xid (PCI:0000:10:1c): ${n}, pid=2811, name=python, Channel 0x00000008`;

describe('NVIDIA Xid errors, at the severity NMA gives each', () => {
  it.each([...FATAL_XIDS])('Xid %i is fatal (critical)', (n) => {
    const fired = rulesFiring(xid(n));
    expect(fired.map((r) => [r.id, r.severity])).toEqual([['kernel.nvidia-xid-fatal', 'critical']]);
    if (fired[0]) expect(subjectOf(fired[0], xid(n))).toBe(String(n));
  });

  it.each([13, 31, 43, 45, 61, 68, 92, 94, 4, 146, 159])('Xid %i is a warning (medium)', (n) => {
    const fired = rulesFiring(xid(n));
    expect(fired.map((r) => [r.id, r.severity])).toEqual([['kernel.nvidia-xid', 'medium']]);
    if (fired[0]) expect(subjectOf(fired[0], xid(n))).toBe(String(n));
  });

  it('reads the older driver wording without "PCI:"', () => {
    expect(
      rulesFiring('[ 812.1] NVRM: Xid (0000:02:00): 79, GPU has fallen off the bus.').map((r) => r.id),
    ).toEqual(['kernel.nvidia-xid-fatal']);
  });
});

describe('hardware errors, at the severity of their kind', () => {
  it.each([
    ['[ 9001.1] {1}[Hardware Error]: event severity: corrected', 'kernel.hardware-error-corrected', 'low'],
    [
      '[ 9001.1] mce: [Hardware Error]: Machine check events logged',
      'kernel.hardware-error-corrected',
      'low',
    ],
    [
      '[ 9001.1] {2}[Hardware Error]: event severity: recoverable',
      'kernel.hardware-error-recoverable',
      'medium',
    ],
    ['[ 9001.1] {3}[Hardware Error]: event severity: fatal', 'kernel.hardware-error-fatal', 'critical'],
    [
      'Mar 14 08:00:00 ip-10-0-12-34 kernel: EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x1f2e3 offset:0x0 grain:32 syndrome:0x0)',
      'kernel.memory-read-error',
      'medium',
    ],
  ])('%s → %s (%s)', (line, rule, severity) => {
    expect(rulesFiring(line).map((r) => [r.id, r.severity])).toEqual([[rule, severity]]);
  });

  it.each([
    '[ 9001.1] {1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 1',
    '[ 9001.1] {1}[Hardware Error]: It has been corrected by h/w and requires no further action',
    '[    2.1] EDAC MC: Ver: 3.0.0',
    '[    2.1] EDAC sbridge: Seeking for: PCI ID 8086:6fa0',
    '[    3.1] NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.104.05',
  ])('nothing fires on %s', (line) => {
    expect(rulesFiring(line)).toEqual([]);
  });
});
