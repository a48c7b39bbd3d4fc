import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import { loadScenarioEngine } from './scenario-engine';
import { readScenarioFile, realRoot } from './scenario-files';
import { answer, bindingsArgument, faultKinds, parseScenarioText } from './scenario-input';

const ScenarioEntrySchema = z.object({
  id: z
    .string()
    .describe('meta.id of the scenario (the file name without extension when it does not parse).'),
  path: z.string().describe('Relative to the scenario root: pass it to validate_scenario and run_scenario.'),
  name: z.string().describe('meta.title (the file name when it does not parse).'),
  description: z.string().optional(),
  tags: z.array(z.string()),
  faultKinds: z.array(z.string()).describe('Fault types it injects, e.g. process-kill, latency, aws-fis.'),
  valid: z.boolean().describe('Whether the scenario validates; validate_scenario gives every issue.'),
  issueCount: z.number(),
  firstIssue: z.string().optional().describe('line:column path: message of the first issue.'),
});

/** Registers `list_scenarios`. */
export function registerListScenariosTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'list_scenarios',
    {
      title: 'List chaos scenarios',
      description:
        'Lists the chaos scenario files (YAML with a top-level meta: key) under the server’s scenario root ' +
        '(FAULTLINE_SCENARIO_ROOT, else ./scenarios, else its working directory), with each one’s id, title, description, ' +
        'the kinds of fault it injects and whether it validates. Also lists the runs going on in this server. ' +
        'Next: validate_scenario for the issues of one, run_scenario (dry run first) to see its plan. Read-only.',
      inputSchema: {
        bindings: bindingsArgument,
      },
      outputSchema: {
        root: z.string().describe('The scenario root.'),
        count: z.number(),
        scenarios: z.array(ScenarioEntrySchema),
        otherYamlFiles: z.number().describe('YAML files under the root that are not scenarios.'),
        skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
        truncated: z.boolean().describe('True when the search stopped at 500 files or 6 folders deep.'),
        runsDir: z.string().describe('Where runs are written.'),
        activeRuns: z.array(
          z.object({ runId: z.string(), scenarioId: z.string(), path: z.string(), state: z.string() }),
        ),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      answer(deps, 'list_scenarios', args, async () => {
        const engine = await loadScenarioEngine();
        // realRoot first: its error tells an agent how to point the server at its scenarios
        const search = await engine.findScenarioFiles(await realRoot(deps.scenarios.root), {
          exclude: [deps.scenarios.runsDir],
        });
        const scenarios: Array<z.infer<typeof ScenarioEntrySchema>> = [];
        for (const file of search.files) {
          const stem = file.relative.replace(/^.*\//, '').replace(/\.ya?ml$/i, '');
          const text = await readScenarioFile(file);
          const result = parseScenarioText(engine, deps, text, file.absolute, args.bindings);
          if (result.success) {
            const { meta } = result.scenario;
            scenarios.push({
              id: meta.id,
              path: file.relative,
              name: meta.title,
              ...(meta.description && { description: meta.description }),
              tags: meta.tags,
              faultKinds: faultKinds(result.scenario),
              valid: true,
              issueCount: 0,
            });
          } else {
            const first = [...result.issues].sort((a, b) => a.line - b.line || a.column - b.column)[0];
            scenarios.push({
              id: stem,
              path: file.relative,
              name: stem,
              tags: [],
              faultKinds: [],
              valid: false,
              issueCount: result.issues.length,
              ...(first && {
                firstIssue: `${first.line}:${first.column} ${first.path ? `${first.path}: ` : ''}${first.message}`,
              }),
            });
          }
        }
        return {
          root: search.root,
          count: scenarios.length,
          scenarios,
          otherYamlFiles: search.otherYamlFiles,
          skipped: search.skipped,
          truncated: search.truncated,
          runsDir: deps.scenarios.runsDir,
          activeRuns: deps.scenarios.runs
            .active()
            .map((r) => ({ runId: r.runId, scenarioId: r.scenarioId, path: r.path, state: r.state })),
        };
      }),
  );
}
