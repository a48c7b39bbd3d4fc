import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './analyze-files.fixture';

const run = (time: string, command: string, pid = 21000) =>
  `Nov 02 ${time} ip-10-0-12-34 CROND[${pid}]: (root) CMD (${command})`;

async function rapidCron(lines: string[]) {
  const { findings } = await analyzeFiles({ 'var_log/cron': lines });
  return findings.find((f) => f.rule === 'system.rapid-cron');
}

describe('system.rapid-cron', () => {
  it('fires (low) on a command cron runs every minute, naming the command', async () => {
    const finding = await rapidCron(
      ['08:00:01', '08:01:01', '08:02:01', '08:03:01'].map((t) => run(t, '/usr/local/bin/node-cleanup.sh')),
    );
    expect(finding).toMatchObject({
      severity: 'low',
      title: 'Cron job runs more often than every 5 minutes: /usr/local/bin/node-cleanup.sh',
      occurrences: 4,
    });
  });

  it('does not fire on a job every 5 minutes whose start drifts by a second', async () => {
    expect(
      await rapidCron(
        ['08:00:02', '08:05:01', '08:10:02', '08:15:01'].map((t) => run(t, '/opt/agent/bin/report-health')),
      ),
    ).toBeUndefined();
  });

  it('does not count different commands together (the hourly run-parts one minute after sysstat)', async () => {
    expect(
      await rapidCron([
        run('08:00:01', '/usr/lib64/sa/sa1 1 1'),
        run('08:01:01', 'run-parts /etc/cron.hourly'),
        run('08:10:01', '/usr/lib64/sa/sa1 1 1'),
        run('08:20:01', '/usr/lib64/sa/sa1 1 1'),
      ]),
    ).toBeUndefined();
  });

  it('reports only the commands that run too often, with their own lines as evidence', async () => {
    const finding = await rapidCron([
      run('08:00:01', 'run-parts /etc/cron.hourly'),
      run('08:00:01', '/usr/local/bin/sync-certs', 1),
      run('08:02:01', '/usr/local/bin/sync-certs', 2),
      run('09:00:01', 'run-parts /etc/cron.hourly'),
    ]);
    expect(finding?.title).toBe('Cron job runs more often than every 5 minutes: /usr/local/bin/sync-certs');
    expect(finding?.occurrences).toBe(2);
    expect(finding?.evidence.map((e) => e.location)).toEqual(['var_log/cron:2', 'var_log/cron:3']);
    expect(finding?.summary).not.toContain('cron.hourly');
  });

  it('reads Ubuntu syslog cron lines too', async () => {
    const { findings } = await analyzeFiles({
      'var_log/syslog': ['08:00:01', '08:02:01'].map(
        (t) => `Nov 02 ${t} ip-10-0-12-34 CRON[4411]: (root) CMD (   cd / && /usr/local/bin/collect --once)`,
      ),
    });
    expect(findings.map((f) => f.rule)).toEqual(['system.rapid-cron']);
  });
});
