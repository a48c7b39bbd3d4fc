import type { FisClient } from '@aws-sdk/client-fis';
import type { CatalogProvider } from '@faultline/fis-core';
import type { Logger } from '@faultline/server-runtime';
import type { ScenarioRuns } from './tools/scenario/scenario-runs';

/** Where the scenario tools read scenarios and write runs. */
export interface ScenarioSettings {
  /** Scenario files must be in this folder: FAULTLINE_SCENARIO_ROOT, else ./scenarios when it exists, else the working directory. */
  root: string;
  /** One folder per run: FAULTLINE_RUNS_DIR, else $XDG_STATE_HOME/faultline/runs (~/.local/state/faultline/runs). */
  runsDir: string;
  /** Environment of runs: FAULTLINE_BINDING_<NAME> overrides, FAULTLINE_KILL_SWITCH, assistant API keys. */
  env: Readonly<Record<string, string | undefined>>;
  /** The runs of this process, shared by every server instance (HTTP builds one per request). */
  runs: ScenarioRuns;
}

/** What the chaos-engineering server needs from outside; tests substitute any of it. */
export interface ServerDeps {
  /** Catalogs per region: fresh cache, live AWS, agent data, then the bundled snapshot. */
  catalogs: CatalogProvider;
  /** The FIS client of a region, built on first use (the SDK loads lazily). */
  fis: (region: string) => Promise<FisClient>;
  /** Region used when a tool call names none: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
  defaultRegion: string;
  logger: Logger;
  /** Random ids (idempotency tokens). */
  randomId: () => string;
  /** Scenario root, runs folder and the runs of this process. */
  scenarios: ScenarioSettings;
}
