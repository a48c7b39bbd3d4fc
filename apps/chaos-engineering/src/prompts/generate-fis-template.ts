import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { resolveRegion } from '../region-input';

/**
 * Registers `generate_fis_template`: a prompt that puts the Region's current catalog in front of the
 * model, with the rules a template must follow, so it writes a valid template from a description.
 */
export function registerGenerateFisTemplatePrompt(server: McpServer, deps: ServerDeps): void {
  server.registerPrompt(
    'generate_fis_template',
    {
      title: 'Write a FIS experiment template from a description',
      description:
        'Builds a generation prompt from the current FIS catalog of a Region, then validates the result.',
      argsSchema: {
        description: z.string().describe('What the experiment should test, in plain words.'),
        region: z.string().optional().describe('AWS Region (default: the server’s).'),
      },
    },
    async ({ description, region }) => {
      const where = resolveRegion(deps, region);
      const { catalog, status } = await deps.catalogs.getCatalog(where);
      const actions = catalog.actions
        .filter((a) => !a.deprecated)
        .map((a) => {
          const targets = Object.entries(a.targets)
            .map(([key, type]) => `${key}=${type}`)
            .join(', ');
          const required = a.parameters.filter((p) => p.required === true).map((p) => p.name);
          return `- ${a.id} (targets: ${targets || 'none'}; required: ${required.join(', ') || 'none'}): ${a.description}`;
        })
        .join('\n');
      return {
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: [
                `Write an AWS FIS experiment template (CreateExperimentTemplate JSON, camelCase) for ${where} that tests:`,
                '<request>',
                description,
                '</request>',
                '',
                `Use only these actions (catalog: ${catalog.source.kind}, ${status}, ${catalog.source.retrievedAt}):`,
                actions,
                '',
                'Rules: every action parameter is a string; durations are ISO 8601 (PT5M) within each action’s limits and at most',
                'PT12H; each action.targets key must be one the action takes and name a target whose resourceType matches;',
                'targets use resourceArns (at most 5) or resourceTags (not both) and a selectionMode ALL, COUNT(n) or PERCENT(n);',
                'roleArn is an IAM role ARN; stopConditions hold a CloudWatch alarm ARN (source none only if the user accepts);',
                'start with the smallest blast radius (COUNT(1)). Write <YOUR ...> for values you do not know; never invent ids.',
                'Then call validate_fis_template on your template and fix every error before showing it; use',
                'describe_fis_action for an action’s parameters.',
              ].join('\n'),
            },
          },
        ],
      };
    },
  );
}
