import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './analyze-files.fixture';

// The collector writes the ring buffer twice: `dmesg` (kernel/dmesg.current, seconds since boot)
// and `dmesg --ctime` (kernel/dmesg.human.current, wall-clock times); journald copies kernel lines
// into messages too. A rule reports one of them, never their sum.
const kill = (pid: number) =>
  `Memory cgroup out of memory: Killed process ${pid} (java) total-vm:5432100kB, anon-rss:2090000kB, file-rss:12000kB, shmem-rss:0kB, UID:1000 pgtables:4800kB oom_score_adj:983`;
const pids = [44123, 44871, 45012];

describe('kernel/dmesg.human.current', () => {
  it('is read: a kernel line only there is a finding, with wall-clock times', async () => {
    const { findings } = await analyzeFiles({
      'kernel/dmesg.human.current': [
        '[Mon Nov  2 08:12:03 2026] BUG: scheduling while atomic: kworker/1:2/1234/0x00000002',
      ],
    });
    expect(findings.find((f) => f.rule === 'kernel.bug')).toMatchObject({
      evidence: [{ location: 'kernel/dmesg.human.current:1' }],
      firstSeen: '2026-11-02T08:12:03.000Z',
    });
  });

  it('counts the same kernel lines once across dmesg.current, dmesg.human.current and messages', async () => {
    const { findings } = await analyzeFiles({
      'kernel/dmesg.current': pids.map((pid, i) => `[ ${8812 + i * 97}.000500] ${kill(pid)}`),
      'kernel/dmesg.human.current': pids.map((pid, i) => `[Mon Nov  2 08:${40 + i}:00 2026] ${kill(pid)}`),
      'var_log/messages': pids.map((pid, i) => `Nov 02 08:${40 + i}:00 ip-10-0-33-7 kernel: ${kill(pid)}`),
    });
    const oom = findings.filter((f) => f.rule === 'kernel.oom-kill');
    expect(oom).toHaveLength(1);
    // 3 kills, not 9: below the escalation to high at 5
    expect(oom[0]).toMatchObject({ occurrences: 3, severity: 'medium' });
  });

  it('quotes the wall-clock copy over raw dmesg when both hold the same lines', async () => {
    const { findings } = await analyzeFiles({
      'kernel/dmesg.current': pids.map((pid, i) => `[ ${8812 + i * 97}.000500] ${kill(pid)}`),
      'kernel/dmesg.human.current': pids.map((pid, i) => `[Mon Nov  2 08:${40 + i}:00 2026] ${kill(pid)}`),
    });
    expect(findings.find((f) => f.rule === 'kernel.oom-kill')).toMatchObject({
      evidence: [{ location: 'kernel/dmesg.human.current:1' }, { location: 'kernel/dmesg.human.current:3' }],
      firstSeen: '2026-11-02T08:40:00.000Z',
      lastSeen: '2026-11-02T08:42:00.000Z',
    });
  });
});
