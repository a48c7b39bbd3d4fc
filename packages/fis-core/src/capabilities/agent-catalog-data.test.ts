import { describe, expect, it } from 'vitest';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import {
  getActionById,
  listActionsPage1,
  listActionsPage2,
  listTargetResourceTypes,
} from './__fixtures__/fis-fixtures';
import { catalogFromAgentData, parseAgentCatalogData, safeParseAgentCatalogData } from './agent-catalog-data';

const cliListActions = {
  actions: [...(listActionsPage1.actions ?? []), ...(listActionsPage2.actions ?? [])],
};

describe('safeParseAgentCatalogData', () => {
  it('accepts the output of `aws fis list-actions` as it is', () => {
    const result = safeParseAgentCatalogData(cliListActions);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.snapshot.actions).toHaveLength(6);
    expect(result.snapshot.actions[1]).toEqual({
      id: 'aws:ec2:stop-instances',
      description: 'Stop the specified EC2 instances.',
      targets: { Instances: 'aws:ec2:instance' },
    });
    expect(result.snapshot.resourceTypes).toBeUndefined();
  });

  it('accepts { actions, targetResourceTypes } with both CLI outputs, nested or not', () => {
    for (const input of [
      { actions: cliListActions, targetResourceTypes: listTargetResourceTypes },
      { actions: cliListActions.actions, targetResourceTypes: listTargetResourceTypes.targetResourceTypes },
    ]) {
      const result = safeParseAgentCatalogData(input);
      expect(result.success).toBe(true);
      if (result.success)
        expect(result.snapshot.resourceTypes?.map((r) => r.resourceType)).toContain('aws:ecs:task');
    }
  });

  it('accepts a plain array of ids, and get-action output with parameters', () => {
    const ids = safeParseAgentCatalogData(['aws:ec2:stop-instances', 'aws:fis:wait']);
    expect(ids.success && ids.snapshot.actions).toEqual([
      { id: 'aws:ec2:stop-instances' },
      { id: 'aws:fis:wait' },
    ]);

    const detailed = safeParseAgentCatalogData([getActionById['aws:fis:wait']?.action]);
    expect(detailed.success && detailed.snapshot.actions[0]?.parameters).toEqual({
      duration: { description: 'The duration (ISO 8601 duration).', required: true },
    });
  });

  it("accepts the Python server's { fis_actions, resource_types } shape", () => {
    const result = safeParseAgentCatalogData({
      fis_actions: [{ id: 'aws:ec2:stop-instances', description: 'Stops EC2 instances' }],
      resource_types: [{ type: 'aws:ec2:instance', description: 'EC2 virtual machine instances' }],
    });
    expect(result.success && result.snapshot).toEqual({
      actions: [{ id: 'aws:ec2:stop-instances', description: 'Stops EC2 instances' }],
      resourceTypes: [{ resourceType: 'aws:ec2:instance', description: 'EC2 virtual machine instances' }],
    });
  });

  it.each([
    ['a bad id', { actions: [{ id: 'aws:ec2:stop-instances' }, { id: 'stop instances' }] }, 'actions[1].id'],
    [
      'a bad target',
      { actions: [{ id: 'aws:ec2:x', targets: { I: { resourceType: 42 } } }] },
      'actions[0].targets.I',
    ],
    [
      'a bad required flag',
      { actions: [{ id: 'aws:fis:wait', parameters: { duration: { required: 'yes' } } }] },
      'actions[0].parameters.duration.required',
    ],
    ['actions that are not an array', { actions: 'aws:fis:wait' }, 'actions'],
    ['no actions', { something: [] }, 'actions'],
    ['an empty list', { actions: [] }, 'actions'],
    [
      'a bad resource type',
      { actions: ['aws:fis:wait'], targetResourceTypes: { targetResourceTypes: [{ resourceType: '../x' }] } },
      'targetResourceTypes.targetResourceTypes[0]',
    ],
    ['a bad id in a plain array', ['aws:fis:wait', 'rm -rf'], 'agentData[1]'],
    ['a string', 'aws:fis:wait', '(root)'],
  ])('refuses %s, naming the field', (_what, input, path) => {
    const result = safeParseAgentCatalogData(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.path)).toContain(path);
    expect(result.message).toContain(path);
    expect(result.message).toMatch(/aws fis list-actions/);
  });

  it('refuses more than 2000 items', () => {
    const result = safeParseAgentCatalogData(Array.from({ length: 2001 }, () => 'aws:fis:wait'));
    expect(result.success).toBe(false);
  });
});

describe('parseAgentCatalogData', () => {
  it('throws FisCoreError(CatalogInvalid) with the issues as data', () => {
    try {
      parseAgentCatalogData({ actions: [{ id: 7 }] });
      expect.unreachable();
    } catch (error) {
      expect(FisCoreError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        code: FisCoreErrorCode.CatalogInvalid,
        data: { issues: [{ path: 'actions[0].id' }] },
      });
    }
  });
});

describe('catalogFromAgentData', () => {
  it('merges the agent data with the bundled catalog and labels the source', () => {
    const { data, source } = catalogFromAgentData(
      { actions: cliListActions, targetResourceTypes: listTargetResourceTypes },
      { region: 'eu-west-1', now: () => Date.parse('2026-11-24T10:00:00Z') },
    );
    expect(source).toEqual({ kind: 'agent', retrievedAt: '2026-11-24T10:00:00.000Z', region: 'eu-west-1' });
    expect(data.actions.map((a) => a.id)).toEqual(cliListActions.actions.map((a) => a.id));
    // ListActions gives no parameters: the bundled ones are kept.
    expect(data.actions.find((a) => a.id === 'aws:fis:wait')?.parameters[0]?.type).toBe('ISO8601-duration');
    expect(data.resourceTypes.map((r) => r.type)).toEqual(
      listTargetResourceTypes.targetResourceTypes?.map((r) => r.resourceType),
    );
  });

  it('refuses a bad region before anything else', () => {
    expect(() => catalogFromAgentData(['aws:fis:wait'], { region: '../x' })).toThrow(
      /not an AWS region name/,
    );
  });
});
