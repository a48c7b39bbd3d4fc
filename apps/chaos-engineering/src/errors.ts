/** String codes of {@link ChaosServerError}. */
export const ChaosServerErrorCode = {
  /** A guarded operation was refused (no confirmation, failed validation, no stop condition…). */
  Refused: 'CHAOS_REFUSED',
  /** An AWS FIS call failed; the message says why and what to do. */
  AwsCallFailed: 'CHAOS_AWS_CALL_FAILED',
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
