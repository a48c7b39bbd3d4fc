import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../bundle/open-bundle';
import { analyzeBundle } from './analyze-bundle';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '__fixtures__');

describe('a healthy node whose logs are full of bait', () => {
  it('yields no finding: a failed update-motd, app lines saying BUG, one probe failure, cron every 5 minutes, benign EDAC and APEI lines', async () => {
    const { findings, summary } = await analyzeBundle(await openBundle('bait-node', { roots: [fixtures] }), {
      year: 2026,
    });
    expect(findings.map((f) => `${f.rule}: ${f.title} (${f.evidence[0]?.location})`)).toEqual([]);
    expect(summary.status).toBe('healthy');
    expect(summary.files).toBeGreaterThanOrEqual(16);
  });
});
