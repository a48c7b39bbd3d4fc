import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunEvent } from '@faultline/scenario-engine';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ServerDeps } from '../../deps';
import { ChaosServerError, ChaosServerErrorCode } from '../../errors';
import { refuse, userConfirms } from '../../user-confirmation';
import { RunViewSchema, viewFromRecord } from './run-view';
import { loadScenarioEngine } from './scenario-engine';
import { readScenarioFile, resolveScenarioPath } from './scenario-files';
import {
  answer,
  bindingsArgument,
  issueViews,
  parseScenarioText,
  scenarioPathArgument,
} from './scenario-input';
import { buildPlan, PlanSchema } from './scenario-plan';
import { settlesWithin } from './scenario-runs';

/** How long run_scenario waits for the end by default: under the 60 s request timeout of most clients. */
export const DEFAULT_WAIT_SECONDS = 50;

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * A progress notification at each state transition (progress = states entered, total = states
 * planned) and, in between, at each fault event (injected, detected, reverted, recovered).
 */
function progressReporter(
  extra: Extra,
  token: string | number,
  total: number,
  runId: string,
): (event: RunEvent) => void {
  let progress = 0;
  let sub = 0;
  return (event) => {
    let message: string;
    if (event.type === 'state') {
      progress = Math.floor(progress) + 1;
      if (event.state === 'CLEANUP') progress = Math.max(progress, total);
      sub = 0;
      message =
        event.state === 'INIT'
          ? `INIT (run ${runId})`
          : `${event.state}${event.skipped ? ` (skipped ${event.skipped.join(', ')})` : ''}`;
    } else if (event.type === 'fault') {
      if (sub >= 9) return;
      sub += 1;
      progress = Math.floor(progress) + sub / 10;
      message = `fault ${event.faultId} ${event.action}${event.detail ? `: ${event.detail}` : ''}`;
    } else {
      return;
    }
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, total: Math.max(total, Math.ceil(progress)), message },
      })
      .catch(() => {});
  };
}

