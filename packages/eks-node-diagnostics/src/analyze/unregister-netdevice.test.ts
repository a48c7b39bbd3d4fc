import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './analyze-files.fixture';

const wait = (time: string) =>
  `Nov 02 ${time} ip-10-0-12-34 kernel: unregister_netdevice: waiting for eni4f2c1d to become free. Usage count = 1`;

async function finding(times: string[]) {
  const { findings } = await analyzeFiles({ 'var_log/messages': times.map(wait) });
  return findings.find((f) => f.rule === 'kernel.unregister-netdevice');
}

describe('kernel.unregister-netdevice', () => {
  it('is medium on a single wait (NPD UnregisterNetDevice)', async () => {
    expect(await finding(['09:00:00'])).toMatchObject({ severity: 'medium', occurrences: 1 });
  });

  it('is high on 3 waits within 20 minutes (NPD FrequentUnregisterNetDevice)', async () => {
    expect(await finding(['09:00:00', '09:08:00', '09:19:00'])).toMatchObject({
      severity: 'high',
      occurrences: 3,
    });
  });

  it('stays medium when the waits are spread over more than 20 minutes', async () => {
    expect(await finding(['09:00:00', '09:15:00', '09:30:00', '09:45:00'])).toMatchObject({
      severity: 'medium',
      occurrences: 4,
    });
  });
});
