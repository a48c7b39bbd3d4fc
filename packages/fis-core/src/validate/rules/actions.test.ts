import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, wait, waitTemplate, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('actions (T06–T08)', () => {
  it('requires at least one action and at most 20', () => {
    expect(errorsOf(validateTemplate(waitTemplate({})))).toEqual(['NO_ACTIONS /actions']);
    const many = Object.fromEntries(
      Array.from({ length: 21 }, (_, i) => [`w${i}`, wait('PT1M', i > 0 ? [`w${i - 1}`] : undefined)]),
    );
    expect(errorsOf(validateTemplate(waitTemplate(many)))).toEqual(['TOO_MANY_ACTIONS /actions']);
    const { actions: _, ...template } = ec2Template();
    expect(errorsOf(validateTemplate(template))).toContain('MISSING_REQUIRED_FIELD /actions');
  });

  it('suggests the action a misspelt id meant, and lists it as invalid', () => {
    const template = ec2Template();
    template.actions.stop.actionId = 'aws:ec2:stop-instanses';
    const result = validateTemplate(template);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_ACTION',
        path: '/actions/stop/actionId',
        suggestion: 'did you mean aws:ec2:stop-instances?',
        ruleId: 'T08',
      }),
    ]);
    expect(result.invalidActions).toEqual(['aws:ec2:stop-instanses']);
  });

  it('hints at the service when no id is close', () => {
    const template = waitTemplate({ a: { actionId: 'aws:fis:explode' } });
    expect(validateTemplate(template).errors[0]?.suggestion).toMatch(/^aws:fis actions are .*aws:fis:wait/);
    const other = waitTemplate({ a: { actionId: 'aws:sqs:purge-queue' } });
    expect(validateTemplate(other).errors[0]?.suggestion).toMatch(/^FIS has no aws:sqs actions/);
  });

  it('finds the id behind a missing aws: prefix', () => {
    const result = validateTemplate(
      waitTemplate({ a: { actionId: 'fis:wait', parameters: { duration: 'PT1M' } } }),
    );
    expect(result.errors[0]).toMatchObject({
      code: 'UNKNOWN_ACTION',
      suggestion: 'did you mean aws:fis:wait?',
    });
  });

  it('refuses unknown action fields, with a suggestion', () => {
    const template = ec2Template();
    template.actions.stop.startafter = [];
    expect(validateTemplate(template).errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FIELD',
        path: '/actions/stop/startafter',
        suggestion: 'did you mean startAfter?',
      }),
    ]);
  });

  it('reports a misspelt required field once', () => {
    const template = ec2Template();
    template.actions.stop.actionID = template.actions.stop.actionId;
    delete template.actions.stop.actionId;
    expect(errorsOf(validateTemplate(template))).toEqual(['UNKNOWN_FIELD /actions/stop/actionID']);
  });

  it('allows the same actionId under several names (T09 is info)', () => {
    expect(validateTemplate(waitTemplate({ a: wait('PT1M'), b: wait('PT1M') })).errors).toEqual([]);
  });

  it('warns about deprecated actions, naming the replacement', () => {
    const template = {
      ...ec2Template(),
      targets: {
        rg: {
          resourceType: 'aws:elasticache:redis-replicationgroup',
          resourceTags: { a: 'b' },
          parameters: { availabilityZoneIdentifier: 'us-east-1a' },
          selectionMode: 'ALL',
        },
      },
      actions: {
        power: {
          actionId: 'aws:elasticache:interrupt-cluster-az-power',
          parameters: { duration: 'PT5M' },
          targets: { ReplicationGroups: 'rg' },
        },
      },
    };
    const result = validateTemplate(template);
    expect(result.errors).toEqual([]);
    expect(result.warnings.find((w) => w.code === 'DEPRECATED_ACTION')?.suggestion).toBe(
      'use aws:elasticache:replicationgroup-interrupt-az-power',
    );
  });
});

describe('actions that cannot be undone quickly', () => {
  it('warns for terminate, and for stop without restart, saying why', () => {
    const template = ec2Template();
    template.actions.stop.actionId = 'aws:ec2:terminate-instances';
    delete template.actions.stop.parameters;
    const result = validateTemplate(template);
    expect(warningsOf(result)).toEqual(['IRREVERSIBLE_ACTION /actions/stop/actionId']);
    expect(result.warnings[0]?.message).toContain('terminated instances are gone');

    const stop = ec2Template();
    stop.actions.stop.parameters = {};
    expect(validateTemplate(stop).warnings[0]?.message).toContain('without startInstancesAfterDuration');
  });

  it('does not warn for pod deletion, which Kubernetes undoes', () => {
    const result = validateTemplate({
      ...ec2Template(),
      targets: {
        pods: {
          resourceType: 'aws:eks:pod',
          parameters: { clusterIdentifier: 'c', namespace: 'n', selectorType: 'podName', selectorValue: 'p' },
          selectionMode: 'COUNT(1)',
        },
      },
      actions: {
        kill: {
          actionId: 'aws:eks:pod-delete',
          parameters: { kubernetesServiceAccount: 'fis' },
          targets: { Pods: 'pods' },
        },
      },
    });
    expect(result.warnings).toEqual([]);
  });
});
