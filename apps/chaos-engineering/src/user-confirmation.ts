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
 * Throws a refusal when the question fails (an answer that does not fit the form, a client error).
 */
export async function userConfirms(
  server: McpServer,
  message: string,
  checkbox: { title: string; description: string },
): Promise<boolean | undefined> {
  if (!server.server.getClientCapabilities()?.elicitation) return undefined;
  let answer: Awaited<ReturnType<McpServer['server']['elicitInput']>>;
  try {
    answer = await server.server.elicitInput({
      message,
      requestedSchema: {
        type: 'object',
        properties: { confirm: { type: 'boolean', ...checkbox } },
        required: ['confirm'],
      },
    });
  } catch (error) {
    // an answer that does not match the form (no box ticked), a client error or a time-out: no approval
    const reason = error instanceof Error ? error.message : String(error);
    throw refuse(
      `the user’s approval could not be obtained (${reason.slice(0, 200)}), so nothing was started; ask the user, ` +
        'and call again once they approve in their client.',
    );
  }
  return answer.action === 'accept' && answer.content?.confirm === true;
}
