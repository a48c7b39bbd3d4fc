import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Largest tool input accepted, in bytes of JSON. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** An error that carries a stable string code and optional data (every Faultline package's error class). */
export interface CodedError {
  code: string;
  message: string;
  data?: unknown;
}

/** True for an error with an UPPER_SNAKE `code` holding an underscore (`FIS_INVALID_INPUT`): an expected failure. System errors (`ENOENT`) are not: their messages can name private paths. */
export function isCodedError(error: unknown): error is CodedError {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(code);
}

/** A successful tool result: structured content, and the same as JSON text for older clients. */
export function structuredResult<T extends object>(structured: T): CallToolResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(structured) }],
    structuredContent: structured as Record<string, unknown>,
  };
}

/** A tool error the model can act on: what failed, where, and what to try. */
export function errorResult(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    structuredContent: { error: { code, message, ...details } },
  };
}

/** Turns a thrown error into a tool error; unexpected errors do not leak messages or stack traces. */
export function toErrorResult(error: unknown): CallToolResult {
  if (isCodedError(error)) {
    const data = error.data && typeof error.data === 'object' ? (error.data as Record<string, unknown>) : {};
    return errorResult(error.code, error.message, data);
  }
  return errorResult(
    'INTERNAL_ERROR',
    'the tool failed unexpectedly; the server logged the details and keeps serving',
  );
}

/** Refuses inputs larger than {@link MAX_INPUT_BYTES}, naming the size. */
export function checkInputSize(args: unknown, limit = MAX_INPUT_BYTES): CallToolResult | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(args ?? null), 'utf8');
  if (bytes <= limit) return undefined;
  return errorResult(
    'INPUT_TOO_LARGE',
    `the arguments are ${bytes} bytes; the limit is ${limit} bytes (1 MB). Send the essentials (summary, key evidence), not whole logs.`,
  );
}
