// Runs the analyser over one bundle folder in a fresh process and prints what it took as JSON:
// wall time of the analysis, lines, findings and the process's peak RSS. Spawned by log-analysis.mjs.
import { basename, dirname } from 'node:path';
import { DIST, importDist } from './common.mjs';

const dir = process.argv[2];
const { analyzeBundle, openBundle } = await importDist(DIST.eksNodeDiagnostics);
const baselineRssMiB = process.memoryUsage().rss / 1024 ** 2;
const started = performance.now();
const { summary, findings } = await analyzeBundle(await openBundle(basename(dir), { roots: [dirname(dir)] }));
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    ms,
    bytes: summary.bytes,
    lines: summary.lines,
    files: summary.files,
    findings: findings.length,
    baselineRssMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
