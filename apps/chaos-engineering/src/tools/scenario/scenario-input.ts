import { stableId } from '@faultline/findings';
import type { SafeParseScenarioResult, Scenario, ScenarioIssue } from '@faultline/scenario-engine';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import type { ScenarioEngine } from './scenario-engine';

/** The `path` argument: a scenario file under the scenario root. */
export const scenarioPathArgument = z
  .string()
  .min(1)
  .max(1024)
  .describe(
    'Scenario file, relative to the server’s scenario root as list_scenarios returns it, e.g. mcp-process-kill.yaml. ' +
      'Paths outside the root (.., absolute elsewhere, symlinks out) are refused.',
  );

/** The `bindings` argument: overrides of the scenario's `${name}` values. */
export const bindingsArgument = z
  .record(
    z
      .string()
      .max(64)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a binding name: letters, digits and _'),
    z.union([z.string().max(4096), z.number(), z.boolean()]),
  )
  .optional()
  .describe(
    'Values for the scenario’s ${name} bindings, e.g. {"port": 18931}; they win over FAULTLINE_BINDING_<NAME> and the file.',
  );

/** One problem of a scenario, with where it is. */
export const IssueSchema = z.object({
  id: z.string().describe('Stable id of the issue (same file, same issue, same id).'),
  line: z.number().describe('1-based line.'),
  column: z.number().describe('1-based column.'),
  path: z.string().describe('Path of the value, e.g. steady_state.probes[0].url (empty for the whole file).'),
  message: z.string(),
  kind: z.enum(['yaml', 'schema', 'binding', 'reference']),
});

/** A {@link IssueSchema} value. */
export type Issue = z.infer<typeof IssueSchema>;

/** The issues of a scenario with stable ids, sorted by position. */
export function issueViews(issues: readonly ScenarioIssue[]): Issue[] {
  return [...issues]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((i) => ({
      id: stableId('issue', {
        line: i.line,
        column: i.column,
        path: i.path,
        message: i.message,
        kind: i.kind,
      }),
      line: i.line,
      column: i.column,
      path: i.path,
      message: i.message,
      kind: i.kind,
    }));
}

/** The kinds of fault a scenario injects (`process-kill`, `latency`…), in order, without repeats. */
export function faultKinds(scenario: Scenario): string[] {
  if (!scenario.fault) return [];
  return [...new Set([scenario.fault].flat().map((f) => f.type))];
}

/** Validates scenario text as the CLI does: the engine's built-ins, FAULTLINE_BINDING_<NAME>, then `bindings`. */
export function parseScenarioText(
  engine: Pick<ScenarioEngine, 'safeParseScenario' | 'engineBuiltins'>,
  deps: ServerDeps,
  text: string,
  file: string,
  bindings: Readonly<Record<string, string | number | boolean>> = {},
): SafeParseScenarioResult {
  return engine.safeParseScenario(text, {
    bindings: Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, String(v)])),
    env: deps.scenarios.env,
    builtins: engine.engineBuiltins(file),
  });
}

/** Runs a tool body: refuses oversized input, returns structured content, turns coded errors into tool errors. */
export async function answer(
  deps: ServerDeps,
  tool: string,
  args: unknown,
  body: () => Promise<object>,
): Promise<CallToolResult> {
  const tooLarge = checkInputSize(args);
  if (tooLarge) return tooLarge;
  try {
    return structuredResult(await body());
  } catch (error) {
    deps.logger.log('warn', `${tool} refused or failed`, {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return toErrorResult(error);
  }
}
