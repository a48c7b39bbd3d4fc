/** String codes of {@link ChaosServerError}. */
export const ChaosServerErrorCode = {
  /** A guarded operation was refused (no confirmation, failed validation, no stop condition…). */
  Refused: 'CHAOS_REFUSED',
  /** An AWS FIS call failed; the message says why and what to do. */
  AwsCallFailed: 'CHAOS_AWS_CALL_FAILED',
  /** A tool input is not usable as given; `data.field` names the argument. */
  InvalidInput: 'CHAOS_INVALID_INPUT',
  /** A path leaves the scenario root or the runs folder (`..`, absolute, symlink, NUL byte); `data.field` names the argument. */
  PathNotAllowed: 'CHAOS_PATH_NOT_ALLOWED',
  /** No scenario file at the path under the scenario root. */
  ScenarioNotFound: 'CHAOS_SCENARIO_NOT_FOUND',
  /** The scenario does not validate; `data.issues` lists every problem with its line and column. */
  ScenarioInvalid: 'CHAOS_SCENARIO_INVALID',
  /** No run with this id in this server or under the runs folder. */
  RunNotFound: 'CHAOS_RUN_NOT_FOUND',
  /** A scenario run could not be started, aborted or rolled back; the message says why. */
  RunFailed: 'CHAOS_RUN_FAILED',
} as const;

/** A {@link ChaosServerErrorCode} value. */
export type ChaosServerErrorCode = (typeof ChaosServerErrorCode)[keyof typeof ChaosServerErrorCode];

/** Error of the chaos-engineering server: an expected refusal or failure, shown to the model as a tool error. */
export class ChaosServerError extends Error {
  readonly code: ChaosServerErrorCode;
  readonly data?: Record<string, unknown>;

  constructor(
    code: ChaosServerErrorCode,
    message: string,
    options?: ErrorOptions & { data?: Record<string, unknown> },
  ) {
    super(message, options);
    this.name = 'ChaosServerError';
    this.code = code;
    if (options?.data) this.data = options.data;
  }
}
