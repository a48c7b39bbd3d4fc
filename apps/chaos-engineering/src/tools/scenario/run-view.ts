import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultMeasurement, JournalEntry, RunReport } from '@faultline/scenario-engine';
import { z } from 'zod';
import type { LiveFault, RunRecord } from './scenario-runs';

/** A heartbeat older than this means the engine that wrote it is gone (the engine's own limit). */
export const HEARTBEAT_STALE_MS = 3000;

const FaultViewSchema = z.object({
  id: z.string().describe('Stable fault id: <index>-<type>-<target>, e.g. 1-process-kill-fis-recommender.'),
  type: z.string(),
  target: z.string(),
  provider: z.string().optional(),
  status: z.string().describe('pending, injected, skipped or failed.'),
  reason: z.string().optional(),
  injectedAt: z.string().optional(),
  detectedAt: z.string().optional(),
  revertedAt: z.string().optional(),
  recoveredAt: z.string().optional(),
  mttdMs: z.number().nullable().describe('Time to detect (detection − injection), ms; null until detected.'),
  mttrMs: z
    .number()
    .nullable()
    .describe(
      'Time to recover, ms, from the injection (self-healing faults) or the revert; null until recovered.',
    ),
  detectedBy: z.object({ probe: z.string(), error: z.string().optional(), latencyMs: z.number() }).optional(),
});

/** A run as the scenario tools return it, live or finished. */
export const RunViewSchema = z.object({
  runId: z.string().describe('Run id: pass it to get_scenario_run and abort_scenario_run.'),
  scenarioId: z.string().describe('meta.id of the scenario.'),
  title: z.string().describe('meta.title of the scenario.'),
  path: z.string().optional().describe('The scenario file, relative to the scenario root.'),
  status: z
    .enum(['running', 'finished', 'interrupted'])
    .describe('interrupted: the engine died before its cleanup; abort_scenario_run rolls it back.'),
  state: z.string().describe('The current state, or the last one (CLEANUP once finished).'),
  verdict: z.enum(['PASS', 'FAIL', 'ABORTED']).optional().describe('Set once the run has finished.'),
  reason: z.string().optional().describe('Why the verdict is not PASS (the first reason), or a summary.'),
  startedAt: z.string().optional().describe('ISO 8601.'),
  finishedAt: z.string().optional().describe('ISO 8601.'),
  durationMs: z.number().optional().describe('Run time so far, or in total once finished.'),
  states: z
    .array(z.object({ state: z.string(), at: z.string(), skipped: z.array(z.string()).optional() }))
    .describe(
      'Every transition of the state machine, with its time (ISO 8601) and the steps skipped before it.',
    ),
  faults: z.array(FaultViewSchema).describe('Each fault with its measurements (mttdMs, mttrMs).'),
  observations: z
    .array(
      z.object({
        id: z.string().describe('Stable across runs of the same scenario (obs_…).'),
        kind: z.string(),
        severity: z.enum(['info', 'warning', 'error']),
        message: z.string(),
      }),
    )
    .describe('What the run found (detections, recoveries, failed checks); complete once finished.'),
  runDir: z.string().describe('The run folder (absolute).'),
  reports: z
    .object({
      html: z.string().optional(),
      json: z.string().optional(),
      markdown: z.string().optional(),
      junit: z.string().optional(),
      journal: z.string().optional(),
      samples: z.string().optional(),
    })
    .describe('Absolute paths of the run’s files that exist.'),
  source: z
    .enum(['memory', 'disk'])
    .describe('memory: a run of this server process; disk: read from its folder.'),
  next: z.string().describe('What to call next.'),
});

/** A {@link RunViewSchema} value. */
export type RunView = z.infer<typeof RunViewSchema>;
type FaultView = z.infer<typeof FaultViewSchema>;

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const REPORT_FILES = {
  html: 'report.html',
  json: 'report.json',
  markdown: 'report.md',
  junit: 'junit.xml',
  journal: 'journal.jsonl',
  samples: 'samples.jsonl',
} as const;

