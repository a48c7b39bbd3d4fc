import {
  CreateExperimentTemplateCommand,
  DeleteExperimentTemplateCommand,
  FisClient,
  GetExperimentCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../scenario/schema';
import { AwsFisProvider } from './aws-fis-provider';

const fis = mockClient(FisClient);
const template = {
  description: 'stop one instance',
  roleArn: 'arn:aws:iam::123456789012:role/fis',
  stopConditions: [{ source: 'none' }],
  targets: {
    one: {
      resourceType: 'aws:ec2:instance',
      resourceTags: { 'FIS-Ready': 'True' },
      selectionMode: 'COUNT(1)',
    },
  },
  actions: {
    stop: {
      actionId: 'aws:ec2:stop-instances',
      targets: { Instances: 'one' },
      parameters: { startInstancesAfterDuration: 'PT5M' },
    },
  },
};
const fault = { type: 'aws-fis', target: 'ec2-fleet', template, poll_interval: 1 } as unknown as Fault;

beforeEach(() => fis.reset());

describe('AwsFisProvider', () => {
  it('creates the template, starts the experiment, polls until running, then stops it and deletes the template', async () => {
    // Prepare
    fis.on(CreateExperimentTemplateCommand).resolves({ experimentTemplate: { id: 'EXT1' } });
    fis.on(StartExperimentCommand).resolves({ experiment: { id: 'EXP1' } });
    fis
      .on(GetExperimentCommand)
      .resolvesOnce({ experiment: { state: { status: 'initiating' } } })
      .resolvesOnce({ experiment: { state: { status: 'running' } } })
      .resolves({ experiment: { state: { status: 'running' } } });
    fis.on(StopExperimentCommand).resolves({});
    fis.on(DeleteExperimentTemplateCommand).resolves({});
    const provider = new AwsFisProvider({
      client: new FisClient({ region: 'us-east-1' }),
      runId: 'r1',
      validate: () => ({ valid: true, errors: [] }),
      sleep: async () => {},
    });
    // Act
    const active = await provider.inject(fault, '1-aws-fis-ec2-fleet');
    expect(await provider.observe(active)).toMatchObject({ state: 'running' });
    await provider.revert(active);
    // Assess
    expect(fis.commandCalls(CreateExperimentTemplateCommand)[0]?.args[0].input).toMatchObject({
      tags: { 'faultline:run-id': 'r1' },
      actions: template.actions,
    });
    expect(fis.commandCalls(StartExperimentCommand)[0]?.args[0].input).toMatchObject({
      experimentTemplateId: 'EXT1',
    });
    expect(fis.commandCalls(StopExperimentCommand)[0]?.args[0].input).toEqual({ id: 'EXP1' });
    expect(fis.commandCalls(DeleteExperimentTemplateCommand)[0]?.args[0].input).toEqual({ id: 'EXT1' });
    expect(active.handle).toMatchObject({ experimentId: 'EXP1', templateId: 'EXT1' });
  });

  it('refuses a template that fails fis-core validation and creates nothing', async () => {
    const provider = new AwsFisProvider({ client: new FisClient({ region: 'us-east-1' }), runId: 'r1' });
    const bad = {
      ...fault,
      template: { actions: { x: { actionId: 'aws:nope:nothing' } } },
    } as unknown as Fault;
    await expect(provider.inject(bad, 'f')).rejects.toMatchObject({ code: 'SCENARIO_TEMPLATE_INVALID' });
    expect(fis.commandCalls(CreateExperimentTemplateCommand)).toHaveLength(0);
  });

  it('does not stop an experiment that already completed', async () => {
    fis.on(GetExperimentCommand).resolves({ experiment: { state: { status: 'completed' } } });
    fis.on(DeleteExperimentTemplateCommand).resolves({});
    const provider = new AwsFisProvider({ client: new FisClient({ region: 'us-east-1' }), runId: 'r1' });
    await provider.revert({
      id: 'f',
      provider: 'aws-fis',
      type: 'aws-fis',
      target: 't',
      injectedAt: 0,
      recoveryFrom: 'revert',
      handle: { experimentId: 'E', templateId: 'T' },
    });
    expect(fis.commandCalls(StopExperimentCommand)).toHaveLength(0);
  });
});
