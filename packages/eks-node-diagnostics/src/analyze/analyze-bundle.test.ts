import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FindingSchema } from '@faultline/findings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../bundle/open-bundle';
import { allRules } from '../rules/catalog';
import { generateBundle, injectionNames } from '../testing';
import { analyzeBundle } from './analyze-bundle';
import { NodeFindingSchema } from './node-finding';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-analyze-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('analyzeBundle on a hand-written bundle', () => {
  it('reports the OOM kills with the victim, counts, evidence location and next steps', async () => {
    const { findings, summary } = await analyzeBundle(await openBundle('oom-node', { roots: [fixtures] }));
    expect(summary.node).toMatchObject({
      id: 'i-0fedcba9876543210',
      instanceId: 'i-0fedcba9876543210',
      region: 'eu-west-1',
    });
    const oom = findings.find((f) => f.rule === 'kernel.oom-kill');
    expect(oom).toMatchObject({
      title: 'OOM killer ended java',
      severity: 'medium',
      category: 'resource-pressure',
      source: 'eks-node-diagnostics',
      resources: ['i-0fedcba9876543210'],
      occurrences: 2,
    });
    expect(oom?.evidence[0]).toMatchObject({
      source: 'kernel/dmesg.current',
      location: 'kernel/dmesg.current:3',
    });
    expect(oom?.id).toMatch(/^fnd_[0-9a-z]{16}$/);
    expect(oom?.next.map((n) => n.tool)).toEqual(['recommend_fis_experiments', 'search_node_logs']);
    expect(NodeFindingSchema.safeParse(oom).success).toBe(true);
    expect(FindingSchema.safeParse(oom).success).toBe(true);
    expect(findings.map((f) => f.rule).sort()).toEqual([
      'kernel.conntrack-table-full',
      'kernel.oom-kill',
      'networking.conntrack-near-max',
    ]);
    expect(summary.status).toBe('degraded');
    expect(summary.packs.find((p) => p.pack === 'kernel')).toMatchObject({
      findings: 2,
      worstSeverity: 'high',
    });
  });

  it('keeps log lines as quoted, redacted data and never acts on them', async () => {
    const { findings } = await analyzeBundle(await openBundle('oom-node', { roots: [fixtures] }));
    const text = JSON.stringify(findings);
    expect(text).not.toContain('hunter2');
    for (const finding of findings)
      expect(finding.next.every((n) => n.tool !== 'collect_node_diagnostics' || n.arguments.instanceId)).toBe(
        true,
      );
  });

  it('gives the same ids on a second run (stable ids)', async () => {
    const a = await analyzeBundle(await openBundle('oom-node', { roots: [fixtures] }));
    const b = await analyzeBundle(await openBundle('oom-node', { roots: [fixtures] }));
    expect(a.findings.map((f) => f.id)).toEqual(b.findings.map((f) => f.id));
  });
});

describe('analyzeBundle on generated bundles', () => {
  it('finds nothing on a healthy node, folder or .tar.gz, with realistic noise and every near miss', async () => {
    const bundle = await generateBundle({ outDir: dir, sizeMb: 1, seed: 7 });
    for (const ref of [bundle.folder, bundle.archive as string]) {
      const { findings, summary, facts } = await analyzeBundle(await openBundle(ref, { roots: [dir] }));
      expect(findings.map((f) => `${f.rule}: ${f.title}`)).toEqual([]);
      expect(summary.status).toBe('healthy');
      expect(summary.files).toBeGreaterThan(20);
      expect(summary.bytes).toBeGreaterThan(1024 * 1024);
      expect(facts.versions).toMatchObject({
        kubelet: 'v1.30.4-eks-a737599',
        containerd: '1.7.22',
        'vpc-cni': 'v1.18.3',
      });
    }
  });

  it('has an injection for every rule', () => {
    expect(injectionNames().sort()).toEqual(
      allRules()
        .map((r) => r.id)
        .sort(),
    );
  });

  it.each(injectionNames())('fires %s on its planted signature, and nothing else', async (name) => {
    const bundle = await generateBundle({
      outDir: join(dir, name),
      sizeMb: 0.05,
      inject: [name],
      archive: false,
    });
    const { findings } = await analyzeBundle(await openBundle(bundle.folder, { roots: [dir] }));
    expect(findings.map((f) => f.rule)).toContain(name);
    expect(findings.filter((f) => f.rule !== name).map((f) => f.rule)).toEqual([]);
    for (const finding of findings) expect(FindingSchema.safeParse(finding).success).toBe(true);
  });

  it('escalates repeated OOM kills to high', async () => {
    const bundle = await generateBundle({
      outDir: join(dir, 'oom5'),
      sizeMb: 0.05,
      archive: false,
      editFiles: (files) => {
        const kill =
          '[ 9001.000000] Out of memory: Killed process 998 (python3) total-vm:1234kB, anon-rss:1000kB, file-rss:0kB';
        files.set('faultline/dmesg.txt', `${kill}\n`.repeat(6));
      },
    });
    const { findings } = await analyzeBundle(await openBundle(bundle.folder, { roots: [dir] }));
    expect(findings.find((f) => f.rule === 'kernel.oom-kill')).toMatchObject({
      severity: 'high',
      occurrences: 6,
    });
  });

  it('does not count a frequency rule whose occurrences are spread beyond its window', async () => {
    const lines = [0, 30, 60, 90, 120].map(
      (minute) =>
        `Nov 02 ${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00 ip-10-0-1-23 systemd[1]: Started Kubernetes Kubelet.`,
    );
    const path = join(dir, 'spread', 'var_log');
    await mkdir(path, { recursive: true });
    await writeFile(join(path, 'messages'), `${lines.join('\n')}\n`);
    const { findings } = await analyzeBundle(await openBundle('spread', { roots: [dir] }), { year: 2026 });
    expect(findings.map((f) => f.rule)).not.toContain('kubelet.frequent-restart');
  });

  it('stays fast on a 100 KB adversarial line in every log file', async () => {
    const bundle = await generateBundle({
      outDir: join(dir, 'adversarial'),
      sizeMb: 0.05,
      archive: false,
      editFiles: (files) => {
        const evil = `${'Killed process 1 ('.repeat(3000)}${'a'.repeat(50_000)}`.slice(0, 100 * 1024);
        for (const path of ['kernel/dmesg.boot', 'faultline/dmesg.txt', 'networking/ethtool.txt'])
          files.set(path, `${evil}\n`);
      },
    });
    const started = performance.now();
    const { summary } = await analyzeBundle(await openBundle(bundle.folder, { roots: [dir] }));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(summary.truncatedLines).toBeGreaterThan(0);
  });
});

describe('analyzeBundle on a folder that is not a bundle', () => {
  it('refuses it with a coded error instead of calling the node healthy', async () => {
    await mkdir(join(dir, 'empty-folder'), { recursive: true });
    await mkdir(join(dir, 'not-a-bundle', 'photos'), { recursive: true });
    await writeFile(join(dir, 'not-a-bundle', 'photos', 'notes.txt'), 'nf_conntrack: table full\n');
    for (const ref of ['empty-folder', 'not-a-bundle']) {
      await expect(analyzeBundle(await openBundle(ref, { roots: [dir] })), ref).rejects.toMatchObject({
        code: 'NODE_DIAG_BUNDLE_INVALID',
        message: expect.stringMatching(/no file the EKS log collector writes/),
      });
    }
  });
});
