// Measures analysis throughput and peak memory on a generated bundle (a measurement, not a test).
// Usage: pnpm --filter @faultline/eks-node-diagnostics bench:analyze -- [--size-mb 50] [--keep DIR]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeBundle, openBundle } from '../src';
import { generateBundle } from '../src/testing';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { 'size-mb': { type: 'string', default: '50' }, keep: { type: 'string' } },
});
const dir = values.keep ?? (await mkdtemp(join(tmpdir(), 'faultline-bench-')));
const sizeMb = Number(values['size-mb']);
const bundle = await generateBundle({
  outDir: dir,
  sizeMb,
  inject: [
    'kernel.oom-kill',
    'kernel.conntrack-table-full',
    'iptables.unexpected-reject',
    'dns.resolution-timeout',
  ],
});
let peakRss = 0;
const sample = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const rows: Array<Record<string, unknown>> = [];
for (const [kind, ref] of [
  ['folder', bundle.folder],
  ['tar.gz', bundle.archive as string],
] as const) {
  const baseline = process.memoryUsage().rss;
  peakRss = baseline;
  const started = performance.now();
  const { findings, summary } = await analyzeBundle(await openBundle(ref, { roots: [dir] }));
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    input: kind,
    megabytes: +(summary.bytes / 1024 ** 2).toFixed(1),
    lines: summary.lines,
    seconds: +seconds.toFixed(2),
    'MB/s': +(summary.bytes / 1024 ** 2 / seconds).toFixed(1),
    'peak RSS MB': +(peakRss / 1024 ** 2).toFixed(0),
    'RSS growth MB': +((peakRss - baseline) / 1024 ** 2).toFixed(0),
    findings: findings.map((f) => f.rule).join(' '),
  });
}
clearInterval(sample);
console.table(rows);
if (!values.keep) await rm(dir, { recursive: true, force: true });
