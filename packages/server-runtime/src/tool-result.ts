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

/** Key of the `_meta` entry that carries a tool error's code, message and details. */
export const ERROR_META_KEY = 'io.faultline/error';

/**
 * A tool error the model can act on: what failed, where, and what to try. The text is
 * `CODE: message`; the code, message and details are also in `_meta["io.faultline/error"]`. There is
 * deliberately no `structuredContent`: every Faultline tool declares an output schema, and MCP clients
 * (the TypeScript SDK's `Client.callTool` among them) validate any structuredContent against it, error
 * or not, so an error object there turned every tool error into a client-side exception.
 */
export function errorResult(
  code: string,
  message: string,
  details?: Record<string, unknown>,
): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    _meta: { [ERROR_META_KEY]: { code, message, ...details } },
  };
}

/** The `{code, message, …details}` of a tool error made by {@link errorResult}, if it is one. */
export function toolErrorOf(
  result: { _meta?: Record<string, unknown> } | undefined,
): ({ code: string; message: string } & Record<string, unknown>) | undefined {
  const error = result?._meta?.[ERROR_META_KEY];
  return typeof error === 'object' && error !== null
    ? (error as { code: string; message: string } & Record<string, unknown>)
    : undefined;
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