function reportPaths(runDir: string): RunView['reports'] {
  const out: RunView['reports'] = {};
  for (const [key, file] of Object.entries(REPORT_FILES)) {
    const path = join(runDir, file);
    if (existsSync(path)) out[key as keyof typeof REPORT_FILES] = path;
  }
  return out;
}

function faultFromMeasurement(m: FaultMeasurement): FaultView {
  return {
    id: m.id,
    type: m.type,
    target: m.target,
    provider: m.provider,
    status: m.status,
    ...(m.reason && { reason: m.reason }),
    ...(m.injectedAt !== undefined && { injectedAt: iso(m.injectedAt) }),
    ...(m.detectedAt !== undefined && { detectedAt: iso(m.detectedAt) }),
    ...(m.revertedAt !== undefined && { revertedAt: iso(m.revertedAt) }),
    ...(m.recoveredAt !== undefined && { recoveredAt: iso(m.recoveredAt) }),
    mttdMs: m.mttdMs ?? null,
    mttrMs: m.mttrMs ?? null,
    ...(m.detectedBy && { detectedBy: m.detectedBy }),
  };
}

function liveFault(
  planned: { id: string; type: string; target: string },
  live: LiveFault | undefined,
): FaultView {
  const from = live?.revertedAt ?? live?.injectedAt;
  return {
    id: planned.id,
    type: planned.type,
    target: planned.target,
    status: live?.skipped ? 'skipped' : live?.injectedAt !== undefined ? 'injected' : 'pending',
    ...(live?.skipped && { reason: live.skipped }),
    ...(live?.injectedAt !== undefined && { injectedAt: iso(live.injectedAt) }),
    ...(live?.detectedAt !== undefined && { detectedAt: iso(live.detectedAt) }),
    ...(live?.revertedAt !== undefined && { revertedAt: iso(live.revertedAt) }),
    ...(live?.recoveredAt !== undefined && { recoveredAt: iso(live.recoveredAt) }),
    mttdMs:
      live?.detectedAt !== undefined && live.injectedAt !== undefined
        ? live.detectedAt - live.injectedAt
        : null,
    mttrMs:
      live?.recoveredAt !== undefined && from !== undefined ? Math.max(0, live.recoveredAt - from) : null,
  };
}

function nextStep(view: Pick<RunView, 'status' | 'runId' | 'verdict' | 'reports'>): string {
  if (view.status === 'running') {
    return `The run is going on: call get_scenario_run with run_id ${view.runId} (wait_seconds up to 50 to wait for the end), or abort_scenario_run to roll it back now.`;
  }
  if (view.status === 'interrupted') {
    return `The engine of this run died before its cleanup: call abort_scenario_run with run_id ${view.runId} to revert its faults, stop its processes and run its cleanup.`;
  }
  const report = view.reports.html ?? view.reports.markdown ?? view.reports.json;
  return `Finished: ${view.verdict ?? 'no verdict'}.${report ? ` The report is ${report}.` : ''}`;
}

function withNext(view: Omit<RunView, 'next'>): RunView {
  return { ...view, next: nextStep(view) };
}

/** The view of a run of this process. */
export function viewFromRecord(record: RunRecord): RunView {
  const report = record.outcome?.report;
  if (report) return withNext({ ...fromReport(report, record.runDir, 'memory'), path: record.path });
  const finished = record.finishedAt !== undefined;
  const now = record.finishedAt ?? Date.now();
  return withNext({
    runId: record.runId,
    scenarioId: record.scenarioId,
    title: record.title,
    path: record.path,
    status: finished ? 'finished' : 'running',
    state: record.state,
    ...(finished && {
      verdict: 'ABORTED' as const,
      reason: `the engine failed: ${record.error ?? 'unknown error'}`,
    }),
    startedAt: iso(record.startedAt),
    ...(finished && { finishedAt: iso(record.finishedAt) }),
    durationMs: now - record.startedAt,
    states: record.states.map((s) => ({
      state: s.state,
      at: iso(s.at) as string,
      ...(s.skipped && { skipped: s.skipped }),
    })),
    faults: record.plannedFaults.map((p) => liveFault(p, record.faults.get(p.id))),
    observations: [],
    runDir: record.runDir,
    reports: reportPaths(record.runDir),
    source: 'memory',
  });
}

