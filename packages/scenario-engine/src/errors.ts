/** String codes of {@link ScenarioEngineError}; stable across versions. */
export const ScenarioEngineErrorCode = {
  /** The scenario file is not valid; `data.issues` lists every problem with its line and column. */
  ScenarioInvalid: 'SCENARIO_INVALID',
  /** A state transition the state machine does not allow was requested. */
  TransitionInvalid: 'SCENARIO_TRANSITION_INVALID',
  /** The kill switch is engaged: no fault may be injected. */
  KillSwitchEngaged: 'SCENARIO_KILL_SWITCH_ENGAGED',
  /** Another fault is already active on the same target. */
  TargetBusy: 'SCENARIO_TARGET_BUSY',
  /** A fault could not be injected, observed or reverted; `cause` holds the underlying error. */
  FaultFailed: 'SCENARIO_FAULT_FAILED',
  /** A fault cannot run here (for example tc netem without root); `message` says why. */
  FaultUnsupported: 'SCENARIO_FAULT_UNSUPPORTED',
  /** A command was refused by the sandbox (not allow-listed, or matched a deny pattern). */
  CommandDenied: 'SCENARIO_COMMAND_DENIED',
  /** A supervised service or helper process could not be started. */
  ProcessFailed: 'SCENARIO_PROCESS_FAILED',
  /** The assistant under test could not be reached or answered with an unusable response. */
  AssistantFailed: 'SCENARIO_ASSISTANT_FAILED',
  /** A run folder could not be read or recovered. */
  RecoverFailed: 'SCENARIO_RECOVER_FAILED',
  /** A folder to search for scenarios does not exist or is not a folder. */
  ScenarioRootInvalid: 'SCENARIO_ROOT_INVALID',
  /** An experiment template failed fis-core's validator; `data.errors` lists the issues. */
  TemplateInvalid: 'SCENARIO_TEMPLATE_INVALID',
} as const;

/** A {@link ScenarioEngineErrorCode} value. */
export type ScenarioEngineErrorCode = (typeof ScenarioEngineErrorCode)[keyof typeof ScenarioEngineErrorCode];

const marker = Symbol.for('faultline.scenario-engine.error');

/**
 * The one error class of `@faultline/scenario-engine`. Expected failures (an invalid scenario, a
 * failed probe, a FAIL verdict) are returned as data; this is thrown only when a call cannot do its
 * work at all.
 */
export class ScenarioEngineError extends Error {
  /** Brand checked by {@link ScenarioEngineError.isInstance}; survives duplicate installs. */
  readonly [marker] = true;
  /** What went wrong, as a stable string code. */
  readonly code: ScenarioEngineErrorCode;
  /** Structured detail, e.g. `{ issues }` for an invalid scenario. */
  readonly data?: unknown;

  constructor(code: ScenarioEngineErrorCode, message: string, options?: ErrorOptions & { data?: unknown }) {
    super(message, options);
    this.name = 'ScenarioEngineError';
    this.code = code;
    this.data = options?.data;
  }

  /** True for a ScenarioEngineError from any copy of this package. */
  static isInstance(value: unknown): value is ScenarioEngineError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
