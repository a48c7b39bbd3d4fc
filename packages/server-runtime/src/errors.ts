/** Stable codes of the errors the runtime raises while starting a server. */
export const RuntimeErrorCode = {
  /** A tool name breaks `^[a-zA-Z0-9_-]{1,64}$` (the rule of AWS DevOps Agent and most MCP clients). */
  ToolNameInvalid: 'RUNTIME_TOOL_NAME_INVALID',
  /** The McpServer no longer exposes its registered tools the way this runtime reads them. */
  ToolRegistryUnavailable: 'RUNTIME_TOOL_REGISTRY_UNAVAILABLE',
} as const;
export type RuntimeErrorCode = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];

const marker = Symbol.for('faultline.server-runtime.error');

/** An error of the server runtime, with a stable `code` and optional `data`. */
export class RuntimeError extends Error {
  readonly [marker] = true;
  readonly code: RuntimeErrorCode;
  readonly data?: unknown;

  constructor(code: RuntimeErrorCode, message: string, options?: ErrorOptions & { data?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
    this.code = code;
    this.data = options?.data;
  }

  /** True for a RuntimeError, even one from another copy of this package. */
  static isInstance(value: unknown): value is RuntimeError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
