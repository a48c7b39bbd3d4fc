import { FisCoreError } from '@faultline/fis-core';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** Largest tool input accepted, in bytes of JSON. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** A successful tool result: structured content, and the same as JSON text for older clients. */
export function structuredResult<T extends Record<string, unknown>>(structured: T): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
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

/** Turns a thrown error into a tool error; unexpected errors do not leak stack traces. */
export function toErrorResult(error: unknown): CallToolResult {
  if (FisCoreError.isInstance(error)) {
    const data = (error.data ?? {}) as Record<string, unknown>;
    return errorResult(error.code, error.message, data);
  }
  return errorResult(
    'INTERNAL_ERROR',
    'the tool failed unexpectedly; the server logged the details and keeps serving',
  );
}

/** Refuses inputs larger than {@link MAX_INPUT_BYTES}, naming the size. */
export function checkInputSize(args: unknown): CallToolResult | undefined {
  const bytes = Buffer.byteLength(JSON.stringify(args ?? null), 'utf8');
  if (bytes <= MAX_INPUT_BYTES) return undefined;
  return errorResult(
    'INPUT_TOO_LARGE',
    `the arguments are ${bytes} bytes; the limit is ${MAX_INPUT_BYTES} bytes (1 MB). Send the finding's summary and key evidence, not whole logs.`,
  );
}
