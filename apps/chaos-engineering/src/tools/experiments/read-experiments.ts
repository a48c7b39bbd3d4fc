import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { awsCallFailed } from '../../aws-error';
import { loadFisSdk } from '../../aws-fis-sdk';
import type { ServerDeps } from '../../deps';
import { regionArgument, resolveRegion } from '../../region-input';
import { ExperimentViewSchema, experimentView } from './experiment-view';

const experimentId = z.string().min(1).max(64).describe('Experiment id, e.g. EXP1a2b3c4d5e6f7.');

/** Registers `get_experiment`, `list_experiments` and `stop_experiment`. */
export function registerExperimentStateTools(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'get_experiment',
    {
      title: 'Get a FIS experiment',
      description:
        'The state of a FIS experiment and of each of its actions (pending, running, completed, stopped, failed…). Read-only.',
      inputSchema: { id: experimentId, region: regionArgument },
      outputSchema: { region: z.string(), experiment: ExperimentViewSchema },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      try {
        const region = resolveRegion(deps, args.region);
        const fis = await deps.fis(region);
        const result = await fis
          .send(new (await loadFisSdk()).GetExperimentCommand({ id: args.id }))
          .catch((error: unknown) => {
            throw awsCallFailed('GetExperiment', error);
          });
        if (!result.experiment) throw new Error('GetExperiment returned no experiment');
        return structuredResult({ region, experiment: experimentView(result.experiment) });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );

  server.registerTool(
    'list_experiments',
    {
      title: 'List FIS experiments',
      description:
        'Recent FIS experiments of the Region with their state, newest first; pass next_token to page. Read-only.',
      inputSchema: {
        region: regionArgument,
        experiment_template_id: z.string().max(64).optional().describe('Only experiments of this template.'),
        max_results: z.number().int().min(1).max(100).optional().describe('Page size (default 20).'),
        next_token: z.string().max(2048).optional(),
      },
      outputSchema: {
        region: z.string(),
        experiments: z.array(ExperimentViewSchema),
        nextToken: z.string().optional(),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      const tooLarge = checkInputSize(args);
      if (tooLarge) return tooLarge;
      try {
        const region = resolveRegion(deps, args.region);
        const fis = await deps.fis(region);
        const result = await fis
          .send(
            new (await loadFisSdk()).ListExperimentsCommand({
              maxResults: args.max_results ?? 20,
              ...(args.next_token && { nextToken: args.next_token }),
              ...(args.experiment_template_id && { experimentTemplateId: args.experiment_template_id }),
            }),
          )
          .catch((error: unknown) => {
            throw awsCallFailed('ListExperiments', error);
          });
        return structuredResult({
          region,
          experiments: (result.experiments ?? []).map(experimentView),
          ...(result.nextToken && { nextToken: result.nextToken }),
        });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );

  server.registerTool(
    'stop_experiment',
    {
      title: 'Stop a FIS experiment',
      description:
        'Stops a running FIS experiment; FIS reverts what it can (for example it restarts stopped instances when the action ' +
        'says so). Safe to call at any time; stopping an experiment that already ended reports its state.',
      inputSchema: { id: experimentId, region: regionArgument },
      outputSchema: { region: z.string(), experiment: ExperimentViewSchema },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      try {
        const region = resolveRegion(deps, args.region);
        const fis = await deps.fis(region);
        const result = await fis
          .send(new (await loadFisSdk()).StopExperimentCommand({ id: args.id }))
          .catch((error: unknown) => {
            throw awsCallFailed('StopExperiment', error);
          });
        if (!result.experiment) throw new Error('StopExperiment returned no experiment');
        deps.logger.log('warn', 'experiment stop requested', { id: args.id, region });
        return structuredResult({ region, experiment: experimentView(result.experiment) });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );
}
