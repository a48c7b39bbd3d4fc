// The public contract of @faultline/scenario-engine. Anything exported here is public API: add with care.
// Test helpers live in '@faultline/scenario-engine/testing'.
export type { AssistantClient, AssistantStreamRecord, AssistantTurn } from './assistant/assistant-client';
export { OpenAiChatClient, type OpenAiChatClientOptions } from './assistant/openai-client';
export { RemediationApiClient, type RemediationApiClientOptions } from './assistant/remediation-api-client';
export { toMs } from './duration';
export { type RecoverResult, recoverRun } from './engine/recover';
export { newRunId, type RunOutcome, type RunScenarioOptions, runScenario } from './engine/run-scenario';
export type {
  AssistantResult,
  FaultMeasurement,
  Observation,
  RunEvent,
  RunReport,
} from './engine/run-types';
export { ScenarioEngineError, ScenarioEngineErrorCode } from './errors';
export { type EntityExpectation, evaluateEntities } from './evaluate/entities';
export { evaluateAnswer } from './evaluate/evaluate-answer';
export type { Evaluation } from './evaluate/evaluation';
export { evaluateJsonSchema, extractJson } from './evaluate/json-schema';
export { evaluateMentions } from './evaluate/references';
export { compileGuard, evaluateRegexGuard } from './evaluate/regex-guard';
export { evaluateSimilarity, tokenCosine } from './evaluate/similarity';
export { AwsFisProvider, type AwsFisProviderOptions } from './faults/aws-fis/aws-fis-provider';
export { ChaosMeshProvider, type ChaosMeshProviderOptions } from './faults/chaos-mesh/chaos-mesh-provider';
export type { ActiveFault, FaultObservation, FaultProvider } from './faults/fault-provider';
export { Journal, type JournalEntry, readJournal } from './fsm/journal';
export {
  assertTransition,
  canTransition,
  nextStep,
  OPTIONAL_STEPS,
  RUN_STATES,
  type RunState,
  type StepUsage,
  TRANSITIONS,
  type Verdict,
} from './fsm/states';
export { FaultProxy, seededRandom } from './helper/fault-proxy';
export type { ProxyMode } from './helper/ipc';
export { alarmSamples, analyzeFaultWindow, type FaultWindowAnalysis } from './probes/fault-window';
export { percentile } from './probes/percentile';
export type { ProbeRunner, ProbeSample } from './probes/probe-sample';
export { evaluateTolerance, type ToleranceResult } from './probes/tolerance';
export type { CommandRequest, CommandResult, CommandRunner } from './remedy/command-runner';
export { DEFAULT_DENY_PATTERNS } from './remedy/deny-patterns';
export { parseRemedyCommands } from './remedy/parse-remedy-commands';
export { SandboxedCommandRunner, type SandboxOptions } from './remedy/sandboxed-command-runner';
export { toHtml } from './report/html';
export { toJUnit } from './report/junit';
export { toMarkdown } from './report/markdown';
export { type ReportFormat, writeReports } from './report/write-reports';
export { engineBuiltins } from './runtime/builtins';
export { defaultKillSwitchPath, KillSwitch } from './runtime/kill-switch';
export { defaultLockDir, TargetLocks } from './runtime/target-lock';
export { type BindingValue, substitute } from './scenario/bindings';
export {
  findScenarioFiles,
  MAX_SCENARIO_FILE_BYTES,
  type ScenarioFileEntry,
  type ScenarioSearch,
} from './scenario/find-scenario-files';
export { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchema } from './scenario/json-schema';
export {
  type ParseScenarioOptions,
  parseScenario,
  type SafeParseScenarioResult,
  safeParseScenario,
} from './scenario/parse-scenario';
export { formatIssues, type ScenarioIssue } from './scenario/scenario-issue';
export { defaultScenarioRoot } from './scenario/scenario-root';
export {
  type AssistantStep,
  type Expectation,
  type Fault,
  faultsOf,
  type Probe,
  type Sandbox,
  type Scenario,
  type ScenarioCommand,
  type ScenarioInput,
  ScenarioSchema,
  type Service,
  type Tolerance,
} from './scenario/schema';
