#!/usr/bin/env node
import { CatalogProvider } from '@faultline/fis-core';
import { runServer } from '@faultline/server-runtime';
import { createServer } from './server';
import { VERSION } from './version';

// Built once: over HTTP the factory runs per request, and the catalog cache must be shared.
const catalogs = new CatalogProvider();

await runServer(
  {
    bin: 'chaos-engineering-mcp-server',
    packageName: '@faultline/chaos-engineering-mcp-server',
    version: VERSION,
    summary:
      'An MCP server for AWS FIS: the current action catalog of a Region (cached 24 h, refreshed from AWS or from\n' +
      'data an agent hands in), deep template validation, and guarded experiment operations. AWS region and\n' +
      'credentials come from the standard SDK chain (AWS_REGION, AWS_PROFILE, ...); without credentials the\n' +
      'offline tools keep working and the live ones answer with a clear error.',
    capabilities: [
      'Tools: get_valid_fis_actions, refresh_valid_fis_actions_cache, validate_fis_template, describe_fis_action,',
      '       create_experiment_template, start_experiment (destructive, needs confirm), get_experiment,',
      '       stop_experiment, list_experiments',
      'Prompt: generate_fis_template      Resources: fis://catalog/{region}',
    ],
  },
  ({ logger }) => {
    const { server, deps } = createServer({ logger, catalogs });
    return {
      server,
      readiness: async () => {
        const result = await deps.catalogs.getCatalog(deps.defaultRegion);
        return [
          {
            name: 'catalog',
            ok: result.catalog.actions.length > 0,
            region: deps.defaultRegion,
            status: result.status,
            source: result.source.kind,
            ...(result.ageMs !== undefined && { ageMs: result.ageMs }),
            ...(result.catalog.actions.length === 0 && { reason: 'the FIS catalog is empty' }),
          },
        ];
      },
    };
  },
);
