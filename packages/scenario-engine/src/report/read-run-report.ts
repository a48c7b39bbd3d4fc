import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReport } from '../engine/run-types';
import type { ProbeSample } from '../probes/probe-sample';

/**
 * The probe samples of a run folder (`samples.jsonl`), oldest first; none when the file is missing.
 * A torn last line (the engine killed mid-write) is skipped.
 */
export function readSamples(runDir: string): ProbeSample[] {
  const file = join(runDir, 'samples.jsonl');
  if (!existsSync(file)) return [];
  const samples: ProbeSample[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      samples.push(JSON.parse(line) as ProbeSample);
    } catch {
      // a partial line from a crash
    }
  }
  return samples;
}

/**
 * A run folder's `report.json` and samples, ready for the report writers: the sections a partial
 * report lacks (the ABORTED report `recover` wrote before it wrote full reports) are filled in as
 * empty, so every format can be regenerated from any run folder.
 *
 * @example
 * const { report, samples } = readRunReport('runs/1');
 * writeReports('runs/1', report, samples, ['json', 'junit', 'markdown', 'html']);
 */
export function readRunReport(runDir: string): { report: RunReport; samples: ProbeSample[] } {
  const stored = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8')) as Partial<RunReport>;
  const samples = readSamples(runDir);
  const report: RunReport = {
    ...stored,
    schemaVersion: 1,
    runId: stored.runId ?? '',
    scenarioId: stored.scenarioId ?? '',
    title: stored.title ?? stored.scenarioId ?? '',
    verdict: stored.verdict ?? 'ABORTED',
    reason: stored.reason ?? '',
    control: stored.control ?? false,
    startedAt: stored.startedAt ?? stored.finishedAt ?? '',
    finishedAt: stored.finishedAt ?? stored.startedAt ?? '',
    durationMs: stored.durationMs ?? 0,
    states: stored.states ?? [],
    faults: stored.faults ?? [],
    steadyState: {
      precheck: stored.steadyState?.precheck ?? {},
      verify: stored.steadyState?.verify ?? {},
    },
    assistant: stored.assistant ?? {},
    commands: stored.commands ?? [],
    observations: stored.observations ?? [],
    samples: stored.samples ?? { count: samples.length, file: 'samples.jsonl' },
  };
  return { report, samples };
}
