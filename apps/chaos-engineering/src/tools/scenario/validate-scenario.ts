import { join, resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import { ChaosServerError, ChaosServerErrorCode } from '../../errors';
import { loadScenarioEngine } from './scenario-engine';
import { MAX_SCENARIO_BYTES, readScenarioFile, realRoot, resolveScenarioPath } from './scenario-files';
import {
  answer,
  bindingsArgument,
  faultKinds,
  IssueSchema,
  issueViews,
  parseScenarioText,
  scenarioPathArgument,
} from './scenario-input';

/** Registers `validate_scenario`. */
export function registerValidateScenarioTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'validate_scenario',
    {
      title: 'Validate a chaos scenario',
      description:
        'Checks a chaos scenario, given by path (under the scenario root) or as inline YAML text (yaml), exactly as a run ' +
        'would: YAML syntax, unknown fields, wrong values, ${name} bindings without a value, and cross-references such as a ' +
        'fault target that is not a service. Returns every issue at once, each with line, column, the path of the value and ' +
        'a stable id. An invalid scenario is a normal answer (valid: false), not an error. Nothing runs. Read-only.',
      inputSchema: {
        path: scenarioPathArgument.optional(),
        yaml: z
          .string()
          .max(MAX_SCENARIO_BYTES)
          .optional()
          .describe('The scenario as YAML text, instead of path. ${scenario_dir} is the scenario root.'),
        bindings: bindingsArgument,
      },
      outputSchema: {
        valid: z.boolean(),
        source: z.enum(['file', 'inline']),
        path: z.string().optional().describe('The file, relative to the scenario root.'),
        scenarioId: z.string().optional(),
        title: z.string().optional(),
        faultKinds: z.array(z.string()),
        issueCount: z.number(),
        issues: z.array(IssueSchema),
        formatted: z
          .string()
          .describe('The issues as file:line:column path: message lines (empty when valid).'),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      answer(deps, 'validate_scenario', args, async () => {
        if ((args.path === undefined) === (args.yaml === undefined)) {
          throw new ChaosServerError(
            ChaosServerErrorCode.InvalidInput,
            'path, yaml: give exactly one: path for a file under the scenario root, or yaml for the scenario text',
            { data: { field: args.path === undefined ? 'path' : 'yaml' } },
          );
        }
        const engine = await loadScenarioEngine();
        let text: string;
        let file: string;
        let relative: string | undefined;
        if (args.path !== undefined) {
          const resolved = await resolveScenarioPath(deps.scenarios.root, args.path);
          text = await readScenarioFile(resolved);
          file = resolved.absolute;
          relative = resolved.relative;
        } else {
          text = args.yaml as string;
          file = join(
            await realRoot(deps.scenarios.root).catch(() => resolve(deps.scenarios.root)),
            'inline.yaml',
          );
        }
        const result = parseScenarioText(engine, deps, text, file, args.bindings);
        const issues = result.success ? [] : issueViews(result.issues);
        return {
          valid: result.success,
          source: relative === undefined ? 'inline' : 'file',
          ...(relative !== undefined && { path: relative }),
          ...(result.success && { scenarioId: result.scenario.meta.id, title: result.scenario.meta.title }),
          faultKinds: result.success ? faultKinds(result.scenario) : [],
          issueCount: issues.length,
          issues,
          formatted: result.success ? '' : engine.formatIssues(result.issues, relative ?? 'inline.yaml'),
        };
      }),
  );
}
