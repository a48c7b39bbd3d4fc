import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ServerDeps } from '../deps';

/** Runs a tool body: refuses oversized input, returns structured content, turns coded errors into tool errors. */
export async function runTool(
  deps: ServerDeps,
  name: string,
  args: unknown,
  body: () => Promise<object>,
): Promise<CallToolResult> {
  const tooLarge = checkInputSize(args);
  if (tooLarge) return tooLarge;
  try {
    const result = await body();
    deps.logger.log('info', `${name} done`);
    return structuredResult(result);
  } catch (error) {
    deps.logger.log('warn', `${name} failed`, {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return toErrorResult(error);
  }
}
