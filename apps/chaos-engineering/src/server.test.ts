import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  StartExperimentCommand,
} from '@aws-sdk/client-fis';
import { CatalogProvider, createTemplate, recommend } from '@faultline/fis-core';
import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type CallToolResult, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from './server';

const fisMock = mockClient(FisClient);
let cacheDir: string;
let client: Client;

const ROLE = 'arn:aws:iam::123456789012:role/FisExperimentRole';
const ALARM = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx';

async function connect(options: { elicit?: 'accept' | 'decline' } = {}): Promise<void> {
  const catalogs = new CatalogProvider({ cacheDir, credentialsAvailable: async () => false });
  const { server } = createServer({
    catalogs,
    fis: async (region) =>
      new FisClient({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } }),
    defaultRegion: 'us-east-1',
    logger: silentLogger,
    randomId: () => 'token-1',
  });
  client = new Client(
    { name: 'test', version: '0' },
    { capabilities: options.elicit ? { elicitation: {} } : {} },
  );
  if (options.elicit) {
    client.setRequestHandler(ElicitRequestSchema, async () =>
      options.elicit === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' },
    );
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
}

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (result: CallToolResult) =>
  result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

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

beforeEach(async () => {
  fisMock.reset();
  cacheDir = mkdtempSync(join(tmpdir(), 'faultline-chaos-'));
  await connect();
});

afterEach(async () => {
  await client.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('chaos-engineering server: catalog and validation', () => {
  it('lists its tools with explicit annotations; start_experiment and run_scenario are the destructive ones', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'abort_scenario_run',
      'create_experiment_template',
      'describe_fis_action',
      'get_experiment',
      'get_scenario_run',
      'get_valid_fis_actions',
      'list_experiments',
      'list_scenarios',
      'refresh_valid_fis_actions_cache',
      'run_scenario',
      'start_experiment',
      'stop_experiment',
      'validate_fis_template',
      'validate_scenario',
    ]);
    for (const tool of tools) {
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual([
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
        'readOnlyHint',
      ]);
      expect(tool.outputSchema).toBeDefined();
    }
    expect(
      tools
        .filter((t) => t.annotations?.destructiveHint)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['run_scenario', 'start_experiment']);
  });

  it('serves the bundled catalog without credentials, saying so and how to refresh', async () => {
    const result = await call('get_valid_fis_actions', { region: 'eu-west-1' });
    const body = result.structuredContent as {
      status: string;
      actionCount: number;
      instructions?: string;
      fis_actions: unknown[];
    };
    expect(body.status).toBe('bundled');
    expect(body.actionCount).toBe(50);
    expect(body.fis_actions).toHaveLength(50);
    expect(body.instructions).toMatch(/refresh/i);
  });

  it('refreshes from data the agent hands in (the Python server’s flow)', async () => {
    const fisData = {
      actions: [
        {
          id: 'aws:ec2:stop-instances',
          description: 'Stop instances',
          targets: { Instances: { resourceType: 'aws:ec2:instance' } },
        },
        { id: 'aws:fis:wait', description: 'Wait' },
      ],
    };
    const result = await call('refresh_valid_fis_actions_cache', {
      region: 'us-west-2',
      fis_data: JSON.stringify(fisData),
    });
    const body = result.structuredContent as {
      success: boolean;
      source: { kind: string };
      actionCount: number;
    };
    expect(result.isError).toBeFalsy();
    expect(body).toMatchObject({ success: true, source: { kind: 'agent' }, actionCount: 2 });
    const after = (await call('get_valid_fis_actions', { region: 'us-west-2' })).structuredContent as {
      status: string;
    };
    expect(after.status).toBe('fresh');
  });

  it('refuses a region that is not a region name before touching the file system', async () => {
    const result = await call('get_valid_fis_actions', { region: '../../etc' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/region/i);
  });

  it('validates a template from create_fis_template as valid, and points at the field of a broken one', async () => {
    const template = validTemplate();
    const good = (await call('validate_fis_template', { template })).structuredContent as {
      valid: boolean;
      errors: unknown[];
    };
    expect(good.errors).toEqual([]);
    expect(good.valid).toBe(true);
    const [name] = Object.keys(template.actions);
    const broken = structuredClone(template) as typeof template;
    (broken.actions[name as string] as { parameters: Record<string, string> }).parameters = {
      startInstancesAfterDuration: 'PT13H',
    };
    const bad = (await call('validate_fis_template', { template: broken })).structuredContent as {
      valid: boolean;
      errors: Array<{ path: string }>;
    };
    expect(bad.valid).toBe(false);
    expect(bad.errors.map((e) => e.path)).toContain(
      `/actions/${name}/parameters/startInstancesAfterDuration`,
    );
  });

  it('describes an action, and suggests the right one for a typo', async () => {
    const result = await call('describe_fis_action', { action_id: 'aws:rds:failover-db-cluster' });
    expect((result.structuredContent as { action: { targets: unknown } }).action.targets).toEqual({
      Clusters: 'aws:rds:cluster',
    });
    const typo = await call('describe_fis_action', { action_id: 'aws:rds:failover-db-clustr' });
    expect(typo.isError).toBe(true);
    expect(text(typo)).toMatch(/did you mean aws:rds:failover-db-cluster/);
  });
});

