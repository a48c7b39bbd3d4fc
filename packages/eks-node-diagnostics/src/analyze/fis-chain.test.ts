import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingInput } from '@faultline/findings';
import { recommend } from '@faultline/fis-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../bundle/open-bundle';
import { generateBundle } from '../testing';
import { analyzeBundle } from './analyze-bundle';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-fis-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function topActions(rule: string): Promise<string[]> {
  const bundle = await generateBundle({
    outDir: join(dir, rule),
    sizeMb: 0.02,
    inject: [rule],
    archive: false,
  });
  const { findings } = await analyzeBundle(await openBundle(bundle.folder, { roots: [dir] }));
  const finding = findings.find((f) => f.rule === rule);
  const step = finding?.next.find((n) => n.tool === 'recommend_fis_experiments');
  // The finding goes to the recommender as the next step hands it over, and as a whole.
  expect(recommend(finding as FindingInput, { limit: 3 }).recommendations.length).toBeGreaterThan(0);
  return recommend(step?.arguments.finding as FindingInput, { limit: 3 }).recommendations.map(
    (r) => `${r.actionId} ${JSON.stringify(r.parameters ?? {})}`,
  );
}

describe('a node finding fed to the FIS recommender', () => {
  it('turns an OOM kill into a memory stress experiment', async () => {
    expect((await topActions('kernel.oom-kill'))[0]).toMatch(/memory-stress|Memory-Stress/);
  });

  it('turns a full conntrack table into packet loss', async () => {
    expect((await topActions('kernel.conntrack-table-full'))[0]).toMatch(/packet-loss|Packet-Loss/);
  });

  it('turns a DROP rule on DNS into a network fault', async () => {
    expect((await topActions('iptables.unexpected-reject')).join(' ')).toMatch(/blackhole|packet-loss/i);
  });

  it('turns a full disk into a disk fill or I/O stress', async () => {
    expect((await topActions('storage.disk-usage-high')).join(' ')).toMatch(/Disk-Fill|io-stress/);
  });
});
