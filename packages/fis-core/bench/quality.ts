// Recommendation quality: top-1 and top-3 accuracy of Faultline's recommender and of the Python
// seed's keyword table (first-match order) on the labelled findings in bench/findings/.
// Run: pnpm bench:quality    Options: --misses (list dev-set misses; never prints holdout text) --json
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recommend } from '../src/recommend/recommend';
import { seedRecommend } from './seed-keyword-baseline';

interface Labelled {
  id: string;
  finding: Record<string, unknown> & { summary?: string };
  expected: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const sets = ['dev', 'holdout'] as const;
const showMisses = process.argv.includes('--misses');
const asJson = process.argv.includes('--json');

function load(name: string): Labelled[] {
  return JSON.parse(readFileSync(join(here, 'findings', `${name}.json`), 'utf8')) as Labelled[];
}

function accuracy(items: Labelled[], rank: (item: Labelled) => string[]) {
  let top1 = 0;
  let top3 = 0;
  const misses: Array<{ id: string; expected: string[]; got: string[] }> = [];
  for (const item of items) {
    const ids = rank(item);
    if (ids[0] && item.expected.includes(ids[0])) top1 += 1;
    if (ids.slice(0, 3).some((id) => item.expected.includes(id))) top3 += 1;
    else misses.push({ id: item.id, expected: item.expected, got: ids.slice(0, 3) });
  }
  return { top1: top1 / items.length, top3: top3 / items.length, misses };
}

const results = sets.map((name) => {
  const items = load(name);
  const ours = accuracy(items, (item) => recommend(item.finding).recommendations.map((r) => r.actionId));
  const seed = accuracy(items, (item) => seedRecommend(item.finding as Parameters<typeof seedRecommend>[0]));
  return { set: name, findings: items.length, ours, seed };
});

if (asJson) {
  console.log(
    JSON.stringify(
      results.map(({ set, findings, ours, seed }) => ({
        set,
        findings,
        faultline: { top1: ours.top1, top3: ours.top3 },
        seed: { top1: seed.top1, top3: seed.top3 },
      })),
      null,
      2,
    ),
  );
} else {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`.padStart(7);
  console.log('Recommendation quality (a hit: an expected action is at that rank or above)\n');
  console.log('set       findings   faultline top-1  top-3    seed keywords top-1  top-3');
  for (const r of results) {
    console.log(
      `${r.set.padEnd(9)} ${String(r.findings).padStart(8)}   ${pct(r.ours.top1)}        ${pct(r.ours.top3)}  ${pct(r.seed.top1)}              ${pct(r.seed.top3)}`,
    );
  }
  if (showMisses) {
    const dev = results.find((r) => r.set === 'dev');
    console.log('\nDev-set top-3 misses:');
    for (const miss of dev?.ours.misses ?? []) {
      const item = load('dev').find((i) => i.id === miss.id);
      console.log(
        `- ${miss.id}: expected ${miss.expected.join(' | ')}; got ${miss.got.join(', ') || 'nothing'}\n    ${String(item?.finding.summary ?? item?.finding.title).slice(0, 300)}`,
      );
    }
  }
}
