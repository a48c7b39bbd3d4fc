import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import { findRun, runIdArgument } from './run-lookup';
import { RunViewSchema } from './run-view';
import { loadScenarioEngine } from './scenario-engine';
import { answer } from './scenario-input';
import { settlesWithin } from './scenario-runs';

/** Longest wait_seconds of get_scenario_run: under the 60 s request timeout of most clients. */
const MAX_WAIT_SECONDS = 50;

const pause = (ms: number, signal: AbortSignal) => settlesWithin(new Promise(() => {}), ms, signal);

/** Registers `get_scenario_run`. */
export function registerGetScenarioRunTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'get_scenario_run',
    {
      title: 'Get a chaos scenario run',
      description:
        'The status of a scenario run by run id: running, finished or interrupted (its engine died before cleanup), the ' +
        'current state of its state machine, the verdict, each fault with mttdMs and mttrMs, observations with stable ids ' +
        'and the paths of its reports (HTML, Markdown, JSON, JUnit, journal). Reads runs of this server from memory and ' +
        'older ones from their folder under the runs folder. With wait_seconds it waits (at most 50 s) for the run to ' +
        'finish before answering, so an agent can poll without busy looping. Read-only.',
      inputSchema: {
        run_id: runIdArgument,
        wait_seconds: z
          .number()
          .int()
          .min(0)
          .max(MAX_WAIT_SECONDS)
          .optional()
          .describe('Wait up to this many seconds for a running run to finish before answering (default 0).'),
      },
      outputSchema: RunViewSchema.shape,
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args, extra) =>
      answer(deps, 'get_scenario_run', args, async () => {
        const engine = await loadScenarioEngine();
        let found = await findRun(deps, engine, args.run_id);
        const waitMs = (args.wait_seconds ?? 0) * 1000;
        if (waitMs > 0 && found.view.status === 'running') {
          if (found.record) {
            await settlesWithin(found.record.done, waitMs, extra.signal);
          } else {
            // a run of another process: watch its folder
            const deadline = Date.now() + waitMs;
            while (found.view.status === 'running' && Date.now() < deadline && !extra.signal.aborted) {
              await pause(Math.min(500, deadline - Date.now()), extra.signal);
              found = await findRun(deps, engine, args.run_id);
            }
          }
          found = await findRun(deps, engine, args.run_id);
        }
        return found.view;
      }),
  );
}
