import { describe, expect, it } from 'vitest';
import { ec2Template, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

/** A template whose target has one filter with this path, on this resource type. */
function withFilterPath(path: string, resourceType = 'aws:ec2:instance') {
  const template = ec2Template();
  template.targets.web.resourceType = resourceType;
  template.targets.web.filters = [{ path, values: ['us-east-1a'] }];
  if (resourceType === 'aws:ecs:task') {
    template.actions = { stop: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'web' } } };
  }
  return validateTemplate(template);
}

describe('filter paths (T24)', () => {
  it('passes the paths AWS documents', () => {
    expect(withFilterPath('Placement.AvailabilityZone').warnings).toEqual([]);
    expect(withFilterPath('State.Name').warnings).toEqual([]);
    expect(warningsOf(withFilterPath('AvailabilityZone', 'aws:ecs:task'))).not.toContain(
      'UNKNOWN_FILTER_PATH /targets/web/filters/0/path',
    );
  });

  it.each([
    ['Placement.AvailabiltyZone', 'aws:ec2:instance', 'use Placement.AvailabilityZone'],
    ['placement.availabilityZone', 'aws:ec2:instance', 'use Placement.AvailabilityZone'],
    ['availabilityZone', 'aws:ecs:task', 'use AvailabilityZone'],
    ['AvailabiltyZone', 'aws:ecs:task', 'use AvailabilityZone'],
    ['Placement.AvailabilityZone', 'aws:ecs:task', 'use AvailabilityZone'],
  ])('warns on %j for %s, with the fix', (path, resourceType, suggestion) => {
    const result = withFilterPath(path, resourceType);
    const warning = result.warnings.find((w) => w.code === 'UNKNOWN_FILTER_PATH');
    expect(warning).toMatchObject({ path: '/targets/web/filters/0/path', suggestion, ruleId: 'T24' });
    expect(result.valid).toBe(true);
  });

  it('says a path of another type matches nothing here', () => {
    const warning = withFilterPath('Placement.AvailabilityZone', 'aws:ecs:task').warnings.find(
      (w) => w.code === 'UNKNOWN_FILTER_PATH',
    );
    expect(warning?.message).toBe(
      'targets.web.filters[0].path: "Placement.AvailabilityZone" is a filter path of aws:ec2:instance, not of aws:ecs:task: FIS reads it in the aws:ecs:task description, where it matches nothing.',
    );
  });

  it('warns on camelCase elements for any type, documented paths or not', () => {
    const template = ec2Template();
    template.targets.web = {
      resourceType: 'aws:ec2:ebs-volume',
      resourceTags: { app: 'db' },
      filters: [{ path: 'availabilityZone', values: ['us-east-1a'] }],
      selectionMode: 'ALL',
    };
    template.actions = {
      pause: {
        actionId: 'aws:ebs:pause-volume-io',
        parameters: { duration: 'PT1M' },
        targets: { Volumes: 'web' },
      },
    };
    expect(validateTemplate(template).warnings).toContainEqual(
      expect.objectContaining({ code: 'UNKNOWN_FILTER_PATH', suggestion: 'use AvailabilityZone' }),
    );
  });

  it('warns on a path far from every documented one for the type, without a guess', () => {
    const warning = withFilterPath('InstanceLifecycle').warnings.find(
      (w) => w.code === 'UNKNOWN_FILTER_PATH',
    );
    expect(warning?.message).toMatch(/is none of the filter paths AWS documents for aws:ec2:instance/);
    expect(warning?.suggestion).toBeUndefined();
  });
});
