// Log analysis: MB/s of analyzeBundle over a generated bundle (200 MB; 20 MB with --quick), next to
// `grep -E -c` with the same rules' patterns over the same files (one grep per file, the patterns of
// the rules that read that file), and the analyser's peak RSS on the full bundle and on one a
// quarter of its size: streaming means the two stay the same.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_LOGS, generatedBundle } from './lib/bundle-gen.mjs';
import { budget, DIST, fmt, importDist, ROOT, ratio, summarize } from './lib/common.mjs';
import { toEre } from './lib/ere.mjs';

/** Budgets: the analyser within this many times grep's time, and RSS growth from ¼ to the full size. */
export const LOG_TIME_BUDGET = 3;
export const LOG_RSS_GROWTH_BUDGET_MIB = 16;

/** Each rule as grep arguments, checked against the rule's own examples; literals when that fails. */
function grepPatterns(rules, work) {
  const translated = [];
  const fallbacks = [];
  for (const rule of rules) {
    const ignoreCase = rule.pattern.flags.includes('i');
    let entry;
    try {
      const ere = toEre(rule.pattern.source);
      const matchFile = join(work, 'match.txt');
      const missFile = join(work, 'miss.txt');
      writeFileSync(matchFile, `${rule.examples.match.join('\n')}\n`);
      writeFileSync(missFile, `${rule.examples.noMatch.join('\n')}\n`);
      const count = (file) => {
        const out = spawnSync('grep', ['-E', '-c', ...(ignoreCase ? ['-i'] : []), '-e', ere, file], {
          encoding: 'utf8',
        });
        if (out.stderr.trim() !== '') throw new Error(out.stderr.trim());
        return Number(out.stdout.trim());
      };
      if (count(matchFile) !== rule.examples.match.length) throw new Error('misses an example match');
      if (rule.examples.noMatch.length > 0 && count(missFile) !== 0) throw new Error('matches a near miss');
      entry = { rule, ere, ignoreCase, fixed: false };
    } catch (error) {
      fallbacks.push(`${rule.id} (${error.message})`);
      entry = { rule, literals: rule.contains, ignoreCase, fixed: true };
    }
    translated.push(entry);
  }
  return { translated, fallbacks };
}

