import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import { ChaosServerError, ChaosServerErrorCode } from '../../errors';
import { findRun, runIdArgument } from './run-lookup';
import { RunViewSchema } from './run-view';
import { loadScenarioEngine } from './scenario-engine';
import { answer } from './scenario-input';
import { settlesWithin } from './scenario-runs';

/** Longest wait for a run's rollback and cleanup. */
const ROLLBACK_WAIT_MS = 120_000;

/** Registers `abort_scenario_run`. */
export function registerAbortScenarioRunTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'abort_scenario_run',
    {
      title: 'Abort a chaos scenario run',
      description:
        'Aborts a running scenario run: the engine reverts every active fault, stops the run’s services and helpers, runs ' +
        'the scenario’s cleanup commands and writes its report with verdict ABORTED; the answer comes once that is done, ' +
        'with the final state. A run whose engine died (status interrupted, e.g. the server was killed) is rolled back ' +
        'from its journal. Safe to repeat: a finished run is reported as it is (alreadyFinished: true).',
      inputSchema: {
        run_id: runIdArgument,
        reason: z.string().max(200).optional().describe('Why, for the journal and the report.'),
      },
      outputSchema: {
        ...RunViewSchema.shape,
        aborted: z.boolean().describe('True when this call stopped or rolled back the run.'),
        alreadyFinished: z.boolean().describe('True when the run had already finished; nothing was done.'),
        recovery: z
          .object({
            revertedFaults: z.array(z.string()),
            killedProcesses: z.array(z.number()),
            cleanupCommands: z.number(),
            errors: z.array(z.string()),
          })
          .optional()
          .describe('What the rollback from the journal did (interrupted runs only).'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      answer(deps, 'abort_scenario_run', args, async () => {
        const engine = await loadScenarioEngine();
        const found = await findRun(deps, engine, args.run_id);
        const reason = `abort_scenario_run: ${args.reason ?? 'aborted on request'}`;
        if (found.view.status === 'finished') {
          return { ...found.view, aborted: false, alreadyFinished: true };
        }
        if (found.record) {
          deps.scenarios.runs.abort(found.record.runId, reason);
          const done = await settlesWithin(found.record.done, ROLLBACK_WAIT_MS);
          const after = await findRun(deps, engine, args.run_id);
          if (!done) {
            throw new ChaosServerError(
              ChaosServerErrorCode.RunFailed,
              `run ${args.run_id} was asked to abort but has not finished its rollback after ${ROLLBACK_WAIT_MS / 1000} s ` +
                `(state ${after.view.state}); check again with get_scenario_run`,
            );
          }
          deps.logger.log('warn', 'scenario run aborted', { runId: args.run_id, reason });
          return { ...after.view, aborted: true, alreadyFinished: false };
        }
        if (found.view.status === 'running') {
          throw new ChaosServerError(
            ChaosServerErrorCode.Refused,
            `run ${args.run_id} belongs to another live process (its heartbeat is fresh); stop it there (SIGINT or SIGTERM ` +
              'rolls it back), then call abort_scenario_run again if it died.',
          );
        }
        let recovery: Awaited<ReturnType<typeof engine.recoverRun>>;
        try {
          recovery = await engine.recoverRun(found.runDir);
        } catch (error) {
          const why = (error instanceof Error ? error.message : String(error))
            .split(found.runDir)
            .join(`run ${args.run_id}`);
          throw new ChaosServerError(
            ChaosServerErrorCode.RunFailed,
            `rolling back run ${args.run_id} from its journal failed: ${why}`,
            { cause: error },
          );
        }
        deps.logger.log('warn', 'interrupted scenario run recovered', { ...recovery, runId: args.run_id });
        const after = await findRun(deps, engine, args.run_id);
        return {
          ...after.view,
          aborted: true,
          alreadyFinished: false,
          recovery: {
            revertedFaults: recovery.revertedFaults,
            killedProcesses: recovery.killedProcesses,
            cleanupCommands: recovery.cleanupCommands,
            errors: recovery.errors,
          },
        };
      }),
  );
}
