import { validateTemplate } from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { awsCallFailed } from '../../aws-error';
import { loadFisSdk } from '../../aws-fis-sdk';
import type { ServerDeps } from '../../deps';
import { ChaosServerError } from '../../errors';
import { regionArgument, resolveRegion } from '../../region-input';
import { refuse, userConfirms } from '../../user-confirmation';
import { ExperimentViewSchema, experimentView } from './experiment-view';
import { templateFromAws } from './template-from-aws';

/** Registers `start_experiment`: destructive, guarded. */
export function registerStartExperimentTool(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'start_experiment',
    {
      title: 'Start a FIS experiment (injects real faults)',
      description:
        'Starts an AWS FIS experiment from an existing experiment template: this injects REAL faults into the AWS account. ' +
        'Call it only after the user has explicitly approved this experiment, with confirm: true. The server refuses a ' +
        'template that fails validate_fis_template, or that has no stop condition unless allow_no_stop_condition is true, ' +
        'and asks the user to confirm through their client when it can. Every refusal says why. Stop it with stop_experiment. ' +
        'If the call fails with outcomeUnknown (time-out, network, throttling, 5xx), the experiment may have started: check ' +
        'list_experiments, and retry only with the client_token the error gives, so FIS cannot start it twice.',
      inputSchema: {
        experiment_template_id: z
          .string()
          .min(1)
          .max(64)
          .describe('Id of the experiment template, e.g. EXT1a2b3c4d5e6f7.'),
        confirm: z
          .boolean()
          .optional()
          .describe('Must be true: the user approved injecting these faults now.'),
        allow_no_stop_condition: z
          .boolean()
          .optional()
          .describe('Explicit waiver to start a template whose stop condition is none.'),
        tags: z
          .record(z.string().max(128), z.string().max(256))
          .optional()
          .describe('Tags for the experiment.'),
        client_token: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[\w-]+$/)
          .optional()
          .describe(
            'Idempotency token: pass the clientToken of a failed call whose outcome is unknown, so that FIS returns the experiment it may have started instead of starting a second one. A new one otherwise.',
          ),
        region: regionArgument,
      },
      outputSchema: { region: z.string(), experiment: ExperimentViewSchema, warnings: z.array(z.string()) },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        if (args.confirm !== true) {
          throw refuse(
            'confirm: starting an experiment injects real faults into AWS resources; show the user the template, its targets, ' +
              'stop condition and blast radius, and call again with confirm: true only after they approve.',
          );
        }
        const region = resolveRegion(deps, args.region);
        const fis = await deps.fis(region);
        const found = await fis
          .send(new (await loadFisSdk()).GetExperimentTemplateCommand({ id: args.experiment_template_id }))
          .catch((error: unknown) => {
            throw awsCallFailed('GetExperimentTemplate', error);
          });
        if (!found.experimentTemplate)
          throw refuse(`experiment_template_id: ${args.experiment_template_id} returned no template`);
        const template = templateFromAws(found.experimentTemplate);
        const { catalog } = await deps.catalogs.getCatalog(region);
        const validation = validateTemplate(template, { catalog, region });
        if (!validation.valid) {
          throw refuse(
            `the template fails validation with ${validation.errors.length} error(s); fix them before starting: ${validation.errors
              .slice(0, 5)
              .map((e) => `${e.path}: ${e.message}`)
              .join('; ')}`,
            { errors: validation.errors },
          );
        }
        const noStop = template.stopConditions.every((s) => s.source === 'none');
        if (noStop && args.allow_no_stop_condition !== true) {
          throw refuse(
            'the template has no stop condition, so nothing would stop the experiment if the service degrades; add a CloudWatch ' +
              'alarm stop condition, or pass allow_no_stop_condition: true if the user explicitly accepts that risk.',
          );
        }
        const actions = Object.values(template.actions).map((a) => a.actionId);
        const confirmed = await userConfirms(
          server,
          `Start FIS experiment from template ${args.experiment_template_id} in ${region}? It runs ${actions.join(', ')}` +
            `${noStop ? ' with NO stop condition' : ''}. This injects real faults.`,
          { title: 'Start the experiment', description: 'Inject the faults now' },
        );
        if (confirmed === false) throw refuse('the user declined to start the experiment.');
        const clientToken = args.client_token ?? deps.randomId();
        const started = await fis
          .send(
            new (await loadFisSdk()).StartExperimentCommand({
              experimentTemplateId: args.experiment_template_id,
              clientToken,
              // last, so a caller's tags cannot make an experiment look as if someone else started it
              tags: { ...args.tags, 'started-by': 'faultline' },
            }),
          )
          .catch((error: unknown) => {
            throw outcomeUnknownIfRetryable(
              awsCallFailed('StartExperiment', error),
              args.experiment_template_id,
              clientToken,
            );
          });
        if (!started.experiment) throw new Error('StartExperiment returned no experiment');
        deps.logger.log('warn', 'experiment started', {
          id: started.experiment.id,
          template: args.experiment_template_id,
          region,
        });
        return structuredResult({
          region,
          experiment: experimentView(started.experiment),
          warnings: validation.warnings.map((w) => `${w.path}: ${w.message}`),
        });
      } catch (error) {
        deps.logger.log('warn', 'start_experiment refused or failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        return toErrorResult(error);
      }
    },
  );
}

/** The AWS error's text without its generic "try again" advice, which a possibly started experiment overrides. */
function withoutRetryAdvice(message: string): string {
  return message.replace(/(?:;| and) try again(?: in a minute| later)?\.$/, '.');
}

/**
 * A StartExperiment that failed on a time-out, the network, throttling or a 5xx may still have
 * started the experiment (the request reached FIS, the answer was lost). Retrying with a new
 * clientToken would start a second one: the error says so, and gives the token to retry with.
 */
function outcomeUnknownIfRetryable(
  error: ChaosServerError,
  templateId: string,
  clientToken: string,
): ChaosServerError {
  if (error.data?.retryable !== true) return error;
  return new ChaosServerError(
    error.code,
    `${withoutRetryAdvice(error.message)} The experiment may have started anyway (FIS may have received the request): do not start it again ` +
      `blindly. Check list_experiments with experiment_template_id: ${templateId} first; to retry, call start_experiment ` +
      `again with client_token: "${clientToken}", so that FIS returns that experiment instead of starting a second one.`,
    { cause: error.cause, data: { ...error.data, outcomeUnknown: true, clientToken } },
  );
}
