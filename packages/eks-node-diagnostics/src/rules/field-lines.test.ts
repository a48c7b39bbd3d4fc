import { describe, expect, it } from 'vitest';
import { LOG_RULES } from './catalog';

// Lines as real worker nodes write them (journald, raw dmesg, ipamd JSON), not taken from the rule
// examples: each must fire exactly the rule named, with the subject named.
const FIELD_LINES: ReadonlyArray<{ line: string; rule: string; subject?: string }> = [
  {
    // kernel worker threads carry a colon in their name
    line: '[ 4300.000000] INFO: task kworker/u8:2:12345 blocked for more than 122 seconds.',
    rule: 'kernel.hung-task',
    subject: 'kworker/u8:2',
  },
  {
    line: 'Mar 14 09:05:00 ip-10-0-77-201 kernel: INFO: task jbd2/nvme1n1-8:611 blocked for more than 245 seconds.',
    rule: 'kernel.hung-task',
    subject: 'jbd2/nvme1n1-8',
  },
  {
    line: '[ 4100.000001] EXT4-fs warning (device nvme1n1): ext4_dx_add_entry:2354: Directory (ino: 1310721) index full, reach max htree level :2',
    rule: 'kernel.ext4-warning',
    subject: 'nvme1n1',
  },
  {
    // prefix delegation: the subnet has no free /28 block left
    line: '{"level":"error","ts":"2026-03-14T09:41:00.123Z","caller":"ipamd/ipamd.go:845","msg":"Failed to increase pool size due to not able to allocate ENI AllocENI: error creating ENI: InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request."}',
    rule: 'cni-ipamd.subnet-out-of-ips',
  },
];

describe('log rules on lines from real nodes', () => {
  it.each(FIELD_LINES)('$rule fires on $line', ({ line, rule, subject }) => {
    const fired = LOG_RULES.filter(
      (candidate) =>
        candidate.contains.some((literal) => line.includes(literal)) && candidate.pattern.test(line),
    );
    expect(fired.map((r) => r.id)).toEqual([rule]);
    const [match] = fired;
    if (subject !== undefined && match?.subjectGroup !== undefined)
      expect(match.pattern.exec(line)?.[match.subjectGroup]).toBe(subject);
  });
});