describe('chaos-engineering server: guarded experiment operations', () => {
  function awsTemplate(overrides: Record<string, unknown> = {}) {
    return { experimentTemplate: { id: 'EXT123', ...validTemplate(), ...overrides } };
  }

  it('refuses to start without confirm: true, and calls nothing', async () => {
    const result = await call('start_experiment', { experiment_template_id: 'EXT123' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/confirm: true/);
    expect(fisMock.calls()).toHaveLength(0);
  });

  it('refuses a template that fails validation, listing the errors, and never starts it', async () => {
    const template = awsTemplate();
    const [name] = Object.keys(template.experimentTemplate.actions);
    (template.experimentTemplate.actions[name as string] as { actionId: string }).actionId =
      'aws:ec2:stop-instance';
    fisMock.on(GetExperimentTemplateCommand).resolves(template);
    const result = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/fails validation/);
    expect(fisMock.commandCalls(StartExperimentCommand)).toHaveLength(0);
  });

  it('refuses a template without a stop condition unless waived', async () => {
    fisMock.on(GetExperimentTemplateCommand).resolves(awsTemplate({ stopConditions: [{ source: 'none' }] }));
    fisMock
      .on(StartExperimentCommand)
      .resolves({ experiment: { id: 'EXP1', state: { status: 'initiating' } } });
    const refused = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(text(refused)).toMatch(/no stop condition/);
    expect(fisMock.commandCalls(StartExperimentCommand)).toHaveLength(0);
    const started = await call('start_experiment', {
      experiment_template_id: 'EXT123',
      confirm: true,
      allow_no_stop_condition: true,
    });
    expect(started.isError).toBeFalsy();
    expect((started.structuredContent as { experiment: { id: string } }).experiment.id).toBe('EXP1');
  });

  it('starts a valid, confirmed template with an idempotency token', async () => {
    fisMock.on(GetExperimentTemplateCommand).resolves(awsTemplate());
    fisMock
      .on(StartExperimentCommand)
      .resolves({ experiment: { id: 'EXP2', state: { status: 'initiating' } } });
    const result = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(result.isError).toBeFalsy();
    const [startCall] = fisMock.commandCalls(StartExperimentCommand);
    expect(startCall?.args[0].input).toMatchObject({
      experimentTemplateId: 'EXT123',
      clientToken: 'token-1',
    });
  });

  it('asks the user through elicitation when the client can, and respects a decline', async () => {
    await client.close();
    await connect({ elicit: 'decline' });
    fisMock.on(GetExperimentTemplateCommand).resolves(awsTemplate());
    fisMock
      .on(StartExperimentCommand)
      .resolves({ experiment: { id: 'EXP3', state: { status: 'initiating' } } });
    const declined = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(text(declined)).toMatch(/declined/);
    expect(fisMock.commandCalls(StartExperimentCommand)).toHaveLength(0);
    await client.close();
    await connect({ elicit: 'accept' });
    const accepted = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(accepted.isError).toBeFalsy();
  });

  it('refuses to create a template that still has placeholders', async () => {
    const [top] = recommend({ summary: 'pods OOMKilled in prod' }).recommendations;
    const { template } = createTemplate(top, {});
    const result = await call('create_experiment_template', { template });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/fill <YOUR/);
    expect(fisMock.calls()).toHaveLength(0);
  });

  it('explains missing credentials clearly', async () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    fisMock.on(GetExperimentCommand).rejects(error);
    const result = await call('get_experiment', { id: 'EXP1' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/no AWS credentials resolved: set AWS_PROFILE/);
  });
});
