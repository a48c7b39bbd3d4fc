import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateExperimentTemplateCommand,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentsCommand,
  ListExperimentTemplatesCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { CatalogProvider, createTemplate, recommend } from '@faultline/fis-core';
import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatStats,
  fuzzTool,
  type ToolFuzzStats,
} from '../../../packages/server-runtime/test/support/tool-fuzz';
import { createServer } from '../src/server';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const scenarioDir = join(repo, 'examples/scenarios');
const exampleScenario = readdirSync(scenarioDir).find((f) => f.endsWith('.yaml')) as string;

/** Inputs tried per tool (every tool this server lists, including ones added later). */
const RUNS = 400;

// No AWS call may leave this process: every FIS command is answered by the mock.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
const fisMock = mockClient(FisClient);
const home = mkdtempSync(join(tmpdir(), 'faultline-chaos-fuzz-'));
const SAVED_ENV = [
  'HOME',
  'XDG_CACHE_HOME',
  'XDG_STATE_HOME',
  'FAULTLINE_SCENARIO_ROOT',
  'FAULTLINE_RUNS_DIR',
] as const;
const saved = Object.fromEntries(SAVED_ENV.map((key) => [key, process.env[key]]));
let client: Client;
const stats: ToolFuzzStats[] = [];
const started = performance.now();

const ROLE = 'arn:aws:iam::123456789012:role/FisExperimentRole';
const ALARM = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx';

function validTemplate() {
  const [top] = recommend({
    summary: 'EC2 instances lost; host failure took the checkout fleet down',
  }).recommendations;
  return createTemplate(top, {
    roleArn: ROLE,
    stopConditionAlarmArn: ALARM,
    resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'],
  }).template;
}

const experiment = {
  id: 'EXP1a2b3c4d5e6f7',
  experimentTemplateId: 'EXT1a2b3c4d5e6f7',
  state: { status: 'running' as const },
  startTime: new Date('2026-01-01T00:00:00Z'),
  actions: { stop: { actionId: 'aws:ec2:stop-instances', state: { status: 'running' as const } } },
  tags: { 'started-by': 'faultline' },
};

beforeAll(async () => {
  // Anything a tool writes by default (caches, run folders) lands in a throw-away home.
  // Scenario tools read the example scenarios and would write runs to a throw-away folder.
  process.env.HOME = home;
  process.env.XDG_CACHE_HOME = join(home, '.cache');
  process.env.XDG_STATE_HOME = join(home, '.state');
  process.env.FAULTLINE_SCENARIO_ROOT = scenarioDir;
  process.env.FAULTLINE_RUNS_DIR = join(home, 'runs');
  fisMock.on(GetExperimentTemplateCommand).resolves({
    experimentTemplate: { id: 'EXT1a2b3c4d5e6f7', ...validTemplate() } as never,
  });
  fisMock.on(StartExperimentCommand).resolves({ experiment });
  fisMock.on(GetExperimentCommand).resolves({ experiment });
  fisMock
    .on(StopExperimentCommand)
    .resolves({ experiment: { ...experiment, state: { status: 'stopping' } } });
  fisMock.on(ListExperimentsCommand).resolves({ experiments: [experiment], nextToken: 'n' });
  fisMock.on(ListExperimentTemplatesCommand).resolves({
    experimentTemplates: [{ id: 'EXT1a2b3c4d5e6f7', description: 'stop one instance' }],
    nextToken: 'n',
  });
  fisMock.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT1a2b3c4d5e6f7' } });
  const { server } = createServer({
    catalogs: new CatalogProvider({ cacheDir: join(home, 'cache'), credentialsAvailable: async () => false }),
    fis: async (region) =>
      new FisClient({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } }),
    defaultRegion: 'us-east-1',
    logger: silentLogger,
    randomId: () => 'token-1',
  });
  client = new Client({ name: 'fuzz', version: '0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
});

afterAll(async () => {
  await client.close();
  fisMock.restore();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(home, { recursive: true, force: true });
  console.log(formatStats('chaos-engineering', stats, performance.now() - started));
});

function seeds(tool: Tool): Array<Record<string, unknown>> {
  const template = validTemplate();
  switch (tool.name) {
    case 'validate_fis_template':
      return [{ template }, { template: JSON.stringify(template), region: 'eu-west-1' }];
    case 'create_experiment_template':
      return [{ template }];
    case 'start_experiment':
      return [{ experiment_template_id: 'EXT1a2b3c4d5e6f7', confirm: true, tags: { team: 'sre' } }];
    case 'get_experiment':
    case 'stop_experiment':
      return [{ id: 'EXP1a2b3c4d5e6f7', region: 'us-east-1' }];
    case 'list_experiments':
      return [{ max_results: 5, experiment_template_id: 'EXT1a2b3c4d5e6f7' }];
    case 'describe_fis_action':
      return [{ action_id: 'aws:ec2:stop-instances' }];
    case 'refresh_valid_fis_actions_cache':
      return [{ fis_data: { actions: [{ id: 'aws:ec2:stop-instances', description: 'Stop' }] } }];
    case 'get_valid_fis_actions':
      return [{ region: 'eu-west-1' }];
  }
  // Tools added later (scenario tools): one seed per string field that looks like a scenario, its path or a run id.
  const properties = Object.keys((tool.inputSchema.properties ?? {}) as Record<string, unknown>);
  const out: Array<Record<string, unknown>> = [];
  for (const key of properties) {
    if (/yaml|text|content|scenario$/i.test(key))
      out.push({ [key]: readFileSync(join(scenarioDir, exampleScenario), 'utf8') });
    else if (/path|file/i.test(key)) out.push({ [key]: exampleScenario });
    else if (/run_?id|^id$/i.test(key)) out.push({ [key]: '20260101T000000Z-abcdef' });
  }
  return out;
}

/** Destructive tools run against mocks only: start_experiment has its FIS client mocked; anything else never gets `confirm: true`. */
function safe(tool: Tool) {
  return (args: Record<string, unknown>) =>
    tool.annotations?.destructiveHint && tool.name !== 'start_experiment' && args.confirm !== undefined
      ? { ...args, confirm: false }
      : args;
}

describe('chaos-engineering: every tool survives bad input', () => {
  it('answers every generated input of every listed tool in bounded time, without leaking internals', async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(9);
    for (const tool of tools) {
      stats.push(
        await fuzzTool(tool, {
          client,
          numRuns: RUNS,
          seeds: seeds(tool),
          prepare: safe(tool),
          privatePaths: [repo, home],
        }),
      );
    }
    expect(stats.every((s) => s.runs === RUNS)).toBe(true);
  }, 180_000);
});
