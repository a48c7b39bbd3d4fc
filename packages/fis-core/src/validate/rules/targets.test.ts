import { describe, expect, it } from 'vitest';
import { ec2Template, errorsOf, warningsOf } from '../test-fixtures';
import { validateTemplate } from '../validate-template';

function withTarget(target: Record<string, unknown>) {
  const template = ec2Template();
  template.targets.web = target;
  return validateTemplate(template);
}

const INSTANCE = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';

describe('targets (T19–T28)', () => {
  it('requires resourceType and selectionMode', () => {
    expect(errorsOf(withTarget({ resourceTags: { a: 'b' } }))).toEqual([
      'MISSING_REQUIRED_FIELD /targets/web/resourceType',
      'MISSING_REQUIRED_FIELD /targets/web/selectionMode',
    ]);
  });

  it('suggests the resource type a misspelling meant, and lists it as invalid', () => {
    const result = withTarget({
      resourceType: 'aws:ec2:instnace',
      resourceTags: { a: 'b' },
      selectionMode: 'ALL',
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_RESOURCE_TYPE',
        suggestion: 'did you mean aws:ec2:instance?',
        ruleId: 'T19',
      }),
    ]);
    expect(result.invalidResourceTypes).toEqual(['aws:ec2:instnace']);
  });

  it('refuses resourceArns with resourceTags or filters (T21), and more than 5 ARNs (T22)', () => {
    expect(
      errorsOf(
        withTarget({
          resourceType: 'aws:ec2:instance',
          resourceArns: [INSTANCE],
          resourceTags: { a: 'b' },
          selectionMode: 'ALL',
        }),
      ),
    ).toEqual(['RESOURCE_ARNS_WITH_TAGS /targets/web/resourceTags']);
    expect(
      errorsOf(
        withTarget({
          resourceType: 'aws:ec2:instance',
          resourceArns: [INSTANCE],
          filters: [{ path: 'State.Name', values: ['running'] }],
          selectionMode: 'ALL',
        }),
      ),
    ).toEqual(['RESOURCE_ARNS_WITH_FILTERS /targets/web/filters']);
    expect(
      errorsOf(
        withTarget({
          resourceType: 'aws:ec2:instance',
          resourceArns: Array(6).fill(INSTANCE),
          selectionMode: 'ALL',
        }),
      ),
    ).toEqual(['TOO_MANY_RESOURCE_ARNS /targets/web/resourceArns']);
  });

  it('matches each ARN against the resource type and names the type it looks like', () => {
    const result = withTarget({
      resourceType: 'aws:ec2:instance',
      resourceArns: ['arn:aws:rds:us-east-1:123456789012:db:orders'],
      selectionMode: 'ALL',
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'INVALID_RESOURCE_ARN',
        path: '/targets/web/resourceArns/0',
        suggestion: expect.stringContaining('aws:rds:db'),
      }),
    ]);
  });

  it('checks selectionMode (T20)', () => {
    const result = withTarget({
      resourceType: 'aws:ec2:instance',
      resourceTags: { a: 'b' },
      selectionMode: 'count(2)',
    });
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_SELECTION_MODE', suggestion: 'use COUNT(2)' }),
    ]);
  });

  it('checks filters (T24)', () => {
    const base = { resourceType: 'aws:ec2:instance', resourceTags: { a: 'b' }, selectionMode: 'ALL' };
    expect(errorsOf(withTarget({ ...base, filters: [{ path: 'tag:Name', values: ['x'] }] }))).toEqual([
      'FILTER_ON_TAGS /targets/web/filters/0/path',
    ]);
    expect(errorsOf(withTarget({ ...base, filters: [{ path: 'State.Name', values: [] }] }))).toEqual([
      'VALUE_TOO_SHORT /targets/web/filters/0/values',
    ]);
    expect(errorsOf(withTarget({ ...base, filters: [{ Path: 'State.Name', values: ['x'] }] }))).toEqual([
      'UNKNOWN_FIELD /targets/web/filters/0/Path',
    ]);
  });

  it('takes target parameters only where the resource type defines them (T25)', () => {
    const result = withTarget({
      resourceType: 'aws:ec2:instance',
      resourceTags: { a: 'b' },
      parameters: { vpc: 'x' },
      selectionMode: 'ALL',
    });
    expect(errorsOf(result)).toEqual(['TARGET_PARAMETERS_NOT_SUPPORTED /targets/web/parameters']);
    expect(
      withTarget({
        resourceType: 'aws:ec2:instance',
        resourceTags: { a: 'b' },
        parameters: {},
        selectionMode: 'ALL',
      }).errors,
    ).toEqual([]);
  });

  it('needs some way to identify resources (T26)', () => {
    expect(errorsOf(withTarget({ resourceType: 'aws:ec2:instance', selectionMode: 'ALL' }))).toEqual([
      'NO_TARGET_IDENTIFICATION /targets/web',
    ]);
  });

  it('requires names without whitespace (T07)', () => {
    const template = ec2Template();
    template.targets['web servers'] = template.targets.web;
    template.actions.stop.targets.Instances = 'web servers';
    delete template.targets.web;
    expect(errorsOf(validateTemplate(template))).toEqual(['INVALID_NAME /targets/web servers']);
  });
});

