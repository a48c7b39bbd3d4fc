// Validator benchmark: how many corpus templates are judged right, and how fast templates validate.
// Run: pnpm --filter @faultline/fis-core exec tsx bench/validate.ts
import { fileURLToPath } from 'node:url';
import { judge, loadCorpus } from '../src/validate/corpus';
import { parseInput } from '../src/validate/parse-input';
import { validateTemplate } from '../src/validate/validate-template';

const ROUNDS = 5;
const PASSES_PER_ROUND = 40;
const WARM_UP_PASSES = 100;

const root = fileURLToPath(new URL('../corpus/templates', import.meta.url));
const cases = loadCorpus(root);

// 1. Quality: valid/invalid as expected, and errors matching on (code, path).
const groups = new Map<string, { right: number; total: number }>();
const wrong: string[] = [];
for (const c of cases) {
  const group = c.name.split('/')[0]!;
  const tally = groups.get(group) ?? { right: 0, total: 0 };
  const problems = judge(validateTemplate(c.text), c.expectation);
  tally.total++;
  if (problems.length === 0) tally.right++;
  else wrong.push(`  ${c.name}: ${problems.join('; ')}`);
  groups.set(group, tally);
}
const right = [...groups.values()].reduce((n, g) => n + g.right, 0);

// 2. Speed: median of several rounds, each validating every corpus template many times.
const texts = cases.map((c) => c.text);
const objects = texts.map((text) => {
  const parsed = parseInput(text);
  return parsed.ok ? parsed.value : text;
});

function throughput(inputs: readonly unknown[]): { perSecond: number; microseconds: number } {
  for (let p = 0; p < WARM_UP_PASSES; p++) for (const input of inputs) validateTemplate(input);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let p = 0; p < PASSES_PER_ROUND; p++) for (const input of inputs) validateTemplate(input);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push((PASSES_PER_ROUND * inputs.length) / seconds);
  }
  rates.sort((a, b) => a - b);
  const perSecond = rates[Math.floor(ROUNDS / 2)]!;
  return { perSecond, microseconds: 1e6 / perSecond };
}

const parsed = throughput(objects);
const text = throughput(texts);

const row = (cells: string[], widths: number[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
const line = (widths: number[]) => widths.map((w) => '-'.repeat(w)).join('  ');

const quality = [18, 14];
console.log('Template validator — corpus quality');
console.log(row(['corpus', 'judged right'], quality));
console.log(line(quality));
for (const [group, tally] of groups)
  console.log(row([`${group} (${tally.total})`, `${tally.right}/${tally.total}`], quality));
console.log(row([`total (${cases.length})`, `${right}/${cases.length}`], quality));
if (wrong.length > 0) console.log(`\nJudged wrong:\n${wrong.join('\n')}`);

const speed = [22, 16, 14];
console.log(
  `\nThroughput — median of ${ROUNDS} rounds, ${PASSES_PER_ROUND * cases.length} validations per round, after ${WARM_UP_PASSES * cases.length} warm-up validations`,
);
console.log(row(['input', 'templates/s', 'µs/template'], speed));
console.log(line(speed));
console.log(
  row(
    ['parsed objects', Math.round(parsed.perSecond).toLocaleString('en-US'), parsed.microseconds.toFixed(1)],
    speed,
  ),
);
console.log(
  row(
    ['JSON/YAML text', Math.round(text.perSecond).toLocaleString('en-US'), text.microseconds.toFixed(1)],
    speed,
  ),
);

if (right !== cases.length) process.exitCode = 1;
