import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './analyze-files.fixture';

const failed = (time: string, pod: string, type = 'Readiness') =>
  `Nov 02 ${time} ip-10-0-44-2 kubelet[3400]: I1102 ${time}.500000    3400 prober.go:107] "Probe failed" probeType="${type}" pod="${pod}" podUID="4b1f" containerName="web" probeResult="failure" output="Get \\"http://10.0.1.77:8080/ready\\": context deadline exceeded"`;

async function probeFinding(lines: string[]) {
  const { findings } = await analyzeFiles({ 'kubelet/kubelet.log': lines });
  return findings.find((f) => f.rule === 'kubelet.probe-failures');
}

const pods = [
  'shop/web-6d4cf-a',
  'shop/web-6d4cf-b',
  'shop/cart-7d9f8-c',
  'pay/api-5b6c-d',
  'pay/api-5b6c-e',
  'ops/agent-f',
];

describe('kubelet.probe-failures', () => {
  it('fires (low) when probes fail more than 5 times within a second across pods', async () => {
    const finding = await probeFinding(
      pods.map((pod, i) => failed('09:00:00', pod, i % 2 ? 'Liveness' : 'Readiness')),
    );
    expect(finding).toMatchObject({ severity: 'low', occurrences: 6 });
    expect(finding?.summary).toContain('shop/web-6d4cf-a (1)');
  });

  it('does not fire on 5 failures in a second', async () => {
    expect(await probeFinding(pods.slice(0, 5).map((pod) => failed('09:00:00', pod)))).toBeUndefined();
  });

  it('does not fire on one pod failing its probe every 10 seconds', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      failed(
        `09:${String(Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`,
        'shop/web-6d4cf-a',
      ),
    );
    expect(await probeFinding(lines)).toBeUndefined();
  });

  it('leaves aws-node to cni-ipamd.aws-node-not-ready', async () => {
    const { findings } = await analyzeFiles({
      'kubelet/kubelet.log': Array.from({ length: 8 }, () =>
        failed('09:00:00', 'kube-system/aws-node-7xk2p'),
      ),
    });
    expect(findings.map((f) => f.rule)).toEqual(['cni-ipamd.aws-node-not-ready']);
  });
});