describe('EKS pod and ElastiCache targets (T27, T28)', () => {
  const pod = {
    resourceType: 'aws:eks:pod',
    parameters: {
      clusterIdentifier: 'shop',
      namespace: 'checkout',
      selectorType: 'labelSelector',
      selectorValue: 'app=checkout',
    },
    selectionMode: 'COUNT(1)',
  };
  function podTemplate(target: Record<string, unknown>) {
    return validateTemplate({
      ...ec2Template(),
      targets: { pods: target },
      actions: {
        kill: {
          actionId: 'aws:eks:pod-delete',
          parameters: { kubernetesServiceAccount: 'fis' },
          targets: { Pods: 'pods' },
        },
      },
    });
  }

  it('accepts a parameter-only pod target', () => {
    expect(podTemplate(pod).errors).toEqual([]);
  });

  it('refuses resourceArns and resourceTags on pods, and missing pod parameters', () => {
    expect(errorsOf(podTemplate({ ...pod, resourceTags: { a: 'b' } }))).toEqual([
      'TARGET_METHOD_NOT_ALLOWED /targets/pods/resourceTags',
    ]);
    const { namespace: _, ...rest } = pod.parameters;
    expect(podTemplate({ ...pod, parameters: rest }).errors).toEqual([
      expect.objectContaining({
        code: 'MISSING_REQUIRED_PARAMETER',
        path: '/targets/pods/parameters/namespace',
        ruleId: 'T27',
      }),
    ]);
  });

  it('reports a misspelt pod parameter once', () => {
    const { namespace, ...rest } = pod.parameters;
    const result = podTemplate({ ...pod, parameters: { ...rest, namepsace: namespace } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_PARAMETER',
        path: '/targets/pods/parameters/namepsace',
        suggestion: 'did you mean namespace?',
      }),
    ]);
  });

  it('allows comma-separated target parameters only for list parameters', () => {
    const result = podTemplate({ ...pod, parameters: { ...pod.parameters, selectorValue: 'app=a,tier=b' } });
    expect(errorsOf(result)).toEqual(['INVALID_PARAMETER_VALUE /targets/pods/parameters/selectorValue']);
    const rds = validateTemplate({
      ...ec2Template(),
      targets: {
        db: {
          resourceType: 'aws:rds:db',
          resourceTags: { a: 'b' },
          parameters: { availabilityZoneIdentifiers: 'us-east-1a,us-east-1b' },
          selectionMode: 'COUNT(1)',
        },
      },
      actions: { reboot: { actionId: 'aws:rds:reboot-db-instances', targets: { DBInstances: 'db' } } },
    });
    expect(rds.errors).toEqual([]);
  });
});

describe('ALL on production', () => {
  it.each([
    [{ resourceTags: { Environment: 'production' } }],
    [{ resourceTags: { env: 'prod-eu' } }],
    [{ resourceTags: { stage: 'live' } }],
    [{ resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'], resourceTags: undefined }],
  ])('warns about %j only when it looks like production', (fields) => {
    const target = { resourceType: 'aws:ec2:instance', selectionMode: 'ALL', ...fields };
    const warnings = warningsOf(withTarget(target));
    const production = JSON.stringify(fields).includes('prod') || JSON.stringify(fields).includes('live');
    expect(warnings.includes('PRODUCTION_TARGET_ALL /targets/web/selectionMode')).toBe(production);
  });

  it('does not warn for COUNT(n) on production', () => {
    expect(
      warningsOf(
        withTarget({
          resourceType: 'aws:ec2:instance',
          resourceTags: { env: 'prod' },
          selectionMode: 'COUNT(1)',
        }),
      ),
    ).toEqual([]);
  });
});
