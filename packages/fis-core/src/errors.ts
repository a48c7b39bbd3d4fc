/** String codes of {@link FisCoreError}; stable across versions. */
export const FisCoreErrorCode = {
  /** The input is not of the expected shape; `data.issues` lists the fields. */
  InvalidInput: 'FIS_INVALID_INPUT',
  /** The action id is not in the catalog. */
  UnknownAction: 'FIS_UNKNOWN_ACTION',
  /** The resource type is not in the catalog. */
  UnknownResourceType: 'FIS_UNKNOWN_RESOURCE_TYPE',
  /** A template could not be generated from the given recommendations and target configuration. */
  TemplateGenerationFailed: 'FIS_TEMPLATE_GENERATION_FAILED',
  /** Catalog data (cached, fetched or handed in) did not match the catalog schema. */
  CatalogInvalid: 'FIS_CATALOG_INVALID',
  /** ListActions or a related AWS call failed; `cause` holds the SDK error. */
  CapabilityLookupFailed: 'FIS_CAPABILITY_LOOKUP_FAILED',
  /** A region name is not a real AWS region name. */
  InvalidRegion: 'FIS_INVALID_REGION',
} as const;

/** A {@link FisCoreErrorCode} value. */
export type FisCoreErrorCode = (typeof FisCoreErrorCode)[keyof typeof FisCoreErrorCode];

const marker = Symbol.for('faultline.fis-core.error');

/**
 * The one error class of `@faultline/fis-core`. Expected failures (an invalid template) are
 * returned as data; this is thrown only when a call cannot do its work at all.
 */
export class FisCoreError extends Error {
  /** Brand checked by {@link FisCoreError.isInstance}; survives duplicate installs. */
  readonly [marker] = true;
  /** What went wrong, as a stable string code. */
  readonly code: FisCoreErrorCode;
  /** Structured detail, e.g. `{ issues: [{ path, message }] }` for invalid input. */
  readonly data?: unknown;

  constructor(code: FisCoreErrorCode, message: string, options?: ErrorOptions & { data?: unknown }) {
    super(message, options);
    this.name = 'FisCoreError';
    this.code = code;
    this.data = options?.data;
  }

  /** True for a FisCoreError from any copy of this package. */
  static isInstance(value: unknown): value is FisCoreError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
