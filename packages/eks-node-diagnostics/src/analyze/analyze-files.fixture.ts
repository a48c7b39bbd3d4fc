import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openBundle } from '../bundle/open-bundle';
import { type AnalysisResult, type AnalyzeOptions, analyzeBundle } from './analyze-bundle';

/** The bundle name tests use: collected 2026-11-02 10:30 UTC, so yearless times fall in 2026. */
export const TEST_BUNDLE_NAME = 'eks_i-0123456789abcdef0_2026-11-02_1030-UTC_0.7.9';

/**
 * Writes `files` (bundle path → lines) as a bundle folder in a temporary directory, analyses it
 * and removes it: a test states the lines a node logged and reads the findings.
 */
export async function analyzeFiles(
  files: Readonly<Record<string, readonly string[]>>,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const root = await mkdtemp(join(tmpdir(), 'faultline-lines-'));
  try {
    for (const [path, lines] of Object.entries(files)) {
      const file = join(root, TEST_BUNDLE_NAME, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${lines.join('\n')}\n`);
    }
    return await analyzeBundle(await openBundle(TEST_BUNDLE_NAME, { roots: [root] }), options);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
