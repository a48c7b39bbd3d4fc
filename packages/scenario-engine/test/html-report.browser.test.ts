import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOutcome } from '../src/engine/run-scenario';
import { findChromium } from './find-browser';
import { EXAMPLES, runExample } from './run-example';

// The HTML report of a real run (the process-kill example against the built fis-recommender),
// opened in a real headless Chromium: it must render with no errors and no network access, and
// its timeline must show the samples and the injection, detection and recovery markers in order.
// CI installs Chromium and sets FAULTLINE_REQUIRE_BROWSER=1, so there a missing browser fails.

const SERVER = join(EXAMPLES, '../../apps/fis-recommender/dist/index.js');
const executablePath = findChromium();
if (!executablePath && process.env.FAULTLINE_REQUIRE_BROWSER === '1')
  throw new Error(
    'FAULTLINE_REQUIRE_BROWSER=1 but no Chromium found (set FAULTLINE_CHROMIUM or install chromium)',
  );

describe.runIf(executablePath && existsSync(SERVER))('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let run: RunOutcome;

  beforeAll(async () => {
    [browser, run] = await Promise.all([
      chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] }),
      runExample('mcp-process-kill'),
    ]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (run) rmSync(run.runDir, { recursive: true, force: true });
  });

  it('renders self-contained, without errors, with the verdict, the MTTD and MTTR, and an ordered timeline', async () => {
    // Prepare
    expect(run.report.verdict, run.report.reason).toBe('PASS');
    const file = join(run.runDir, 'report.html');
    const samples = readFileSync(join(run.runDir, 'samples.jsonl'), 'utf8').trim().split('\n');
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));

    // Act
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    // Assess: nothing but the file itself was fetched, nothing went wrong
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await expect(page.title()).resolves.toContain('PASS');
    expect(await page.locator('#verdict').textContent()).toBe('PASS');
    expect(await page.locator('#run-id').textContent()).toBe(run.report.runId);
    const fault = run.report.faults[0];
    const row = page.locator(`#faults tr[data-fault="${fault?.id}"]`);
    expect(await row.locator('.mttd').textContent()).toBe(`${fault?.mttdMs} ms`);
    expect(await row.locator('.mttr').textContent()).toBe(`${fault?.mttrMs} ms`);

    // the chart is laid out at a readable size and draws every sample
    const svg = await page.locator('svg.timeline').boundingBox();
    expect(svg?.width).toBeGreaterThan(600);
    expect(svg?.height).toBeGreaterThan(100);
    expect(await page.locator('svg.timeline .sample').count()).toBe(samples.length);
    expect(await page.locator('svg.timeline .sample.failed').count()).toBeGreaterThan(0);

    // the markers are visible, inside the chart and in time order from left to right
    const xs: number[] = [];
    for (const marker of ['injected', 'detected', 'recovered']) {
      const box = await page.locator(`svg.timeline .marker-${marker} line`).boundingBox();
      expect(box, marker).not.toBeNull();
      expect(box?.x).toBeGreaterThanOrEqual(svg?.x ?? 0);
      expect(box?.x).toBeLessThanOrEqual((svg?.x ?? 0) + (svg?.width ?? 0));
      xs.push(box?.x ?? Number.NaN);
    }
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const window = await page.locator('svg.timeline .fault-window').boundingBox();
    expect(window?.width).toBeGreaterThan(0);

    // and it paints something: the screenshot of the chart is not a blank image
    const png = await page.locator('svg.timeline').screenshot();
    expect(png.byteLength).toBeGreaterThan(5_000);
    await page.close();
  });
});
