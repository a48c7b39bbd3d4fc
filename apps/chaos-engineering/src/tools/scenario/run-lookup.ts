import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import { ChaosServerError, ChaosServerErrorCode } from '../../errors';
import { type RunView, viewFromDisk, viewFromRecord } from './run-view';
import type { ScenarioEngine } from './scenario-engine';
import { RUN_ID_PATTERN, runFolder } from './scenario-files';
import type { RunRecord } from './scenario-runs';

/** The `run_id` argument. */
export const runIdArgument = z
  .string()
  .min(1)
  .max(64)
  .regex(RUN_ID_PATTERN, 'a run id as run_scenario returns it: letters, digits, - and _')
  .describe('Run id from run_scenario, e.g. 20250101T120000Z-3fa2c1.');

/** A run found by id: in this process (`record`), or only in its folder under the runs folder. */
export interface FoundRun {
  view: RunView;
  record?: RunRecord;
  runDir: string;
}

/** Finds a run in memory, else in its folder; CHAOS_RUN_NOT_FOUND when neither has it. */
export async function findRun(
  deps: ServerDeps,
  engine: Pick<ScenarioEngine, 'readJournal'>,
  runId: string,
): Promise<FoundRun> {
  const dir = await runFolder(deps.scenarios.runsDir, runId);
  const record = deps.scenarios.runs.get(runId);
  if (record) return { view: viewFromRecord(record), record, runDir: record.runDir };
  const view = dir ? viewFromDisk(dir, engine.readJournal, runId) : undefined;
  if (!dir || !view) {
    throw new ChaosServerError(
      ChaosServerErrorCode.RunNotFound,
      `run_id: no run ${runId} in this server or in its runs folder (FAULTLINE_RUNS_DIR); use a run id run_scenario returned`,
      { data: { field: 'run_id' } },
    );
  }
  return { view, runDir: dir };
}
