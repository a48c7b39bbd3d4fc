import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../engine/run-types';
import type { ProbeSample } from '../probes/probe-sample';
import { toHtml } from './html';
import { toJUnit } from './junit';
import { toMarkdown } from './markdown';

/** Report formats. */
export type ReportFormat = 'json' | 'junit' | 'markdown' | 'html';

/** Writes report.json (always) and the other formats asked for into the run folder. */
export function writeReports(
  runDir: string,
  report: RunReport,
  samples: readonly ProbeSample[],
  formats: readonly ReportFormat[],
): string[] {
  const written = ['report.json'];
  writeFileSync(join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (formats.includes('junit')) {
    writeFileSync(join(runDir, 'junit.xml'), toJUnit(report));
    written.push('junit.xml');
  }
  if (formats.includes('markdown')) {
    writeFileSync(join(runDir, 'report.md'), toMarkdown(report));
    written.push('report.md');
  }
  if (formats.includes('html')) {
    writeFileSync(join(runDir, 'report.html'), toHtml(report, samples));
    written.push('report.html');
  }
  return written;
}
