import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { errorResult } from '../tool-result';
import { explainInputIssues, type InputIssue } from './input-issues';

/** Code of a tool error for arguments that do not match the tool's input schema. */
export const INVALID_INPUT = 'INVALID_INPUT';
/** Code of a tool error for a call to a tool the server does not have. */
export const UNKNOWN_TOOL = 'UNKNOWN_TOOL';
/** Code of a tool error for a call to a tool this server has but does not offer in its mode (`--read-only`). */
export const TOOL_NOT_AVAILABLE = 'TOOL_NOT_AVAILABLE';
/** Code of any other failure the SDK reports as a tool error (a disabled tool, output that breaks its schema). */
export const TOOL_CALL_FAILED = 'TOOL_CALL_FAILED';

/** The part of a zod schema this module calls. */
interface SafeParser {
  safeParseAsync(
    value: unknown,
  ): Promise<{ success: true; data: unknown } | { success: false; error: { issues: readonly never[] } }>;
}

/** The McpServer methods this module wraps (public methods of the v1 SDK's class, not fields). */
interface ValidatingServer {
  validateToolInput(tool: RegisteredTool, args: unknown, toolName: string): Promise<unknown>;
  createToolError(message: string): CallToolResult;
}

/** Tells the runtime that an argument given as JSON text was parsed (logged, at debug). */
export type CoercionListener = (tool: string, fields: string[]) => void;

const JSON_TEXT = /^\s*[[{]/;
const INSTALLED = Symbol.for('faultline.server-runtime.input-validation');
const WITHHELD = Symbol.for('faultline.server-runtime.withheld-tools');

type WithWithheld = { [WITHHELD]?: Map<string, string> };

/**
 * Records tools removed from a server on purpose, with why (`--read-only`), so that a call to one
 * gets `TOOL_NOT_AVAILABLE` and the reason instead of "no such tool".
 */
export function withholdTools(server: McpServer, names: readonly string[], reason: string): void {
  const target = server as unknown as WithWithheld;
  target[WITHHELD] ??= new Map();
  for (const name of names) target[WITHHELD].set(name, reason);
}

/** The arguments with each top-level string that holds a JSON object or array parsed; undefined when none does. */
function parseJsonTextArguments(
  args: unknown,
): { args: Record<string, unknown>; fields: string[] } | undefined {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return undefined;
  const parsed: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  const fields: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || !JSON_TEXT.test(value)) continue;
    try {
      const json: unknown = JSON.parse(value);
      if (json !== null && typeof json === 'object') {
        parsed[key] = json;
        fields.push(key);
      }
    } catch {
      // not JSON: left as is, the schema decides
    }
  }
  return fields.length > 0 ? { args: parsed, fields } : undefined;
}

function invalidInputMessage(tool: string, issues: readonly InputIssue[]): string {
  const lines = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return `${lines}. The input schema of ${tool} is in tools/list.`;
}

/**
 * Makes the SDK's checks of tool arguments answer like every other Faultline tool error: a coded
 * result (`INVALID_INPUT: field: expected …, got …`, with the issues in `_meta["io.faultline/error"]`)
 * instead of the SDK's `MCP error -32602: Input validation error: … Invalid input at field`, which
 * says nothing about what a union field accepts. An object argument sent as JSON text (the MCP
 * Inspector CLI does that for union-typed arguments, and some models do it for any object) is
 * parsed and accepted when the parsed form is valid. Calls to a tool the server does not have get
 * `UNKNOWN_TOOL`. Valid calls take the SDK's path unchanged: the work is done only on failure.
 *
 * Wraps two methods of the v1 SDK's McpServer; if an SDK version lacks them, the server keeps the
 * SDK's own messages (nothing breaks). Installing twice is a no-op: the runtime installs it on every
 * server it builds, and an app's own factory may too, so tests that connect to the factory's server
 * directly see the same errors.
 */
export function installInputValidation(server: McpServer, onCoerced?: CoercionListener): void {
  const target = server as unknown as Partial<ValidatingServer> & { [INSTALLED]?: true };
  if (target[INSTALLED]) return;
  if (typeof target.validateToolInput !== 'function' || typeof target.createToolError !== 'function') return;
  target[INSTALLED] = true;
  const validate = target.validateToolInput.bind(server);
  const createToolError = target.createToolError.bind(server);
  /** Details of the errors thrown below, by message, until the SDK turns them into a result. */
  const details = new Map<string, Record<string, unknown>>();

  target.validateToolInput = async (tool, args, toolName) => {
    try {
      return await validate(tool, args, toolName);
    } catch (error) {
      if (error instanceof RangeError) {
        // zod recursed out of stack on arguments nested thousands of levels deep
        throw coded(INVALID_INPUT, 'the arguments are nested too deeply to check; send flat JSON', toolName);
      }
      const schema = tool.inputSchema as unknown as SafeParser | undefined;
      if (!(error instanceof McpError) || error.code !== ErrorCode.InvalidParams || !schema?.safeParseAsync) {
        throw error;
      }
      const text = parseJsonTextArguments(args);
      if (text) {
        const retried = await schema.safeParseAsync(text.args);
        if (retried.success) {
          onCoerced?.(toolName, text.fields);
          return retried.data;
        }
      }
      const parsed = await schema.safeParseAsync(args ?? {});
      if (parsed.success) throw error; // refused for another reason (too many elements): the SDK's message
      const issues = explainInputIssues(parsed.error.issues, args ?? {});
      throw coded(INVALID_INPUT, invalidInputMessage(toolName, issues), toolName, { issues });
    }
  };

  /** An error whose details wait, under its message, for the SDK to make it a result. */
  const coded = (code: string, message: string, tool: string, extra: Record<string, unknown> = {}) => {
    if (details.size > 100) details.clear();
    details.set(`${code}: ${message}`, { code, message, tool, ...extra });
    return new Error(`${code}: ${message}`);
  };

  target.createToolError = (message) => {
    const known = details.get(message);
    if (known) {
      details.delete(message);
      const { code, message: text, ...rest } = known as { code: string; message: string };
      return errorResult(code, text, rest);
    }
    const missing = /^MCP error -32602: Tool (\S+) not found$/.exec(message);
    if (missing) {
      const reason = (server as unknown as WithWithheld)[WITHHELD]?.get(missing[1] ?? '');
      if (reason) {
        return errorResult(TOOL_NOT_AVAILABLE, `${missing[1]} is not available: ${reason}`, {
          tool: missing[1],
        });
      }
      return errorResult(
        UNKNOWN_TOOL,
        `this server has no tool named ${JSON.stringify(missing[1]?.slice(0, 64))}; tools/list shows its tools`,
      );
    }
    if (/^[A-Z][A-Z0-9]*_[A-Z0-9_]+: /.test(message)) return createToolError(message);
    return errorResult(TOOL_CALL_FAILED, message.replace(/^MCP error -?\d+: /, ''));
  };
}
