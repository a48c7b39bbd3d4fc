// In-process throughput of the library calls behind the tools: recommendations/s over the labelled
// dev findings (incidents in their own words), templates created/s, and templates validated/s over
// the templates made from those recommendations. The floor is a JSON round trip of the same inputs
// (the least any call that reads its whole input does), timed in the same rounds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { budget, DIST, fmt, importDist, ROOT, ratio, summarize } from './lib/common.mjs';

/** Budget: mean time per call, in ms, for recommend and validate on typical input. */
export const IN_PROCESS_BUDGET_MS = 1;

export async function run({ quick, log }) {
  const core = await importDist(DIST.fisCore);
  const catalog = core.bundledCatalog();
  const findings = [
    ...JSON.parse(readFileSync(join(ROOT, 'packages/fis-core/bench/findings/dev.json'), 'utf8')).map(
      (item) => item.finding,
    ),
  ];
  const alarm = { stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx' };
  const recommendations = findings
    .map((finding) => core.recommend(finding, { catalog }).recommendations[0])
    .filter(Boolean);
  const templates = recommendations.map((r) => core.createTemplate(r, alarm, { catalog }).template);

  const families = [
    {
      name: 'recommend (dev findings)',
      unit: 'recommendations/s',
      inputs: findings,
      call: (finding) => core.recommend(finding, { catalog }),
      budgeted: true,
    },
    {
      name: 'createTemplate (top recommendation)',
      unit: 'templates/s',
      inputs: recommendations,
      call: (r) => core.createTemplate(r, alarm, { catalog }),
      budgeted: false,
    },
    {
      name: 'validateTemplate (created templates)',
      unit: 'templates validated/s',
      inputs: templates,
      call: (t) => core.validateTemplate(t, { catalog, region: 'us-east-1' }),
      budgeted: true,
    },
  ];
  const rounds = quick ? 3 : 9;
  const warmUpPasses = quick ? 2 : 20;
  const passes = quick ? 1 : 10;
  const roundTrip = (input) => JSON.parse(JSON.stringify(input));

  const results = [];
  for (const family of families) {
    for (let p = 0; p < warmUpPasses; p += 1) {
      for (const input of family.inputs) {
        family.call(input);
        roundTrip(input);
      }
    }
    const subject = [];
    const floor = [];
    for (let r = 0; r < rounds; r += 1) {
      // The floor and the subject alternate within a round, over the same inputs.
      let t = performance.now();
      for (let p = 0; p < passes; p += 1) for (const input of family.inputs) roundTrip(input);
      floor.push((passes * family.inputs.length) / ((performance.now() - t) / 1000));
      t = performance.now();
      for (let p = 0; p < passes; p += 1) for (const input of family.inputs) family.call(input);
      subject.push((passes * family.inputs.length) / ((performance.now() - t) / 1000));
    }
    // The slowest single input, so "typical" does not hide a bad case.
    let slowest = 0;
    for (const input of family.inputs) {
      const t = performance.now();
      for (let i = 0; i < 5; i += 1) family.call(input);
      slowest = Math.max(slowest, (performance.now() - t) / 5);
    }
    const perSecond = summarize(subject);
    const floorPerSecond = summarize(floor);
    results.push({
      name: family.name,
      unit: family.unit,
      inputs: family.inputs.length,
      perSecond,
      floorPerSecond: floorPerSecond.median,
      meanMs: 1000 / perSecond.median,
      slowestMs: slowest,
      costTimesFloor: ratio(floorPerSecond.median, perSecond.median),
      budgeted: family.budgeted,
    });
  }
  const budgets = results
    .filter((r) => r.budgeted)
    .map((r) =>
      budget(
        `${r.name.split(' ')[0]} in process < ${IN_PROCESS_BUDGET_MS} ms per call (typical input)`,
        Math.round(r.meanMs * 1000) / 1000,
        IN_PROCESS_BUDGET_MS,
        '<',
        `slowest single input ${fmt(r.slowestMs * 1000)} µs`,
      ),
    );
  log(`in process: ${results.map((r) => `${r.name.split(' ')[0]} ${fmt(r.perSecond.median)}/s`).join(', ')}`);
  return {
    id: 'in-process',
    title: 'In-process throughput (library calls, no MCP)',
    method: `${rounds} rounds of ${passes} pass(es) over every input after ${warmUpPasses} warm-up passes; the floor (a JSON round trip of the same input) alternates with the call in each round.`,
    data: results,
    budgets,
    table: {
      columns: [
        'call',
        'inputs',
        'median ±spread',
        'mean per call',
        'slowest input',
        'floor (JSON round trip)',
        'cost × floor',
      ],
      rows: results.map((r) => [
        r.name,
        String(r.inputs),
        `${fmt(r.perSecond.median)} ${r.unit} ±${Math.round(r.perSecond.spread * 50)}%`,
        `${fmt(r.meanMs * 1000)} µs`,
        `${fmt(r.slowestMs * 1000)} µs`,
        `${fmt(r.floorPerSecond)}/s`,
        `${fmt(r.costTimesFloor)}×`,
      ]),
    },
  };
}
