/** String codes of {@link NodeDiagnosticsError}; stable across versions. */
export const NodeDiagnosticsErrorCode = {
  /** The bundle path, file or S3 object does not exist. */
  BundleNotFound: 'NODE_DIAG_BUNDLE_NOT_FOUND',
  /** The bundle is not a folder, a .tar.gz or an s3:// URI, or its archive is corrupt. */
  BundleInvalid: 'NODE_DIAG_BUNDLE_INVALID',
  /** The path escapes the allowed root (`..`, a symlink, a NUL byte, an absolute path elsewhere). */
  PathNotAllowed: 'NODE_DIAG_PATH_NOT_ALLOWED',
  /** The bundle is larger than the analysis limit. */
  BundleTooLarge: 'NODE_DIAG_BUNDLE_TOO_LARGE',
  /** A search pattern is not accepted (unsupported syntax, too long, or too complex). */
  PatternRejected: 'NODE_DIAG_PATTERN_REJECTED',
  /** The input is not of the expected shape; `data.issues` says which field. */
  InvalidInput: 'NODE_DIAG_INVALID_INPUT',
  /** A Kubernetes node name did not resolve to exactly one EC2 instance. */
  NodeNotFound: 'NODE_DIAG_NODE_NOT_FOUND',
  /** An SSM, EC2 or S3 call failed; `cause` holds the SDK error. */
  AwsCallFailed: 'NODE_DIAG_AWS_CALL_FAILED',
  /** The automation execution ended in a state other than Success. */
  AutomationFailed: 'NODE_DIAG_AUTOMATION_FAILED',
  /** Polling gave up before the automation ended. */
  AutomationTimeout: 'NODE_DIAG_AUTOMATION_TIMEOUT',
} as const;

/** A {@link NodeDiagnosticsErrorCode} value. */
export type NodeDiagnosticsErrorCode =
  (typeof NodeDiagnosticsErrorCode)[keyof typeof NodeDiagnosticsErrorCode];

const marker = Symbol.for('faultline.eks-node-diagnostics.error');

/**
 * The one error class of `@faultline/eks-node-diagnostics`. Findings are data, not errors: this is
 * thrown only when a call cannot do its work (no bundle, a path outside the root, an AWS failure).
 */
export class NodeDiagnosticsError extends Error {
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: the brand isInstance checks with `in`
  private readonly [marker] = true;
  /** What went wrong, as a stable string code. */
  readonly code: NodeDiagnosticsErrorCode;
  /** Structured detail for the caller (never file contents). */
  readonly data?: unknown;

  constructor(code: NodeDiagnosticsErrorCode, message: string, options?: ErrorOptions & { data?: unknown }) {
    super(message, options);
    this.name = 'NodeDiagnosticsError';
    this.code = code;
    this.data = options?.data;
  }

  /** True for a NodeDiagnosticsError from any copy of this package. */
  static isInstance(value: unknown): value is NodeDiagnosticsError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
