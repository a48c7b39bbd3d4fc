import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateExperimentTemplateCommand,
  FisClient,
  GetExperimentCommand,
  GetExperimentTemplateCommand,
  ListExperimentTemplatesCommand,
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

async function connect(options: { elicit?: 'accept' | 'decline' | 'accept-unticked' } = {}): Promise<void> {
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
      options.elicit === 'accept'
        ? { action: 'accept', content: { confirm: true } }
        : options.elicit === 'accept-unticked'
          ? { action: 'accept', content: {} }
          : { action: 'decline' },
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
      'get_experiment_template',
      'get_scenario_run',
      'get_valid_fis_actions',
      'list_experiment_templates',
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

  it('lists the Region’s templates and gets one in the create shape, checked by the validator', async () => {
    fisMock.on(ListExperimentTemplatesCommand).resolves({
      experimentTemplates: [
        {
          id: 'EXT123',
          description: 'stop one web instance',
          creationTime: new Date('2026-11-01T10:00:00Z'),
          lastUpdateTime: new Date('2026-11-02T10:00:00Z'),
          tags: { team: 'sre' },
        },
      ],
      nextToken: 'page-2',
    });
    const listed = await call('list_experiment_templates', { max_results: 1 });
    expect(listed.structuredContent).toEqual({
      region: 'us-east-1',
      templates: [
        {
          id: 'EXT123',
          description: 'stop one web instance',
          creationTime: '2026-11-01T10:00:00.000Z',
          lastUpdateTime: '2026-11-02T10:00:00.000Z',
          tags: { team: 'sre' },
        },
      ],
      nextToken: 'page-2',
    });
    expect(fisMock.commandCalls(ListExperimentTemplatesCommand)[0]?.args[0].input).toEqual({ maxResults: 1 });
    const broken = awsTemplate();
    const [name] = Object.keys(broken.experimentTemplate.actions);
    (broken.experimentTemplate.actions[name as string] as { actionId: string }).actionId =
      'aws:ec2:stop-instance';
    fisMock.on(GetExperimentTemplateCommand).resolves(broken);
    const got = await call('get_experiment_template', { id: 'EXT123' });
    expect(got.isError).toBeFalsy();
    const body = got.structuredContent as {
      id: string;
      template: { actions: Record<string, { actionId: string }> };
      validation: { valid: boolean; errors: Array<{ code: string }> };
    };
    expect(body.id).toBe('EXT123');
    expect(body.template).not.toHaveProperty('id');
    expect(body.validation.valid).toBe(false);
    expect(body.validation.errors.map((e) => e.code)).toContain('UNKNOWN_ACTION');
  });

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
    const result = await call('start_experiment', {
      experiment_template_id: 'EXT123',
      confirm: true,
      tags: { team: 'sre', 'started-by': 'someone-else' },
    });
    expect(result.isError).toBeFalsy();
    const [startCall] = fisMock.commandCalls(StartExperimentCommand);
    expect(startCall?.args[0].input).toMatchObject({
      experimentTemplateId: 'EXT123',
      clientToken: 'token-1',
      // a caller's tag cannot hide that Faultline started it
      tags: { team: 'sre', 'started-by': 'faultline' },
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

  it('refuses, as a coded refusal, an elicitation accepted without the box, and starts nothing', async () => {
    await client.close();
    await connect({ elicit: 'accept-unticked' });
    fisMock.on(GetExperimentTemplateCommand).resolves(awsTemplate());
    const result = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(
      /^CHAOS_REFUSED: the user’s approval could not be obtained .*nothing was started/,
    );
    expect(fisMock.commandCalls(StartExperimentCommand)).toHaveLength(0);
  });

  it('retries a start with the client_token the caller passes, so FIS returns the same experiment', async () => {
    fisMock.on(GetExperimentTemplateCommand).resolves(awsTemplate());
    fisMock
      .on(StartExperimentCommand)
      .resolves({ experiment: { id: 'EXP4', state: { status: 'initiating' } } });
    const result = await call('start_experiment', {
      experiment_template_id: 'EXT123',
      confirm: true,
      client_token: 'c0ffee-1234',
    });
    expect(result.isError).toBeFalsy();
    expect(fisMock.commandCalls(StartExperimentCommand)[0]?.args[0].input.clientToken).toBe('c0ffee-1234');
  });

  it('creates the template inside a whole create_fis_template or GetExperimentTemplate answer, not the wrapper', async () => {
    fisMock.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT9' } });
    const template = validTemplate();
    for (const wrapped of [
      { template, iamPolicy: { Version: '2012-10-17', Statement: [] }, cloudformation: 'Resources: {}' },
      { experimentTemplate: template },
    ]) {
      fisMock.resetHistory();
      const result = await call('create_experiment_template', { template: wrapped });
      expect(result.isError).toBeFalsy();
      const input = fisMock.commandCalls(CreateExperimentTemplateCommand)[0]?.args[0].input;
      expect(input).toMatchObject({
        roleArn: ROLE,
        description: template.description,
        actions: template.actions,
        targets: template.targets,
        stopConditions: template.stopConditions,
        clientToken: 'token-1',
      });
      expect(input).not.toHaveProperty('template');
      expect(input).not.toHaveProperty('experimentTemplate');
    }
  });

  it('keeps the clientToken the template carries (a retry creates no duplicate)', async () => {
    fisMock.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT9' } });
    await call('create_experiment_template', { template: { ...validTemplate(), clientToken: 'retry-me-1' } });
    expect(fisMock.commandCalls(CreateExperimentTemplateCommand)[0]?.args[0].input.clientToken).toBe(
      'retry-me-1',
    );
  });

  it('does not show the caller’s account id or session name from an AWS message, nor a doubled full stop', async () => {
    const denied = Object.assign(
      new Error(
        'User: arn:aws:sts::987654321098:assumed-role/ChaosRole/alice@example.com is not authorized to perform: ' +
          'fis:GetExperiment on resource: arn:aws:fis:us-east-1:987654321098:experiment/EXP1 because no ' +
          'identity-based policy allows the fis:GetExperiment action.',
      ),
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403, attempts: 1 } },
    );
    fisMock.on(GetExperimentCommand).rejects(denied);
    const result = await call('get_experiment', { id: 'EXP1' });
    expect(text(result)).toBe(
      'CHAOS_AWS_CALL_FAILED: GetExperiment failed (AccessDeniedException): User: ' +
        'arn:aws:sts::<account-id>:assumed-role/ChaosRole/<session> is not authorized to perform: fis:GetExperiment ' +
        'on resource: arn:aws:fis:us-east-1:<account-id>:experiment/EXP1 because no identity-based policy allows the ' +
        'fis:GetExperiment action. the credentials lack the FIS permission for this call; see docs/chaos-engineering.md ' +
        'for the policy.',
    );
    expect(JSON.stringify(result)).not.toMatch(/987654321098|alice/);
  });

  it('says what to do when an FIS quota is reached', async () => {
    fisMock.on(GetExperimentTemplateCommand).resolves(awsTemplate());
    fisMock.on(StartExperimentCommand).rejects(
      Object.assign(new Error('You have exceeded the limit of active experiments for your account.'), {
        name: 'ServiceQuotaExceededException',
        $metadata: { httpStatusCode: 402, attempts: 1 },
      }),
    );
    const result = await call('start_experiment', { experiment_template_id: 'EXT123', confirm: true });
    expect(text(result)).toMatch(
      /for your account\. an FIS quota is reached .*wait for or stop a running experiment \(list_experiments, stop_experiment\), or ask for a higher quota/,
    );
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
