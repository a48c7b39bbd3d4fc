#!/usr/bin/env node
// Faultline's performance suite (`pnpm bench`). Not a test: it measures, reports each figure next
// to its floor and checks the budgets, but only fails when a measurement could not be taken.
//
//   pnpm bench                       full run (~4 min); writes bench/results/latest.json and the
//                                    results section of docs/performance.md
//   pnpm bench --quick               short run (< 60 s) that checks the suite still works; writes
//                                    only to the temporary folder (CI)
//   pnpm bench --only http,cold-start
//   pnpm bench --save before         also keep bench/results/before.json
//   pnpm bench --no-docs             do not touch docs/performance.md
//
// Needs the built servers and packages (`pnpm build`). See docs/performance.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BINS,
  DIST,
  fmt,
  MINIMAL_SERVER,
  machine,
  ROOT,
  RUNTIME_ECHO_SERVER,
  requireBuilt,
  serverDependencyUrls,
} from './lib/common.mjs';

const FAMILIES = ['cold-start', 'tool-latency', 'in-process', 'http', 'log-analysis', 'scenario-engine'];

function parseArgs(argv) {
  const options = { quick: false, only: FAMILIES, docs: true, save: undefined, out: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    // `pnpm bench -- --quick` passes the separator through (npm drops it): nothing to read there
    if (arg === '--') continue;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-docs') options.docs = false;
    else if (arg === '--only') options.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--save') options.save = argv[++i];
    else if (arg === '--out') options.out = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        `${readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 13)
          .join('\n')
          .replaceAll('// ', '')}\n`,
      );
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument "${arg}"; see --help\n`);
      process.exit(2);
    }
  }
  const unknown = options.only.filter((name) => !FAMILIES.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown family ${unknown.join(', ')}; expected ${FAMILIES.join(', ')}\n`);
    process.exit(2);
  }
  return options;
}

function gitRevision() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

const escapeCell = (text) => String(text).replaceAll('|', '\\|');

function markdownTable({ columns, rows }) {
  return [
    `| ${columns.map(escapeCell).join(' | ')} |`,
    `| ${columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

/** The results as Markdown: machine, then one section per family with its table and budgets. */
export function toMarkdown(report) {
  const m = report.machine;
  const lines = [
    `Measured ${report.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}, MCP SDK ${report.sdkVersion}; load average ${m.loadAverage.join(' / ')} at the start${report.quick ? ' (quick run: few samples, not for comparison)' : ''}; revision ${report.revision}.`,
    '',
    '| budget | figure | limit | status |',
    '| --- | ---: | ---: | :---: |',
    ...report.budgets.map(
      (b) =>
        `| ${escapeCell(b.name)} | ${fmt(b.value)} | ${b.comparison} ${fmt(b.limit)} | ${b.status === 'pass' ? 'pass' : '**miss**'} |`,
    ),
  ];
  for (const family of report.families) {
    lines.push('', `### ${family.title}`, '');
    if (family.error) {
      lines.push(`Failed: ${family.error}`);
      continue;
    }
    lines.push(family.method, '', markdownTable(family.table));
    if (family.table.footer) lines.push('', family.table.footer);
  }
  return `${lines.join('\n')}\n`;
}

const BEGIN = '<!-- bench:results:begin (written by pnpm bench; edits here are overwritten) -->';
const END = '<!-- bench:results:end -->';

function writeDocs(markdown) {
  const file = join(ROOT, 'docs/performance.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/performance.md has no ${BEGIN} … ${END} section`);
  writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n\n${markdown}\n${text.slice(end)}`);
  return file;
}

/** Formats files written into the repository as Biome would, so `pnpm lint` stays clean. */
function formatWithBiome(files) {
  const inRepo = files.filter((file) => file.startsWith(`${ROOT}/`));
  if (inRepo.length === 0) return;
  const biome = spawnSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', ...inRepo], {
    cwd: ROOT,
  });
  if (biome.status !== 0) process.stderr.write(`bench: could not format ${inRepo.join(', ')} with Biome\n`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  requireBuilt([...Object.values(BINS), ...Object.values(DIST), MINIMAL_SERVER, RUNTIME_ECHO_SERVER]);
  const tmp = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
  mkdirSync(join(tmp, 'cache'));
  // Servers never look for AWS credentials on an instance-metadata endpoint, and start from an
  // empty catalog cache: the bundled catalog answers, as on a fresh install.
  const serverEnv = { AWS_EC2_METADATA_DISABLED: 'true', XDG_CACHE_HOME: join(tmp, 'cache') };
  const started = performance.now();
  const log = (text) => process.stdout.write(`${text}\n`);
  const report = {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    quick: options.quick,
    revision: gitRevision(),
    machine: machine(),
    sdkVersion: serverDependencyUrls().sdkVersion,
    families: [],
    budgets: [],
  };
  log(`Faultline bench${options.quick ? ' (quick)' : ''}: ${options.only.join(', ')}`);
  let failed = false;
  try {
    for (const name of options.only) {
      const t = performance.now();
      try {
        const family = await import(`./${name}.mjs`);
        const result = await family.run({ quick: options.quick, log, tmp, serverEnv });
        result.seconds = Math.round((performance.now() - t) / 100) / 10;
        report.families.push(result);
        report.budgets.push(...result.budgets.map((b) => ({ family: name, ...b })));
      } catch (error) {
        failed = true;
        process.stderr.write(`bench: ${name} failed: ${error.stack ?? error}\n`);
        report.families.push({ id: name, title: name, error: String(error.message ?? error), budgets: [] });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  report.machine.loadAverageAtEnd = machine().loadAverage;

  const markdown = toMarkdown(report);
  log(`\n${markdown}`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const outFile =
    options.out ??
    (options.quick ? join(tmpdir(), 'faultline-bench-quick.json') : join(ROOT, 'bench/results/latest.json'));
  mkdirSync(join(outFile, '..'), { recursive: true });
  writeFileSync(outFile, json);
  const written = [outFile];
  if (options.save) {
    written.push(join(ROOT, 'bench/results', `${options.save}.json`));
    writeFileSync(written.at(-1), json);
  }
  if (!options.quick && options.docs && !failed && options.only.length === FAMILIES.length) {
    written.push(writeDocs(markdown));
  }
  formatWithBiome(written);
  const missed = report.budgets.filter((b) => b.status === 'miss');
  log(
    `Budgets: ${report.budgets.length - missed.length} met, ${missed.length} missed${missed.length ? ` (${missed.map((b) => b.name).join('; ')})` : ''}. Results: ${outFile}. ${report.seconds} s.`,
  );
  process.exitCode = failed ? 1 : 0;
}

await main();
