import { validateTemplate } from '@faultline/fis-core';
import { checkInputSize, structuredResult, toErrorResult } from '@faultline/server-runtime';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { awsCallFailed } from '../../aws-error';
import { loadFisSdk } from '../../aws-fis-sdk';
import type { ServerDeps } from '../../deps';
import { regionArgument, resolveRegion } from '../../region-input';
import { iso } from './experiment-view';
import { templateFromAws } from './template-from-aws';

const TemplateSummarySchema = z.object({
  id: z.string(),
  description: z.string().optional(),
  creationTime: z.string().optional(),
  lastUpdateTime: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

/** Registers `list_experiment_templates` and `get_experiment_template`. */
export function registerExperimentTemplateTools(server: McpServer, deps: ServerDeps): void {
  server.registerTool(
    'list_experiment_templates',
    {
      title: 'List FIS experiment templates',
      description:
        'The FIS experiment templates of the Region (id, description, tags, times), so an agent finds the one to start ' +
        'instead of creating a duplicate; pass next_token to page. Read-only.',
      inputSchema: {
        region: regionArgument,
        max_results: z.number().int().min(1).max(100).optional().describe('Page size (default 20).'),
        next_token: z.string().max(2048).optional(),
      },
      outputSchema: {
        region: z.string(),
        templates: z.array(TemplateSummarySchema),
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
            new (await loadFisSdk()).ListExperimentTemplatesCommand({
              maxResults: args.max_results ?? 20,
              ...(args.next_token && { nextToken: args.next_token }),
            }),
          )
          .catch((error: unknown) => {
            throw awsCallFailed('ListExperimentTemplates', error);
          });
        const templates = (result?.experimentTemplates ?? []).flatMap((t) =>
          t.id
            ? [
                JSON.parse(
                  JSON.stringify({
                    id: t.id,
                    description: t.description,
                    creationTime: iso(t.creationTime),
                    lastUpdateTime: iso(t.lastUpdateTime),
                    tags: t.tags,
                  }),
                ) as z.infer<typeof TemplateSummarySchema>,
              ]
            : [],
        );
        return structuredResult({
          region,
          templates,
          ...(result.nextToken && { nextToken: result.nextToken }),
        });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );

  server.registerTool(
    'get_experiment_template',
    {
      title: 'Get a FIS experiment template, checked',
      description:
        'One FIS experiment template in the CreateExperimentTemplate shape, with the result of validate_fis_template on it ' +
        '(against the Region’s catalog), so an agent sees whether it is still sound before start_experiment. Read-only.',
      inputSchema: {
        id: z.string().min(1).max(64).describe('Experiment template id, e.g. EXT1a2b3c4d5e6f7.'),
        region: regionArgument,
      },
      outputSchema: {
        region: z.string(),
        id: z.string(),
        creationTime: z.string().optional(),
        lastUpdateTime: z.string().optional(),
        template: z.record(z.string(), z.unknown()).describe('CreateExperimentTemplate shape.'),
        validation: z.object({
          valid: z.boolean(),
          errors: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
          warnings: z.array(z.object({ code: z.string(), path: z.string(), message: z.string() })),
        }),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => {
      try {
        const region = resolveRegion(deps, args.region);
        const fis = await deps.fis(region);
        const result = await fis
          .send(new (await loadFisSdk()).GetExperimentTemplateCommand({ id: args.id }))
          .catch((error: unknown) => {
            throw awsCallFailed('GetExperimentTemplate', error);
          });
        const found = result?.experimentTemplate;
        if (!found) throw new Error('GetExperimentTemplate returned no template');
        const template = templateFromAws(found);
        const { catalog } = await deps.catalogs.getCatalog(region);
        const validation = validateTemplate(template, { catalog, region });
        const issue = (i: { code: string; path: string; message: string }) => ({
          code: i.code,
          path: i.path,
          message: i.message,
        });
        return structuredResult({
          region,
          id: found.id ?? args.id,
          ...(found.creationTime && { creationTime: iso(found.creationTime) }),
          ...(found.lastUpdateTime && { lastUpdateTime: iso(found.lastUpdateTime) }),
          template: template as unknown as Record<string, unknown>,
          validation: {
            valid: validation.valid,
            errors: validation.errors.map(issue),
            warnings: validation.warnings.map(issue),
          },
        });
      } catch (error) {
        return toErrorResult(error);
      }
    },
  );
}
