#!/usr/bin/env node
import { CatalogProvider } from '@faultline/fis-core';
import { cachedCheck, runServer } from '@faultline/server-runtime';
import { catalogCacheCheck, fisEndpointCheck } from './readiness';
import { createServer, defaultRegion } from './server';
import { defaultScenarioSettings } from './tools/scenario/scenario-settings';
import { VERSION } from './version';

// Built once: over HTTP the factory runs per request, and the catalog cache and the scenario runs
// must be shared across requests.
const catalogs = new CatalogProvider();
const scenarios = defaultScenarioSettings();
// Readiness probes of the dependencies, shared by every request and reused for 2 s: the cache
// directory must take a write, and the FIS endpoint must answer (when AWS credentials resolve).
const cacheCheck = cachedCheck(() => catalogCacheCheck(catalogs.cacheDir));
const fisCheck = cachedCheck(fisEndpointCheck({ region: defaultRegion() }));

await runServer(
  {
    bin: 'chaos-engineering-mcp-server',
    packageName: '@faultline/chaos-engineering-mcp-server',
    version: VERSION,
    summary:
      'An MCP server for AWS FIS: the current action catalog of a Region (cached 24 h, refreshed from AWS or from\n' +
      'data an agent hands in), deep template validation, and guarded experiment operations. AWS region and\n' +
      'credentials come from the standard SDK chain (AWS_REGION, AWS_PROFILE, ...); without credentials the\n' +
      'offline tools keep working and the live ones answer with a clear error. Chaos scenarios run on this machine\n' +
      'from FAULTLINE_SCENARIO_ROOT (default ./scenarios, else the working directory); runs are written to\n' +
      'FAULTLINE_RUNS_DIR (default $XDG_STATE_HOME/faultline/runs, else ~/.local/state/faultline/runs).',
    capabilities: [
      'Tools: get_valid_fis_actions, refresh_valid_fis_actions_cache, validate_fis_template, describe_fis_action,',
      '       create_experiment_template, start_experiment (destructive, needs confirm), get_experiment,',
      '       stop_experiment, list_experiments, list_experiment_templates, get_experiment_template,',
      '       list_scenarios, validate_scenario, run_scenario (destructive,',
      '       dry run unless confirm), get_scenario_run, abort_scenario_run',
      'Prompt: generate_fis_template      Resources: fis://catalog/{region}',
    ],
  },
  ({ logger, requestId }) => {
    const { server, deps } = createServer({ logger, catalogs, scenarios });
    return {
      server,
      // The first instance (stdio's only one; HTTP's probe) owns the runs: closing it at shutdown
      // aborts every run still going and waits for its rollback. Per-request HTTP instances do not.
      ...(requestId === undefined && { close: () => scenarios.runs.shutdown() }),
      readiness: async () => {
        const [result, cache, fis] = await Promise.all([
          deps.catalogs.getCatalog(deps.defaultRegion),
          cacheCheck(),
          fisCheck(),
        ]);
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
          cache,
          fis,
        ];
      },
    };
  },
);
