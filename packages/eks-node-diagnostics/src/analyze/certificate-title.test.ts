import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './analyze-files.fixture';

const line = (tail: string) =>
  `Nov 02 08:11:12 ip-10-0-5-88 kubelet[3300]: E1102 08:11:12.123456    3300 kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node: Get \\"https://ABC.gr7.us-west-2.eks.amazonaws.com/api/v1/nodes/ip-10-0-5-88?timeout=10s\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid${tail}"`;

async function titleOf(tail: string): Promise<string | undefined> {
  const { findings } = await analyzeFiles({ 'kubelet/kubelet.log': [line(tail)] });
  return findings.find((f) => f.rule === 'kubelet.certificate-expired')?.title;
}

describe('kubelet.certificate-expired names what the x509 error says', () => {
  it('a certificate not yet valid: the node clock is behind (clock skew)', async () => {
    expect(await titleOf(': current time 2026-11-02T05:50:00Z is before 2026-11-02T06:00:00Z')).toBe(
      'Kubelet TLS fails: a certificate is not yet valid (the node clock is behind)',
    );
  });

  it('an expired certificate, or a clock that is ahead', async () => {
    expect(await titleOf(': current time 2026-11-02T10:11:12Z is after 2026-10-30T00:00:00Z')).toBe(
      'Kubelet TLS fails: a certificate has expired (or the node clock is ahead)',
    );
  });

  it('either, when the error does not say which', async () => {
    expect(await titleOf('')).toBe('Kubelet TLS fails: a certificate has expired or is not yet valid');
  });
});
