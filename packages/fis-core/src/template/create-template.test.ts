import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FisCoreError } from '../errors';
import { recommend } from '../recommend/recommend';
import { validateTemplate } from '../validate/validate-template';
import { createTemplate } from './create-template';

const here = dirname(fileURLToPath(import.meta.url));
const ROLE = 'arn:aws:iam::123456789012:role/FisExperimentRole';
const ALARM = 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx';

describe('createTemplate', () => {
  it('builds a template from the Python server’s input, with the tag selection and role given', () => {
    // Act
    const { template, iamPolicy, warnings } = createTemplate(
      { action: 'aws:ec2:stop-instances', duration: 'PT3M', description: 'Test instance failure recovery' },
      {
        resourceType: 'aws:ec2:instance',
        selectionMode: 'COUNT(1)',
        tags: { Environment: 'staging' },
        roleArn: ROLE,
      },
    );
    // Assess
    expect(template.actions['ec2-stop-instances']).toEqual({
      actionId: 'aws:ec2:stop-instances',
      description: 'Test instance failure recovery',
      parameters: { startInstancesAfterDuration: 'PT3M' },
      targets: { Instances: 'Instances-Target-1' },
    });
    expect(template.targets?.['Instances-Target-1']).toEqual({
      resourceType: 'aws:ec2:instance',
      selectionMode: 'COUNT(1)',
      resourceTags: { Environment: 'staging' },
    });
    expect(iamPolicy.Statement).toContainEqual({
      Sid: 'ec2stopinstancestargets',
      Effect: 'Allow',
      Action: ['ec2:StartInstances', 'ec2:StopInstances'],
      Resource: ['arn:aws:ec2:*:*:instance/*'],
      Condition: { StringEquals: { 'aws:ResourceTag/Environment': 'staging' } },
    });
    expect(warnings.join(' ')).toMatch(/No stop-condition alarm given/);
  });

  it('scopes mutating permissions to the ARNs of the target', () => {
    const arn = 'arn:aws:rds:eu-west-1:123456789012:cluster:orders';
    const { iamPolicy, template } = createTemplate(
      { actionId: 'aws:rds:failover-db-cluster' },
      { resourceArns: [arn], roleArn: ROLE, stopConditionAlarmArn: ALARM },
    );
    expect(iamPolicy.Statement).toContainEqual(
      expect.objectContaining({ Action: ['rds:FailoverDBCluster'], Resource: [arn] }),
    );
    const readOnly = iamPolicy.Statement.find((s) => s.Sid === 'ReadOnlyDiscovery');
    expect(readOnly?.Resource).toBe('*');
    const readOnlyActions = (readOnly?.Action ?? []) as string[];
    expect(readOnlyActions.every((a) => /:(Describe|List|Get)|^tag:GetResources$/.test(a))).toBe(true);
    expect(template.stopConditions).toEqual([{ source: 'aws:cloudwatch:alarm', value: ALARM }]);
  });

  it('chains actions with startAfter when asked to run them in sequence', () => {
    const recommendations = recommend({
      summary: 'checkout pods OOMKilled, then the pods were evicted',
    }).recommendations.slice(0, 2);
    const { template } = createTemplate(recommendations, {
      sequence: 'sequential',
      allowNoStopCondition: true,
    });
    const [first, second] = Object.entries(template.actions);
    expect(first?.[1].startAfter).toBeUndefined();
    expect(second?.[1].startAfter).toEqual([first?.[0]]);
    expect(template.stopConditions).toEqual([{ source: 'none' }]);
  });

  it('fills account and region placeholders from any ARN given', () => {
    const [top] = recommend({ summary: 'EC2 host ran out of memory; java heap OOM' }).recommendations;
    const { template, placeholders } = createTemplate(top, { roleArn: ROLE, stopConditionAlarmArn: ALARM });
    expect(template.actions[Object.keys(template.actions)[0] as string]?.parameters?.documentArn).toBe(
      'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-Memory-Stress',
    );
    expect(placeholders.map((p) => p.text)).not.toContain('<YOUR REGION>');
  });

  it('writes CloudFormation YAML that parses back to the JSON template, with a role when none was given', () => {
    const [top] = recommend({ summary: 'Aurora writer failover dropped writes for 40 s' }).recommendations;
    const { cloudformation } = createTemplate(top, { stopConditionAlarmArn: ALARM });
    expect(parse(cloudformation.yaml)).toEqual(cloudformation.template);
    const resources = cloudformation.template.Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    expect(resources.ExperimentRole?.Type).toBe('AWS::IAM::Role');
    expect(resources.ExperimentTemplate?.Properties.RoleArn).toEqual({
      'Fn::GetAtt': ['ExperimentRole', 'Arn'],
    });
  });

  it.each([
    [
      { actionId: 'aws:ec2:stop-instance' },
      {},
      /recommendations.actionId: unknown FIS action.*did you mean aws:ec2:stop-instances/,
    ],
    [
      { actionId: 'aws:ec2:stop-instances' },
      { roleARN: ROLE },
      /targetConfig.roleARN: unknown field; did you mean roleArn/,
    ],
    [
      { actionId: 'aws:ec2:stop-instances' },
      { duration: 'five minutes' },
      /targetConfig.duration: "five minutes" is not an ISO 8601 duration/,
    ],
    [
      { actionId: 'aws:ebs:pause-volume-io' },
      { duration: 'PT13H' },
      /outside the range of aws:ebs:pause-volume-io/,
    ],
    [
      { actionId: 'aws:rds:failover-db-cluster' },
      { resourceType: 'aws:ec2:instance' },
      /expected aws:rds:cluster/,
    ],
    [
      { actionId: 'aws:ec2:stop-instances' },
      { parameters: { bogus: '1' } },
      /parameters.bogus: none of the actions takes/,
    ],
    [{}, {}, /recommendations.actionId: a recommendation needs actionId/],
    [
      { actionId: 'aws:ec2:terminate-instances' },
      { selectionMode: 'PERCENT(150)' },
      /targetConfig.selectionMode: "PERCENT\(150\)": PERCENT\(150\) is more than 100 percent; use PERCENT\(100\) or ALL/,
    ],
    [
      { actionId: 'aws:ec2:terminate-instances' },
      { selectionMode: 'COUNT(0)' },
      /targetConfig.selectionMode: "COUNT\(0\)": COUNT\(0\) selects nothing.*use COUNT\(1\)/,
    ],
    [
      { actionId: 'aws:ec2:terminate-instances' },
      { selectionMode: 'count(2)' },
      /targetConfig.selectionMode: "count\(2\)": expected ALL, COUNT\(n\) or PERCENT\(n\).*use COUNT\(2\)/,
    ],
  ])('refuses %j with %j, naming the field', (recommendation, config, message) => {
    expect(() => createTemplate(recommendation, config)).toThrow(FisCoreError);
    expect(() => createTemplate(recommendation, config)).toThrow(message);
  });
});

