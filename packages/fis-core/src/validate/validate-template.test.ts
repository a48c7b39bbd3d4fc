import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { Catalog } from '../catalog/catalog';
import { resolvePointer } from './json-pointer';
import { apiTemplateOf } from './normalize-shape';
import { ec2Template, errorsOf } from './test-fixtures';
import { validateTemplate } from './validate-template';

const CFN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: {}
  Chaos:
    Type: AWS::FIS::ExperimentTemplate
    Properties:
      Description: !Sub 'Stop \${Env} web'
      RoleArn: !GetAtt Role.Arn
      StopConditions:
        - Source: none
      Targets:
        web:
          ResourceType: aws:ec2:instance
          ResourceTags: { env: !Ref Env }
          SelectionMode: COUNT(1)
      Actions:
        stop:
          ActionId: aws:ec2:stop-instance
          Parameters: { startInstancesAfterDuration: PT5M }
          Targets: { Instances: web }
      Tags: { Name: !Sub '\${AWS::StackName}' }
`;

describe('validateTemplate', () => {
  it('returns every field of the result, valid for a good template', () => {
    const result = validateTemplate(ec2Template(), { now: () => new Date('2026-01-02T03:04:05Z') });
    expect(result).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      invalidActions: [],
      invalidResourceTypes: [],
      placeholders: [],
      shape: 'api',
      validatedAt: '2026-01-02T03:04:05.000Z',
      catalogSource: bundledCatalog().source,
    });
  });

  it('checks the template inside a whole createTemplate answer, pointing into it', () => {
    const bad = ec2Template();
    const actions = bad.actions as Record<string, Record<string, unknown>>;
    actions.stop = { ...actions.stop, actionId: 'aws:ec2:stop-instancez' };
    const result = validateTemplate({ template: bad, cloudformation: {}, iamPolicy: {}, warnings: [] });
    expect(result.shape).toBe('api');
    expect(result.errors[0]?.path).toMatch(/^\/template\/actions\//);
    expect(validateTemplate({ template: ec2Template(), iamPolicy: {} }).valid).toBe(true);
    // what is sent to AWS is what was checked: the wrapped body, or the object itself
    expect(apiTemplateOf({ template: ec2Template(), iamPolicy: {} })).toEqual(ec2Template());
    expect(apiTemplateOf({ experimentTemplate: ec2Template() })).toEqual(ec2Template());
    const plain = ec2Template();
    expect(apiTemplateOf(plain)).toBe(plain);
  });

  it('reads JSON text the same as the object', () => {
    const template = ec2Template();
    template.actions.stop.parameters.startInstancesAfterDuration = 'PT13H';
    expect(errorsOf(validateTemplate(JSON.stringify(template)))).toEqual(
      errorsOf(validateTemplate(template)),
    );
  });

  it('reads CloudFormation YAML with intrinsics, pointing into the original document', () => {
    const result = validateTemplate(CFN_YAML);
    expect(result.shape).toBe('cloudformation-template');
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_ACTION',
        path: '/Resources/Chaos/Properties/Actions/stop/ActionId',
        message: expect.stringMatching(/^Chaos\.Actions\.stop\.ActionId: /),
      }),
    ]);
    expect(result.placeholders).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['NO_STOP_CONDITION']);
  });

  it('validates every experiment template of a CloudFormation template', () => {
    const properties = {
      Description: 'x',
      Targets: {},
      Actions: { w: { ActionId: 'aws:fis:wait', Parameters: { duration: 'PT61M' } } },
      StopConditions: [{ Source: 'none' }],
      RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
      Tags: {},
    };
    const result = validateTemplate({
      Resources: {
        A: { Type: 'AWS::FIS::ExperimentTemplate', Properties: properties },
        B: {
          Type: 'AWS::FIS::ExperimentTemplate',
          Properties: { ...properties, RoleArn: 'arn:aws:iam::123456789012:user/bob' },
        },
      },
    });
    expect(errorsOf(result)).toEqual(['ROLE_ARN_NOT_A_ROLE /Resources/B/Properties/RoleArn']);
  });

  it('accepts a single CloudFormation resource and the get-experiment-template wrapper', () => {
    const resource = {
      Type: 'AWS::FIS::ExperimentTemplate',
      Properties: {
        Description: 'x',
        Targets: {},
        Actions: {},
        StopConditions: [{ Source: 'none' }],
        RoleArn: 'arn:aws:iam::123456789012:role/R',
        Tags: {},
      },
    };
    const result = validateTemplate(resource);
    expect(result.shape).toBe('cloudformation-properties');
    expect(errorsOf(result)).toEqual(['NO_ACTIONS /Properties/Actions']);
    const wrapped = validateTemplate({ experimentTemplate: { ...ec2Template(), id: 'EXT1' } });
    expect(wrapped.errors).toEqual([]);
    expect(wrapped.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'READ_ONLY_FIELD /experimentTemplate/id',
    ]);
  });

  it('flags fields of the other shape with a suggestion', () => {
    const template = ec2Template();
    template.RoleArn = template.roleArn;
    delete template.roleArn;
    expect(validateTemplate(template).errors).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_FIELD',
        path: '/RoleArn',
        suggestion: 'did you mean roleArn?',
      }),
    ]);
  });

  it('gives paths that resolve in the input for fields that exist', () => {
    const template = ec2Template();
    template.targets.web.selectionMode = 'PERCENT(0)';
    template.actions.stop.parameters.startInstancesAfterDuration = 'PT30S';
    template.stopConditions[0].value = 'nope';
    const result = validateTemplate(template);
    expect(result.errors).toHaveLength(3);
    for (const issue of result.errors) expect(resolvePointer(template, issue.path)).toBeDefined();
  });

  it('takes severities from the catalog it is given', () => {
    const data = structuredClone(bundledCatalog().data);
    data.templateRules = data.templateRules.map((r) =>
      r.id === 'T05' ? { ...r, severity: 'error' as const } : r,
    );
    const catalog = new Catalog(data, {
      kind: 'agent',
      retrievedAt: '2026-01-01T00:00:00Z',
      region: 'eu-west-1',
    });
    const template = ec2Template();
    template.stopConditions.unshift({ source: 'none' });
    const result = validateTemplate(template, { catalog });
    expect(errorsOf(result)).toContain('STOP_CONDITION_NONE_MIXED /stopConditions/0/source');
    expect(result.catalogSource).toEqual(catalog.source);
    // the catalog's region is the default region: the us-east-1 alarm gets a warning
    expect(result.warnings.map((w) => w.code)).toContain('ARN_REGION_MISMATCH');
  });

  it('survives a clock that throws', () => {
    const result = validateTemplate(ec2Template(), {
      now: () => {
        throw new Error('no clock');
      },
    });
    expect(Number.isNaN(Date.parse(result.validatedAt))).toBe(false);
  });

  it('is fast after warm-up (well under 1 ms per typical template)', () => {
    const template = ec2Template();
    for (let i = 0; i < 200; i++) validateTemplate(template);
    const rounds = 500;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) validateTemplate(template);
    const perTemplate = (performance.now() - start) / rounds;
    expect(perTemplate).toBeLessThan(1);
  });
});