/** Registers `run_scenario`: destructive, dry run unless confirmed. */
export function registerRunScenarioTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'run_scenario',
    {
      title: 'Run a chaos scenario (injects real faults)',
      description:
        'Runs a chaos scenario file from the scenario root on the scenario engine: starts its services, checks the steady ' +
        'state, injects REAL faults (local process kill, latency, errors…; AWS FIS or Chaos Mesh when the scenario says so), ' +
        'measures time to detect (mttdMs) and to recover (mttrMs), verifies, and always rolls back and cleans up. ' +
        'Without confirm: true it is a DRY RUN: nothing runs and the answer is the plan (states, faults, probes, every ' +
        'command, limits, artifacts folder); show it to the user and call again with confirm: true only after they approve. ' +
        'With confirm, by default (wait: true) it answers when the run is over, up to wait_seconds (50), with the verdict ' +
        '(PASS, FAIL, ABORTED), run id, mttdMs/mttrMs per fault and report paths; it sends a progress notification at ' +
        'each state when the request has a progressToken, and cancelling the request aborts the run (rollback, cleanup). ' +
        'With wait: false, or once wait_seconds pass, it answers with status running and the run goes on: follow it with ' +
        'get_scenario_run and stop it with abort_scenario_run.',
      inputSchema: {
        path: scenarioPathArgument,
        confirm: z
          .boolean()
          .optional()
          .describe(
            'Must be true to run: the user approved injecting these faults now. Otherwise: a dry run (the plan).',
          ),
        bindings: bindingsArgument,
        control: z
          .boolean()
          .optional()
          .describe(
            'A control run: everything but the faults; detections count as false alarms. Default: meta.control.',
          ),
        wait: z
          .boolean()
          .optional()
          .describe(
            'true (default): answer when the run is over (up to wait_seconds); false: answer at once with the run id.',
          ),
        wait_seconds: z
          .number()
          .int()
          .min(1)
          .max(600)
          .optional()
          .describe(
            'Longest wait for the end, in seconds (default 50). After it the answer says running and the run goes on.',
          ),
      },
      outputSchema: {
        mode: z.enum(['dry-run', 'run']).describe('dry-run: nothing ran, see plan; run: see run.'),
        scenarioId: z.string().describe('meta.id of the scenario.'),
        title: z.string().describe('meta.title of the scenario.'),
        path: z.string().describe('The scenario file, relative to the scenario root.'),
        plan: PlanSchema.optional().describe('What a run would do (dry run only).'),
        run: RunViewSchema.optional().describe('The run (with confirm: true).'),
        next: z.string().describe('What to do next.'),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    (args, extra) =>
      answer(deps, 'run_scenario', args, async () => {
        const engine = await loadScenarioEngine();
        const { root, runsDir, env, runs } = deps.scenarios;
        const file = await resolveScenarioPath(root, args.path);
        const text = await readScenarioFile(file);
        const parsed = parseScenarioText(engine, deps, text, file.absolute, args.bindings);
        if (!parsed.success) {
          throw new ChaosServerError(
            ChaosServerErrorCode.ScenarioInvalid,
            `path: ${file.relative} has ${parsed.issues.length} problem(s); fix them first (validate_scenario lists each):\n` +
              engine.formatIssues(parsed.issues.slice(0, 5), file.relative),
            { data: { field: 'path', issues: issueViews(parsed.issues) } },
          );
        }
        const { scenario } = parsed;
        const runningAs = runs.active().find((r) => r.scenarioId === scenario.meta.id)?.runId;
        const plan = buildPlan(scenario, engine, {
          runsDir,
          env,
          bindings: parsed.bindings,
          ...(args.control !== undefined && { control: args.control }),
          ...(runningAs && { runningAs }),
        });
        const head = { scenarioId: scenario.meta.id, title: scenario.meta.title, path: file.relative };
        if (args.confirm !== true) {
          return {
            mode: 'dry-run' as const,
            ...head,
            plan,
            next:
              'Nothing ran. Show the user this plan (faults, commands, limits); call run_scenario again with confirm: true ' +
              'only after they approve.',
          };
        }

        if (plan.killSwitch.engaged && plan.faults.length > 0) {
          throw refuse(
            'the kill switch is engaged (its file exists: FAULTLINE_KILL_SWITCH, default ~/.faultline/kill-switch), so no ' +
              'fault may be injected; it is the operator’s emergency stop: ask them to remove it before running a scenario.',
          );
        }
        // checked again after the user's answer: another call may have started a run meanwhile
        const assertRoom = () => {
          const running = runs.active().find((r) => r.scenarioId === scenario.meta.id)?.runId;
          if (running) {
            throw refuse(
              `scenario ${scenario.meta.id} is already running as run ${running} (its services and ports are taken); ` +
                'wait for it with get_scenario_run, or stop it with abort_scenario_run.',
              { runId: running },
            );
          }
          if (runs.active().length >= runs.maxActive) {
            throw refuse(
              `${runs.maxActive} runs are already going on in this server; wait for one to finish (get_scenario_run) or abort one.`,
            );
          }
        };
        assertRoom();
        const confirmed = await userConfirms(
          server,
          `Run chaos scenario ${scenario.meta.id} (${scenario.meta.title})? It injects ${
            plan.faults.map((f) => `${f.type} on ${f.target}`).join(', ') || 'no fault'
          } and runs ${plan.commands.length} command(s) on this machine.`,
          { title: 'Run the scenario', description: 'Inject the faults now' },
        );
        if (confirmed === false) throw refuse('the user declined to run the scenario.');
        assertRoom();
        if (extra.signal.aborted)
          throw refuse('the request was cancelled before the run started; nothing ran.');

        try {
          mkdirSync(runsDir, { recursive: true, mode: 0o700 });
        } catch (error) {
          throw new ChaosServerError(
            ChaosServerErrorCode.RunFailed,
            `the runs folder cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'}); point ` +
              'FAULTLINE_RUNS_DIR at a folder the server may write to. Nothing ran.',
          );
        }
        const runId = engine.newRunId();
        const token = extra._meta?.progressToken;
        const wait = args.wait !== false;
        const listener =
          wait && token !== undefined ? progressReporter(extra, token, plan.states.length, runId) : undefined;
        const control = args.control;
        const record = runs.start(
          {
            runId,
            runDir: join(runsDir, runId),
            path: file.relative,
            scenario,
            scenarioText: text,
            cwd: dirname(file.absolute),
            ...(control !== undefined && { control }),
            env,
          },
          engine,
          listener,
        );
        deps.logger.log('warn', 'scenario run started', {
          runId,
          scenario: scenario.meta.id,
          faults: plan.faults.map((f) => f.id),
        });
        if (wait) {
          const onCancel = () => {
            if (listener) runs.unsubscribe(runId, listener);
            runs.abort(runId, 'the run_scenario request was cancelled');
          };
          if (extra.signal.aborted) onCancel();
          else extra.signal.addEventListener('abort', onCancel, { once: true });
          try {
            await settlesWithin(record.done, (args.wait_seconds ?? DEFAULT_WAIT_SECONDS) * 1000);
          } finally {
            extra.signal.removeEventListener('abort', onCancel);
            if (listener) runs.unsubscribe(runId, listener);
          }
        }
        const run = viewFromRecord(record);
        return {
          mode: 'run' as const,
          ...head,
          run,
          next: run.next,
        };
      }),
  );
}
