// Validates the labelled findings (dev.json, holdout.json), prints per-action coverage and the
// seed keyword baseline's top-1/top-3 accuracy on each file.
//
//   pnpm --filter @faultline/fis-core exec tsx bench/findings/check-labels.ts [--show-dev]
//
// --show-dev lists the dev findings the seed baseline misses (never the holdout's text: the
// holdout is meant to be scored, not read). Exits 1 when a file is invalid or coverage is short.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledCatalog } from '../../src/catalog/bundled-catalog';
import { seedRecommend } from '../seed-keyword-baseline';

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE =
  process.env.FIS_CATALOG_SOURCE ?? resolve(here, '../../../../../shared/reference/fis-catalog.json');

/** Minimum sizes and coverage the brief asks of each file. */
const REQUIREMENTS = {
  dev: { minFindings: 90, minDistinctFirst: 'all' as const },
  holdout: { minFindings: 45, minDistinctFirst: 35 },
};

type SetName = keyof typeof REQUIREMENTS;

interface LabelledFinding {
  id: string;
  finding: {
    id: string;
    summary?: string;
    title?: string;
    type?: string;
    description?: string;
    resources?: string[];
    priority?: string;
  };
  expected: string[];
  rationale: string;
}

interface Accuracy {
  total: number;
  top1: number;
  top3: number;
  noMatch: number;
}

const errors: string[] = [];
const fail = (message: string): void => {
  errors.push(message);
};

/** Current (non-deprecated) action ids: the reference's actions[] plus the bundled catalog's. */
function knownActionIds(): { ids: Set<string>; deprecated: Set<string> } {
  const ids = new Set<string>();
  const deprecated = new Set<string>();
  for (const action of bundledCatalog().actions) {
    if (action.deprecated) deprecated.add(action.id);
    else ids.add(action.id);
  }
  if (existsSync(REFERENCE)) {
    const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { actions?: { id: string }[] };
    for (const action of reference.actions ?? []) ids.add(action.id);
  } else {
    console.warn(`reference catalog not found at ${REFERENCE}; using the bundled catalog only`);
  }
  return { ids, deprecated };
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);