/** The grep invocations that scan a bundle for the same patterns as the analyser, file by file. */
function grepPlan(bundleDir, translated) {
  const plan = [];
  for (const path of GENERATED_LOGS) {
    const applies = translated.filter((t) => t.rule.files.some((prefix) => path.startsWith(prefix)));
    const groups = new Map();
    for (const t of applies) {
      const key = `${t.fixed ? 'F' : 'E'}${t.ignoreCase ? 'i' : ''}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(...(t.fixed ? t.literals : [t.ere]));
    }
    for (const [key, patterns] of groups) {
      plan.push([
        key.startsWith('F') ? '-F' : '-E',
        '-c',
        ...(key.endsWith('i') ? ['-i'] : []),
        ...patterns.flatMap((p) => ['-e', p]),
        join(bundleDir, path),
      ]);
    }
  }
  return plan;
}

function timeGrep(plan) {
  const started = performance.now();
  let matches = 0;
  for (const args of plan) {
    const out = spawnSync('grep', args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (out.status !== 0 && out.status !== 1) throw new Error(`grep failed: ${out.stderr}`);
    matches += Number(out.stdout.trim() || 0);
  }
  return { ms: performance.now() - started, matches };
}

function timeAnalyzer(bundleDir) {
  const out = execFileSync(process.execPath, [join(ROOT, 'bench/lib/analyze-child.mjs'), bundleDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
}

export async function run({ quick, log }) {
  const { LOG_RULES } = await importDist(DIST.eksNodeDiagnostics);
  const megabytes = quick ? 20 : 200;
  const base = join(tmpdir(), 'faultline-bench-bundles');
  const work = join(base, 'work');
  mkdirSync(work, { recursive: true });
  let t = performance.now();
  const full = generatedBundle(base, megabytes, LOG_RULES);
  const quarter = generatedBundle(base, megabytes / 4, LOG_RULES);
  log(
    `log analysis: bundles of ${megabytes} and ${megabytes / 4} MB ready in ${fmt((performance.now() - t) / 1000)} s`,
  );
  const { translated, fallbacks } = grepPatterns(LOG_RULES, work);
  const plan = grepPlan(full, translated);

  const runs = quick ? 1 : 3;
  const analyzer = [];
  const grep = [];
  // Warm-up: both read every file once, so both scan from the page cache.
  timeGrep(plan);
  let probe = timeAnalyzer(full);
  for (let r = 0; r < runs; r += 1) {
    t = performance.now();
    probe = timeAnalyzer(full);
    analyzer.push(probe);
    grep.push(timeGrep(plan));
  }
  const small = timeAnalyzer(quarter);
  const mb = probe.bytes / 1e6;
  const analyzerMs = summarize(analyzer.map((a) => a.ms));
  const grepMs = summarize(grep.map((g) => g.ms));
  const peak = summarize(analyzer.map((a) => a.peakRssMiB)).median;
  const growth = peak - small.peakRssMiB;
  const timeRatio = ratio(analyzerMs.median, grepMs.median);
  const data = {
    bundleMB: mb,
    files: probe.files,
    lines: probe.lines,
    findings: probe.findings,
    grepInvocations: plan.length,
    grepMatchingLines: grep[0].matches,
    patternsTranslated: translated.filter((x) => !x.fixed).length,
    patternFallbacks: fallbacks,
    analyzer: { ms: analyzerMs, mbPerSecond: mb / (analyzerMs.median / 1000), peakRssMiB: peak },
    grep: { ms: grepMs, mbPerSecond: mb / (grepMs.median / 1000) },
    quarter: { bundleMB: small.bytes / 1e6, peakRssMiB: small.peakRssMiB, ms: small.ms },
    timeRatio,
    rssGrowthMiB: growth,
  };
  log(
    `log analysis: analyser ${fmt(data.analyzer.mbPerSecond)} MB/s, grep ${fmt(data.grep.mbPerSecond)} MB/s (${fmt(timeRatio)}×), peak RSS ${fmt(peak)} MiB (¼ size: ${fmt(small.peakRssMiB)} MiB)`,
  );
  return {
    id: 'log-analysis',
    title: `Log analysis (generated ${fmt(mb)} MB bundle, ${probe.files} files, ${probe.lines.toLocaleString('en-US')} lines)`,
    method: `${runs} interleaved run(s) after a warm-up that puts the files in the page cache. The analyser runs in a fresh process (time of analyzeBundle itself); grep is ${plan.length} invocations, one per log file and flag set, with the ${data.patternsTranslated} of ${LOG_RULES.length} rule patterns translated to ERE and checked against each rule's examples${fallbacks.length ? ` (${fallbacks.length} fell back to the rule's literals)` : ''}.`,
    data,
    budgets: [
      budget(`log analysis ≤ ${LOG_TIME_BUDGET}× grep -E -c time`, timeRatio, LOG_TIME_BUDGET, '<='),
      budget(
        `log analysis constant memory: peak RSS growth from ${fmt(small.bytes / 1e6)} to ${fmt(mb)} MB ≤ ${LOG_RSS_GROWTH_BUDGET_MIB} MiB`,
        Math.round(growth * 10) / 10,
        LOG_RSS_GROWTH_BUDGET_MIB,
        '<=',
      ),
    ],
    table: {
      columns: ['scanner', 'median ±spread', 'MB/s', '× grep', 'peak RSS'],
      rows: [
        [
          'analyzeBundle (all packs)',
          `${fmt(analyzerMs.median)} ms ±${Math.round(analyzerMs.spread * 50)}%`,
          fmt(data.analyzer.mbPerSecond),
          `${fmt(timeRatio)}×`,
          `${fmt(peak)} MiB (${fmt(small.bytes / 1e6)} MB bundle: ${fmt(small.peakRssMiB)} MiB)`,
        ],
        [
          'grep -E -c, same patterns (floor)',
          `${fmt(grepMs.median)} ms ±${Math.round(grepMs.spread * 50)}%`,
          fmt(data.grep.mbPerSecond),
          '1×',
          '–',
        ],
      ],
    },
  };
}
