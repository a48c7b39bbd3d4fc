#!/usr/bin/env node
import { runServer } from '@faultline/server-runtime';
import { createServer } from './server';
import { VERSION } from './version';

await runServer(
  {
    bin: 'fis-recommender-mcp-server',
    packageName: '@faultline/fis-recommender-mcp-server',
    // Written by the build (tsup.config.ts): tools/list without converting schemas at start-up.
    toolList: new URL('./tools-list.json', import.meta.url),
    version: VERSION,
    summary:
      'An MCP server that turns incident findings into ranked AWS FIS experiments and deployable,\nleast-privilege experiment templates. Needs no AWS account or credentials.',
    capabilities: [
      'Tools: recommend_fis_experiments, create_fis_template',
      'Prompt: finding_to_template      Resources: fis://actions, fis://actions/{id}',
    ],
  },
  ({ logger }) => {
    const { server, deps } = createServer({ logger });
    return {
      server,
      readiness: () => {
        const { source, actions } = deps.catalog();
        const retrievedAt = Date.parse(source.retrievedAt);
        return [
          {
            name: 'catalog',
            ok: actions.length > 0,
            source: source.kind,
            actions: actions.length,
            ...(Number.isFinite(retrievedAt) && {
              ageDays: Math.floor((Date.now() - retrievedAt) / 86_400_000),
            }),
            ...(actions.length === 0 && { reason: 'the FIS catalog is empty' }),
          },
          { name: 'aws_credentials', ok: true, required: false, note: 'this server never calls AWS' },
        ];
      },
    };
  },
);
