import { describe, expect, it } from 'vitest';
import { rulesFiring, subjectOf } from './rules-firing.fixture';

// Kernel crash reports as nodes print them (raw dmesg, dmesg --ctime, journald): each is reported
// by exactly one rule, so a soft lockup or an oops (both "BUG:" lines) is not a kernel BUG as well.
const LINES: ReadonlyArray<{ line: string; rule: string; subject?: string }> = [
  {
    line: '[ 5123.456789] BUG: scheduling while atomic: kworker/1:2/1234/0x00000002',
    rule: 'kernel.bug',
    subject: 'scheduling while atomic',
  },
  {
    line: 'Mar 14 08:12:03 ip-10-0-12-34 kernel: BUG: Bad page state in process java  pfn:1f2e3',
    rule: 'kernel.bug',
    subject: 'Bad page state in process java  pfn',
  },
  {
    line: '[Sat Mar 14 08:12:03 2026] BUG: KASAN: use-after-free in tcp_v4_rcv+0x1f2/0x3a0',
    rule: 'kernel.bug',
    subject: 'KASAN',
  },
  {
    line: '[ 5123.456789] kernel BUG at fs/ext4/inode.c:2720!',
    rule: 'kernel.bug',
    subject: 'fs/ext4/inode.c:2720',
  },
  {
    line: '[ 5123.456789] watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [java:4412]',
    rule: 'kernel.soft-lockup',
    subject: 'java:4412',
  },
  {
    line: '[ 5123.456789] BUG: kernel NULL pointer dereference, address: 0000000000000010',
    rule: 'kernel.oops',
  },
  {
    line: '[ 5123.456789] BUG: unable to handle page fault for address: ffffb8a1c0a3f000',
    rule: 'kernel.oops',
  },
  {
    line: '[ 5123.456789] python3[4412]: segfault at 0 ip 00007f3a2b1c0d4e sp 00007ffd5e6f7a80 error 4 in libc.so.6[7f3a2b000000+195000]',
    rule: 'kernel.app-crash',
    subject: 'python3',
  },
  {
    line: 'Mar 14 08:12:03 ip-10-0-12-34 kernel: traps: envoy[7781] trap invalid opcode ip:55d1f2e3a4b5 sp:7ffd1f2e3a40 error:0 in envoy[55d1f0000000+4a3b000]',
    rule: 'kernel.app-crash',
    subject: 'envoy',
  },
  {
    line: '[Thu Oct 10 03:06:53 2024] pt_main_thread[2536443]: segfault at 7f797fe00000 ip 00007f7c7ac69996 sp 00007f7c12fd7c30 error 4 in libnccl.so.2[7f7c7ac00000+d3d3000]',
    rule: 'kernel.nccl-segfault',
    subject: 'pt_main_thread',
  },
];

describe('kernel crash lines', () => {
  it.each(LINES)('$rule alone fires on $line', ({ line, rule, subject }) => {
    const fired = rulesFiring(line);
    expect(fired.map((r) => r.id)).toEqual([rule]);
    if (subject !== undefined && fired[0]) expect(subjectOf(fired[0], line)).toBe(subject);
  });

  it.each([
    '[    1.234567] ACPI Error: AE_NOT_FOUND, While resolving a named reference package element - LNKS (20200925/dspkginit-438)',
    'Mar 14 13:04:00 ip-10-0-44-2 app[4412]: BUG: retry budget exhausted for order 1234',
    '[ 5123.456789] show_signal_msg: 12 callbacks suppressed',
    'Mar 14 13:04:00 ip-10-0-44-2 systemd-coredump[5512]: Process 4412 (python3) of user 1000 dumped core.',
    "[ 5123.456789] x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'",
  ])('nothing fires on %s', (line) => {
    expect(rulesFiring(line).map((r) => r.id)).toEqual([]);
  });
});
