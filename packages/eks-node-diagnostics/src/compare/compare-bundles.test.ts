import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../analyze/analyze-bundle';
import { openBundle } from '../bundle/open-bundle';
import { generateBundle } from '../testing';
import { compareAnalyses } from './compare-bundles';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-compare-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('compareAnalyses', () => {
  it('finds the planted differences: a DNS DROP rule, a sysctl, a kubelet setting and a kernel version', async () => {
    const good = await generateBundle({
      outDir: join(dir, 'good'),
      sizeMb: 0.05,
      instanceId: 'i-0000000000000good'.replace('good', 'aaaa'),
      archive: false,
    });
    const suspect = await generateBundle({
      outDir: join(dir, 'suspect'),
      sizeMb: 0.05,
      instanceId: 'i-0bbbbbbbbbbbbbbbb',
      inject: ['iptables.unexpected-reject'],
      node: { kernel: '6.1.109-118.189.amzn2023.x86_64', ip: '10.0.2.44' },
      archive: false,
      editFiles: (files) => {
        files.set(
          'sysctls/sysctl_all.txt',
          (files.get('sysctls/sysctl_all.txt') ?? '').replace(
            'net.ipv4.ip_forward = 1',
            'net.ipv4.ip_forward = 0',
          ),
        );
        files.set(
          'kubelet/config.json',
          (files.get('kubelet/config.json') ?? '').replace('"maxPods": 58', '"maxPods": 110'),
        );
      },
    });
    const a = await analyzeBundle(await openBundle(suspect.folder, { roots: [dir] }));
    const b = await analyzeBundle(await openBundle(good.folder, { roots: [dir] }));
    const comparison = compareAnalyses(a, b);
    expect(comparison.iptables.onlyOnSuspect).toEqual([expect.stringContaining('--dport 53')]);
    expect(comparison.iptables.onlyOnKnownGood).toEqual([]);
    expect(comparison.sysctls).toContainEqual({ key: 'net.ipv4.ip_forward', suspect: '0', knownGood: '1' });
    expect(comparison.kubeletConfig).toEqual([{ key: 'maxPods', suspect: '110', knownGood: '58' }]);
    expect(comparison.versions).toEqual([
      {
        key: 'kernel',
        suspect: '6.1.109-118.189.amzn2023.x86_64',
        knownGood: '6.1.112-122.189.amzn2023.x86_64',
      },
    ]);
    expect(comparison.findings.onlyOnSuspect.map((f) => f.rule).sort()).toEqual([
      'iptables.unexpected-reject',
      'networking.ip-forward-disabled',
    ]);
    const byRule = new Map(comparison.differenceFindings.map((f) => [f.rule, f]));
    expect(byRule.get('compare.iptables-drift')).toMatchObject({
      severity: 'high',
      resources: ['i-0bbbbbbbbbbbbbbbb', 'i-0000000000000aaaa'],
    });
    expect(byRule.get('compare.sysctl-drift')?.severity).toBe('high');
    expect(byRule.get('compare.version-drift')?.severity).toBe('medium');
    expect(byRule.get('compare.kubelet-config-drift')?.evidence[0]?.excerpt).toBe(
      'maxPods: suspect=110 known-good=58',
    );
  });

  it('reports no differences between two healthy nodes of the same build (the SNAT address is node-specific)', async () => {
    const a = await generateBundle({
      outDir: join(dir, 'a'),
      sizeMb: 0.02,
      instanceId: 'i-0aaaaaaaaaaaaaaa1',
      archive: false,
    });
    const b = await generateBundle({
      outDir: join(dir, 'b'),
      sizeMb: 0.02,
      instanceId: 'i-0aaaaaaaaaaaaaaa2',
      node: { ip: '10.0.3.3' },
      archive: false,
    });
    const comparison = compareAnalyses(
      await analyzeBundle(await openBundle(a.folder, { roots: [dir] })),
      await analyzeBundle(await openBundle(b.folder, { roots: [dir] })),
    );
    expect(comparison.differenceFindings).toEqual([]);
  });
});
