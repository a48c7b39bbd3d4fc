import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ChaosServerError, ChaosServerErrorCode } from './errors';

/** A refusal of a destructive tool, with the reason the caller must act on. */
export function refuse(message: string, data?: Record<string, unknown>): ChaosServerError {
  return new ChaosServerError(ChaosServerErrorCode.Refused, message, data ? { data } : undefined);
}

/**
 * Asks the user through MCP elicitation, when the client supports it, to approve what a destructive
 * tool is about to do. Resolves true when they accept with the box ticked, false when they decline
 * or cancel, and undefined when the client cannot ask (the tool's `confirm: true` then stands).
 */
export async function userConfirms(
  server: McpServer,
  message: string,
  checkbox: { title: string; description: string },
): Promise<boolean | undefined> {
  if (!server.server.getClientCapabilities()?.elicitation) return undefined;
  const answer = await server.server.elicitInput({
    message,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean', ...checkbox } },
      required: ['confirm'],
    },
  });
  return answer.action === 'accept' && answer.content?.confirm === true;
}