function fromReport(
  report: Partial<RunReport> & { runId: string },
  runDir: string,
  source: RunView['source'],
  journal: JournalEntry[] = [],
): Omit<RunView, 'next'> {
  const states =
    report.states?.map((s) => ({
      state: s.state,
      at: iso(s.at) as string,
      ...(s.skipped && { skipped: s.skipped }),
    })) ?? statesFromJournal(journal);
  return {
    runId: report.runId,
    scenarioId: report.scenarioId ?? 'unknown',
    title: report.title ?? report.scenarioId ?? 'unknown',
    status: 'finished',
    state: states.at(-1)?.state ?? 'CLEANUP',
    ...(report.verdict && { verdict: report.verdict }),
    ...(report.reason && { reason: report.reason }),
    ...(report.startedAt && { startedAt: report.startedAt }),
    ...(report.finishedAt && { finishedAt: report.finishedAt }),
    ...(report.durationMs !== undefined && { durationMs: report.durationMs }),
    states,
    faults: (report.faults ?? []).map(faultFromMeasurement),
    observations: report.observations ?? [],
    runDir,
    reports: reportPaths(runDir),
    source,
  };
}

function statesFromJournal(entries: JournalEntry[]): RunView['states'] {
  const states: RunView['states'] = [];
  const started = entries.find((e) => e.type === 'run-started');
  if (started) states.push({ state: 'INIT', at: started.at });
  for (const entry of entries) {
    if (entry.type === 'transition' && typeof entry.to === 'string')
      states.push({ state: entry.to, at: entry.at });
  }
  return states;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Age of the run's heartbeat file in ms (Infinity when there is none). */
export function heartbeatAge(runDir: string, now = Date.now()): number {
  try {
    return now - statSync(join(runDir, 'heartbeat')).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The view of a run from its folder: report.json when the run finished, else its journal (a run of
 * another process, or one whose engine died). Undefined when the folder holds neither.
 */
export function viewFromDisk(
  runDir: string,
  readJournal: (path: string) => JournalEntry[],
  runId: string,
): RunView | undefined {
  const journalPath = join(runDir, 'journal.jsonl');
  const journal = existsSync(journalPath) ? readJournal(journalPath) : [];
  const report = readJson<Partial<RunReport> & { runId?: string }>(join(runDir, 'report.json'));
  const finished = journal.some((e) => e.type === 'run-finished');
  if (report?.verdict && (finished || journal.length === 0)) {
    return withNext(fromReport({ ...report, runId: report.runId ?? runId }, runDir, 'disk', journal));
  }
  if (journal.length === 0) return undefined;
  const started = journal.find((e) => e.type === 'run-started');
  const scenario = readJson<{ meta?: { id?: string; title?: string } }>(join(runDir, 'scenario.json'));
  const states = statesFromJournal(journal);
  const reverted = new Set(journal.filter((e) => e.type === 'fault-reverted').map((e) => String(e.id)));
  const faults: FaultView[] = journal
    .filter((e) => e.type === 'fault-injected')
    .map((e) => {
      const active = e.active as {
        id: string;
        type: string;
        target: string;
        provider: string;
        injectedAt: number;
      };
      return {
        id: active.id,
        type: active.type,
        target: active.target,
        provider: active.provider,
        status: 'injected',
        injectedAt: iso(active.injectedAt),
        ...(reverted.has(active.id) && { reason: 'reverted' }),
        mttdMs: null,
        mttrMs: null,
      };
    });
  const running = heartbeatAge(runDir) < HEARTBEAT_STALE_MS;
  return withNext({
    runId: typeof started?.runId === 'string' ? started.runId : runId,
    scenarioId:
      scenario?.meta?.id ?? (typeof started?.scenarioId === 'string' ? started.scenarioId : 'unknown'),
    title: scenario?.meta?.title ?? 'unknown',
    status: finished ? 'finished' : running ? 'running' : 'interrupted',
    state: states.at(-1)?.state ?? 'INIT',
    ...(started && { startedAt: started.at }),
    states,
    faults,
    observations: [],
    runDir,
    reports: reportPaths(runDir),
    source: 'disk',
  });
}
