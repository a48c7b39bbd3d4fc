import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, wait, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

describe('action targets (T12–T15, T30)', () => {
  it('refuses a target key the action does not take, suggesting the right one', () => {
    const template = ec2Template();
    template.actions.stop.targets = { Instance: 'web' };
    const result = validateTemplate(template);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'TARGET_KEY_NOT_SUPPORTED',
        path: '/actions/stop/targets/Instance',
        suggestion: 'did you mean Instances?',
        ruleId: 'T12',
      }),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('refuses references to targets that do not exist', () => {
    const template = ec2Template();
    template.actions.stop.targets = { Instances: 'Web' };
    expect(validateTemplate(template).errors).toEqual([
      expect.objectContaining({ code: 'TARGET_NOT_FOUND', suggestion: 'did you mean web?' }),
    ]);
  });

  it('refuses a target of the wrong resource type (T13)', () => {
    const template = ec2Template();
    template.targets.web.resourceType = 'aws:ec2:subnet';
    delete template.targets.web.filters;
    const result = validateTemplate(template);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'TARGET_TYPE_MISMATCH',
        path: '/actions/stop/targets/Instances',
        ruleId: 'T13',
      }),
    ]);
    expect(result.errors[0]?.message).toContain('takes aws:ec2:instance');
  });

  it('does not pile a type mismatch on an unknown resource type', () => {
    const template = ec2Template();
    template.targets.web.resourceType = 'aws:ec2:instanz';
    expect(errorsOf(validateTemplate(template))).toEqual(['UNKNOWN_RESOURCE_TYPE /targets/web/resourceType']);
  });

  it('refuses targets on actions without a resource type (T14), and accepts an empty map', () => {
    const template = ec2Template();
    template.actions.pause = { ...wait('PT1M'), targets: { Instances: 'web' } };
    expect(errorsOf(validateTemplate(template))).toEqual([
      'ACTION_TAKES_NO_TARGETS /actions/pause/targets/Instances',
    ]);
    template.actions.pause.targets = {};
    expect(validateTemplate(template).errors).toEqual([]);
  });

  it('requires the target key of an action with a resource type (T15)', () => {
    const template = ec2Template();
    delete template.actions.stop.targets;
    const result = validateTemplate(template);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'MISSING_ACTION_TARGET',
        path: '/actions/stop/targets/Instances',
        suggestion: 'add "Instances": "web"',
      }),
    ]);
    expect(warningsOf(result)).toEqual(['UNUSED_TARGET /targets/web']);
  });
});

describe('targeting restrictions (T29, T40, T42)', () => {
  it('needs exactly one cluster ARN for inject-kubernetes-custom-resource', () => {
    const cluster = 'arn:aws:eks:us-east-1:123456789012:cluster/shop';
    const template = {
      ...ec2Template(),
      targets: {
        cluster: {
          resourceType: 'aws:eks:cluster',
          resourceArns: [cluster, `${cluster}2`],
          selectionMode: 'ALL',
        },
      },
      actions: {
        chaos: {
          actionId: 'aws:eks:inject-kubernetes-custom-resource',
          parameters: {
            kubernetesApiVersion: 'chaos-mesh.org/v1alpha1',
            kubernetesKind: 'PodChaos',
            kubernetesNamespace: 'chaos',
            kubernetesSpec: '{"action":"pod-kill","mode":"one"}',
            maxDuration: 'PT5M',
          },
          targets: { Cluster: 'cluster' },
        },
      },
    };
    expect(validateTemplate(template).errors).toEqual([
      expect.objectContaining({
        code: 'TOO_MANY_RESOURCE_ARNS',
        path: '/targets/cluster/resourceArns',
        ruleId: 'T29',
      }),
    ]);
  });

  it('pins EBS volumes to one AZ, or says it cannot tell', () => {
    const template = (target: Record<string, unknown>) =>
      validateTemplate({
        ...ec2Template(),
        targets: { v: { resourceType: 'aws:ec2:ebs-volume', selectionMode: 'ALL', ...target } },
        actions: {
          p: {
            actionId: 'aws:ebs:pause-volume-io',
            parameters: { duration: 'PT1M' },
            targets: { Volumes: 'v' },
          },
        },
      });
    expect(
      template({ resourceTags: { a: 'b' }, parameters: { availabilityZoneIdentifier: 'us-east-1a' } })
        .warnings,
    ).toEqual([]);
    expect(template({ resourceArns: ['arn:aws:ec2:us-east-1:123456789012:volume/vol-1'] }).warnings).toEqual(
      [],
    );
    expect(warningsOf(template({ resourceTags: { a: 'b' } }))).toEqual([
      'AVAILABILITY_ZONE_NOT_PINNED /targets/v',
    ]);
    expect(
      errorsOf(
        template({
          resourceTags: { a: 'b' },
          filters: [{ path: 'AvailabilityZone', values: ['us-east-1a', 'us-east-1b'] }],
        }),
      ),
    ).toEqual(['MULTIPLE_AVAILABILITY_ZONES /targets/v/filters/0/values']);
  });

  it('warns when COUNT(n) exceeds the per-action target quota', () => {
    const template = ec2Template();
    template.targets.web.selectionMode = 'COUNT(6)';
    const result = validateTemplate(template);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'TARGET_QUOTA_EXCEEDED',
        path: '/targets/web/selectionMode',
        ruleId: 'T42',
      }),
    ]);
    template.targets.web.selectionMode = 'COUNT(5)';
    expect(validateTemplate(template).warnings).toEqual([]);
  });

  it('does not cascade from a broken target to the actions that use it', () => {
    const template = ec2Template();
    template.targets.web = 'web';
    expect(errorsOf(validateTemplate(template))).toEqual(['INVALID_TYPE /targets/web']);
  });
});