function load(name: SetName, known: Set<string>, deprecated: Set<string>): LabelledFinding[] {
  const path = resolve(here, `${name}.json`);
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(raw)) {
    fail(`${name}.json: expected a JSON array`);
    return [];
  }
  const items: LabelledFinding[] = [];
  raw.forEach((entry: unknown, index) => {
    const where = `${name}.json[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      fail(`${where}: not an object`);
      return;
    }
    const item = entry as Partial<LabelledFinding>;
    const label = typeof item.id === 'string' && item.id ? item.id : where;
    if (typeof item.id !== 'string' || !item.id) fail(`${where}: missing id`);
    const finding = item.finding;
    if (typeof finding !== 'object' || finding === null) {
      fail(`${label}: missing finding`);
      return;
    }
    if (typeof finding.id !== 'string' || !finding.id) fail(`${label}: finding.id missing`);
    if (!finding.summary?.trim() && !finding.title?.trim() && !finding.description?.trim()) {
      fail(`${label}: the finding has no text (summary, title or description)`);
    }
    for (const key of ['summary', 'title', 'type', 'description', 'priority'] as const) {
      const value = finding[key];
      if (value !== undefined && typeof value !== 'string') fail(`${label}: finding.${key} is not a string`);
    }
    if (finding.resources !== undefined && !isStringArray(finding.resources)) {
      fail(`${label}: finding.resources must be an array of strings`);
    }
    if (!isStringArray(item.expected) || item.expected.length === 0) {
      fail(`${label}: expected must be a non-empty array of action ids`);
      return;
    }
    if (new Set(item.expected).size !== item.expected.length) fail(`${label}: expected has duplicates`);
    for (const id of item.expected) {
      if (deprecated.has(id)) fail(`${label}: ${id} is deprecated; label the current action`);
      else if (!known.has(id)) fail(`${label}: unknown action ${id}`);
    }
    if (typeof item.rationale !== 'string' || !item.rationale.trim()) fail(`${label}: rationale missing`);
    items.push(item as LabelledFinding);
  });
  return items;
}

function checkUnique(sets: Record<SetName, LabelledFinding[]>): void {
  const ids = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const [name, items] of Object.entries(sets)) {
    for (const item of items) {
      const previous = ids.get(item.id);
      if (previous) fail(`duplicate id ${item.id} (${previous} and ${name})`);
      ids.set(item.id, name);
      const text = (item.finding.summary ?? item.finding.title ?? '').trim().toLowerCase();
      const twin = texts.get(text);
      if (text && twin) fail(`${item.id}: same text as ${twin}`);
      texts.set(text, item.id);
    }
  }
}

function seedAccuracy(items: LabelledFinding[]): Accuracy {
  const accuracy: Accuracy = { total: items.length, top1: 0, top3: 0, noMatch: 0 };
  for (const item of items) {
    const ranked = seedRecommend(item.finding);
    if (ranked.length === 0) accuracy.noMatch++;
    if (ranked[0] !== undefined && item.expected.includes(ranked[0])) accuracy.top1++;
    if (ranked.slice(0, 3).some((id) => item.expected.includes(id))) accuracy.top3++;
  }
  return accuracy;
}

const pct = (n: number, total: number): string => (total === 0 ? '-' : `${((100 * n) / total).toFixed(1)}%`);

function main(): void {
  const { ids: known, deprecated } = knownActionIds();
  const sets: Record<SetName, LabelledFinding[]> = {
    dev: load('dev', known, deprecated),
    holdout: load('holdout', known, deprecated),
  };
  checkUnique(sets);

  const actionIds = [...known].sort();
  const counts = new Map<string, Record<SetName, { first: number; any: number }>>();
  for (const id of actionIds) counts.set(id, { dev: { first: 0, any: 0 }, holdout: { first: 0, any: 0 } });
  for (const name of Object.keys(sets) as SetName[]) {
    for (const item of sets[name]) {
      item.expected.forEach((id, rank) => {
        const count = counts.get(id)?.[name];
        if (!count) return;
        count.any++;
        if (rank === 0) count.first++;
      });
    }
  }

  console.log('Coverage per action (first label / any label):');
  console.log(`  ${'action'.padEnd(64)} ${'dev'.padStart(7)} ${'holdout'.padStart(9)}`);
  for (const id of actionIds) {
    const c = counts.get(id)!;
    const dev = `${c.dev.first}/${c.dev.any}`;
    const holdout = `${c.holdout.first}/${c.holdout.any}`;
    const flag = c.dev.first === 0 ? '  <- never first in dev' : '';
    console.log(`  ${id.padEnd(64)} ${dev.padStart(7)} ${holdout.padStart(9)}${flag}`);
  }

  console.log('');
  for (const name of Object.keys(sets) as SetName[]) {
    const items = sets[name];
    const distinctFirst = new Set(items.map((i) => i.expected[0])).size;
    const req = REQUIREMENTS[name];
    const needFirst = req.minDistinctFirst === 'all' ? actionIds.length : req.minDistinctFirst;
    console.log(
      `${name}: ${items.length} findings, ${distinctFirst} distinct first-label actions (of ${actionIds.length})`,
    );
    if (items.length < req.minFindings)
      fail(`${name}: ${items.length} findings, need at least ${req.minFindings}`);
    if (distinctFirst < needFirst) fail(`${name}: ${distinctFirst} distinct first labels, need ${needFirst}`);
  }

  console.log('');
  console.log('Seed keyword baseline (a finding with no match counts as a miss):');
  for (const name of Object.keys(sets) as SetName[]) {
    const a = seedAccuracy(sets[name]);
    console.log(
      `  ${name.padEnd(8)} top-1 ${a.top1}/${a.total} (${pct(a.top1, a.total)})  ` +
        `top-3 ${a.top3}/${a.total} (${pct(a.top3, a.total)})  no match ${a.noMatch}`,
    );
    if (a.total > 0 && a.top3 / a.total > 0.5) {
      console.warn(`  warning: the seed finds ${name} too easily; the findings may be too keyword-like`);
    }
  }

  if (process.argv.includes('--show-dev')) {
    console.log('\nDev findings the seed misses in its top 3:');
    for (const item of sets.dev) {
      const ranked = seedRecommend(item.finding).slice(0, 3);
      if (ranked.some((id) => item.expected.includes(id))) continue;
      console.log(`  ${item.id} expected ${item.expected[0]}; seed ${ranked.join(', ') || '(none)'}`);
    }
  }

  if (errors.length > 0) {
    console.error(`\n${errors.length} problem(s):`);
    for (const message of errors) console.error(`  ${message}`);
    process.exitCode = 1;
  } else {
    console.log('\nlabels OK');
  }
}

main();
