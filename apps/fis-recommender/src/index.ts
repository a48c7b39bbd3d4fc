#!/usr/bin/env node
import { runServer } from '@faultline/server-runtime';
import { createServer } from './server';
import { VERSION } from './version';

await runServer(
  {
    bin: 'fis-recommender-mcp-server',
    packageName: '@faultline/fis-recommender-mcp-server',
    version: VERSION,
    summary:
      'An MCP server that turns incident findings into ranked AWS FIS experiments and deployable,\nleast-privilege experiment templates. Needs no AWS account or credentials.',
    capabilities: [
      'Tools: recommend_fis_experiments, create_fis_template',
      'Prompt: finding_to_template      Resources: fis://actions, fis://actions/{id}',
    ],
  },
  ({ logger }) => createServer({ logger }),
);