describe('createTemplate: selections and durations FIS takes', () => {
  const INSTANCE = 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0';

  it('refuses resourceArns with tags, naming both fields, instead of dropping the tags', () => {
    const call = () =>
      createTemplate(
        { action: 'aws:ec2:stop-instances' },
        { resourceArns: [INSTANCE], tags: { Environment: 'staging' }, roleArn: ROLE },
        { inputNames: { recommendation: 'recommendation', targetConfig: 'target_config' } },
      );
    expect(call).toThrow(FisCoreError);
    expect(call).toThrow(
      /^target_config\.resourceArns, target_config\.tags: give resourceArns or tags, not both/,
    );
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'FIS_INVALID_INPUT',
        data: {
          issues: [
            { path: 'target_config.resourceArns', message: 'give resourceArns or tags, not both' },
            { path: 'target_config.tags', message: 'give resourceArns or tags, not both' },
          ],
          ruleId: 'T21',
        },
      });
    }
  });

  it.each([' PT5M', 'PT5m', 'pt5m'])('refuses the duration %j, which FIS expects as PT5M', (duration) => {
    expect(() => createTemplate({ action: 'aws:ec2:stop-instances', duration }, { roleArn: ROLE })).toThrow(
      /is not written the way FIS expects \(upper-case ISO 8601, no spaces\); use PT5M$/,
    );
  });

  it('keeps the Availability Zone filter of a recommendation, and the template stays valid', () => {
    const [stop] = recommend(
      { summary: 'AZ outage: us-east-1b was impaired; instances there stopped answering.' },
      { limit: 20 },
    ).recommendations.filter((r) => r.actionId === 'aws:ec2:stop-instances');
    const { template } = createTemplate(stop, { roleArn: ROLE, stopConditionAlarmArn: ALARM });
    expect(Object.values(template.targets ?? {})[0]?.filters).toEqual([
      { path: 'Placement.AvailabilityZone', values: ['us-east-1b'] },
    ]);
    expect(validateTemplate(template).errors).toEqual([]);
  });
});

describe('every template the recommender leads to is valid by every rule', () => {
  const items = ['dev', 'holdout'].flatMap(
    (name) =>
      JSON.parse(readFileSync(join(here, '../../bench/findings', `${name}.json`), 'utf8')) as Array<{
        id: string;
        finding: Record<string, unknown>;
      }>,
  );

  it(`holds for the top three recommendations of ${items.length} labelled findings`, () => {
    const failures: string[] = [];
    let checked = 0;
    for (const item of items) {
      for (const recommendation of recommend(item.finding).recommendations.slice(0, 3)) {
        const { template } = createTemplate(recommendation, { roleArn: ROLE, stopConditionAlarmArn: ALARM });
        const result = validateTemplate(template);
        checked += 1;
        if (!result.valid)
          failures.push(
            `${item.id} ${recommendation.actionId}: ${result.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(400);
  });
});
