/** The scenario engine module, loaded on first use so that start-up stays fast. */
export type ScenarioEngine = typeof import('@faultline/scenario-engine');

let loading: Promise<ScenarioEngine> | undefined;

/** Loads `@faultline/scenario-engine` once. */
export function loadScenarioEngine(): Promise<ScenarioEngine> {
  loading ??= import('@faultline/scenario-engine');
  return loading;
}
