import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { RuntimeError, RuntimeErrorCode } from '../errors';
import { registeredTools } from './registered-tools';

/** Tool names AWS DevOps Agent (and most MCP clients) accept. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** The four behaviour hints every Faultline tool states explicitly. */
export const ANNOTATION_HINTS = [
  'readOnlyHint',
  'destructiveHint',
  'idempotentHint',
  'openWorldHint',
] as const;

/**
 * How AWS DevOps Agent treats a tool: read-only tools run unattended, mutative ones only with an
 * operator's approval in chat, destructive ones never.
 */
export type ToolClass = 'read-only' | 'mutative' | 'destructive';

/** A tool as the runtime sees it: its class, and what is wrong with its declaration. */
export interface ToolProfile {
  name: string;
  title?: string;
  toolClass: ToolClass;
  annotations: ToolAnnotations;
  /** Empty when the name is valid and all four hints are explicit. */
  problems: string[];
}

/** The class of a tool from its annotations, with the MCP defaults (readOnly false, destructive true). */
export function classifyTool(annotations: ToolAnnotations | undefined): ToolClass {
  if (annotations?.readOnlyHint === true) return 'read-only';
  return annotations?.destructiveHint === false ? 'mutative' : 'destructive';
}

/** Each enabled tool of a server with its class and any problem in its declaration, sorted by name. */
export function toolProfiles(server: McpServer): ToolProfile[] {
  return Object.entries(registeredTools(server))
    .filter(([, tool]) => tool.enabled)
    .map(([name, tool]) => {
      const annotations = tool.annotations ?? {};
      const problems = [
        ...(TOOL_NAME_PATTERN.test(name) ? [] : [`name does not match ${TOOL_NAME_PATTERN}`]),
        ...ANNOTATION_HINTS.filter((hint) => typeof annotations[hint] !== 'boolean').map(
          (hint) => `annotations.${hint} is not explicit`,
        ),
      ];
      return {
        name,
        ...(tool.title !== undefined && { title: tool.title }),
        toolClass: classifyTool(annotations),
        annotations,
        problems,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Throws RUNTIME_TOOL_NAME_INVALID naming every tool whose name DevOps Agent would refuse. */
export function assertToolNames(server: McpServer): void {
  const bad = Object.keys(registeredTools(server)).filter((name) => !TOOL_NAME_PATTERN.test(name));
  if (bad.length > 0) {
    throw new RuntimeError(
      RuntimeErrorCode.ToolNameInvalid,
      `tool names must match ${TOOL_NAME_PATTERN} (letters, digits, _ and -, at most 64): ${bad.map((n) => JSON.stringify(n)).join(', ')}`,
      { data: { names: bad } },
    );
  }
}

/** Removes every tool not annotated `readOnlyHint: true`; returns the names removed. Call before connecting. */
export function keepReadOnlyTools(server: McpServer): string[] {
  const removed: string[] = [];
  for (const [name, tool] of Object.entries(registeredTools(server))) {
    if (tool.annotations?.readOnlyHint !== true) {
      tool.remove();
      removed.push(name);
    }
  }
  return removed;
}
