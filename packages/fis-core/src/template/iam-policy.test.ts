import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { experimentRolePolicy, UNSCOPED_PERMISSIONS } from './iam-policy';
import type { ExperimentTemplate, ExperimentTemplateTarget } from './types';

const catalog = bundledCatalog();

function policyFor(
  actionId: string,
  target?: [key: string, ExperimentTemplateTarget],
  parameters?: Record<string, string>,
) {
  const template: ExperimentTemplate = {
    description: actionId,
    roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
    stopConditions: [{ source: 'none' }],
    targets: target ? { t: target[1] } : {},
    actions: {
      a: { actionId, ...(parameters && { parameters }), ...(target && { targets: { [target[0]]: 't' } }) },
    },
  } as ExperimentTemplate;
  return experimentRolePolicy(catalog, template).Statement;
}
const granting = (statements: ReturnType<typeof policyFor>, permission: string) =>
  statements.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(permission));

describe('experimentRolePolicy scopes what AWS lets it scope', () => {
  it('ec2:TerminateInstances of a node group: on instances, with the node group tags EKS puts on them', () => {
    const arn = 'arn:aws:eks:eu-west-1:123456789012:nodegroup/shop/workers/0ec5-aa';
    const byArn = policyFor('aws:eks:terminate-nodegroup-instances', [
      'Nodegroups',
      { resourceType: 'aws:eks:nodegroup', resourceArns: [arn], selectionMode: 'ALL' },
    ]);
    expect(granting(byArn, 'ec2:TerminateInstances')).toEqual([
      expect.objectContaining({
        Resource: ['arn:aws:ec2:*:*:instance/*'],
        Condition: {
          StringEquals: {
            'aws:ResourceTag/eks:cluster-name': 'shop',
            'aws:ResourceTag/eks:nodegroup-name': 'workers',
          },
        },
      }),
    ]);
    const byClusterTag = policyFor('aws:eks:terminate-nodegroup-instances', [
      'Nodegroups',
      {
        resourceType: 'aws:eks:nodegroup',
        resourceTags: { 'eks:cluster-name': 'shop' },
        selectionMode: 'ALL',
      },
    ]);
    expect(granting(byClusterTag, 'ec2:TerminateInstances')[0]?.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/eks:cluster-name': 'shop' },
    });
  });

  it('ec2:TerminateInstances of a node group picked by its own tags: instances only, no tag condition (node group tags are not on the instances)', () => {
    const statements = policyFor('aws:eks:terminate-nodegroup-instances', [
      'Nodegroups',
      { resourceType: 'aws:eks:nodegroup', resourceTags: { 'FIS-Ready': 'True' }, selectionMode: 'ALL' },
    ]);
    expect(granting(statements, 'ec2:TerminateInstances')).toEqual([
      {
        Sid: 'anodegroupinstances',
        Effect: 'Allow',
        Action: ['ec2:TerminateInstances'],
        Resource: ['arn:aws:ec2:*:*:instance/*'],
      },
    ]);
  });

  it('ssm:StartAutomationExecution on the document of documentArn, its automation definition and executions', () => {
    const statements = policyFor('aws:ssm:start-automation-execution', undefined, {
      documentArn: 'arn:aws:ssm:eu-west-1:123456789012:document/ElastiCache-Redis-Primary-Node-Reboot',
      documentParameters: '{}',
      maxDuration: 'PT10M',
    });
    expect(granting(statements, 'ssm:StartAutomationExecution')[0]?.Resource).toEqual([
      'arn:aws:ssm:*:*:document/ElastiCache-Redis-Primary-Node-Reboot',
      'arn:aws:ssm:*:*:automation-definition/ElastiCache-Redis-Primary-Node-Reboot:*',
      'arn:aws:ssm:*:*:automation-execution/*',
    ]);
    expect(granting(statements, 'ssm:StopAutomationExecution')[0]?.Resource).toEqual([
      'arn:aws:ssm:*:*:automation-execution/*',
    ]);
  });

  it('ssm:StartAutomationExecution without a usable documentArn: the SSM resource types, as in AWSFaultInjectionSimulatorSSMAccess', () => {
    const statements = policyFor('aws:ssm:start-automation-execution', undefined, {
      documentArn: '{{ doc }}',
    });
    expect(granting(statements, 'ssm:StartAutomationExecution')[0]?.Resource).toEqual([
      'arn:aws:ssm:*:*:document/*',
      'arn:aws:ssm:*:*:automation-definition/*:*',
      'arn:aws:ssm:*:*:automation-execution/*',
    ]);
  });

  it('elasticache:InterruptClusterAzPower of the deprecated action: "*" with the tag selection, as AWS publishes it', () => {
    const statements = policyFor('aws:elasticache:interrupt-cluster-az-power', [
      'ReplicationGroups',
      {
        resourceType: 'aws:elasticache:redis-replicationgroup',
        resourceTags: { 'FIS-Ready': 'True' },
        selectionMode: 'ALL',
      },
    ]);
    expect(granting(statements, 'elasticache:InterruptClusterAzPower')).toEqual([
      expect.objectContaining({
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/FIS-Ready': 'True' } },
      }),
    ]);
  });

  it('s3:PutObject/DeleteObject of the Lambda actions: S3 objects only, in one statement', () => {
    const statements = policyFor('aws:lambda:invocation-error', [
      'Functions',
      { resourceType: 'aws:lambda:function', resourceTags: { 'FIS-Ready': 'True' }, selectionMode: 'ALL' },
    ]);
    expect(granting(statements, 's3:PutObject')).toEqual([
      expect.objectContaining({
        Action: ['s3:DeleteObject', 's3:PutObject'],
        Resource: ['arn:aws:s3:::*/*'],
      }),
    ]);
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
  });

  it('fis:InjectApi*Error stays on "*" (allow-listed) with fis:Service from the service parameter', () => {
    const statements = policyFor(
      'aws:fis:inject-api-throttle-error',
      [
        'Roles',
        {
          resourceType: 'aws:iam:role',
          resourceArns: ['arn:aws:iam::123456789012:role/app'],
          selectionMode: 'ALL',
        },
      ],
      { service: 'ec2', operations: 'DescribeInstances', percentage: '50', duration: 'PT5M' },
    );
    expect(granting(statements, 'fis:InjectApiThrottleError')).toEqual([
      expect.objectContaining({
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'fis:Service': ['ec2'] } },
      }),
    ]);
    expect(UNSCOPED_PERMISSIONS).toHaveProperty(['fis:InjectApiThrottleError']);
  });

  it('ssm:CancelCommand and the ARC zonal shift calls stay on "*", each with its documented reason', () => {
    const send = policyFor('aws:ssm:send-command', [
      'Instances',
      { resourceType: 'aws:ec2:instance', resourceTags: { 'FIS-Ready': 'True' }, selectionMode: 'ALL' },
    ]);
    expect(granting(send, 'ssm:CancelCommand')[0]?.Resource).toBe('*');
    const arc = policyFor('aws:arc:start-zonal-autoshift', [
      'ManagedResources',
      {
        resourceType: 'aws:arc:zonal-shift-managed-resource',
        resourceTags: { 'FIS-Ready': 'True' },
        selectionMode: 'ALL',
      },
    ]);
    for (const p of [
      'arc-zonal-shift:StartZonalShift',
      'arc-zonal-shift:UpdateZonalShift',
      'arc-zonal-shift:CancelZonalShift',
    ]) {
      expect(granting(arc, p)[0]?.Resource).toBe('*');
      expect(UNSCOPED_PERMISSIONS[p]).toMatch(/Service Authorization Reference/);
    }
    expect(UNSCOPED_PERMISSIONS['ssm:CancelCommand']).toMatch(/no resource type/);
  });

  it('ssm:SendCommand of the ECS task actions: on the managed instances of the tasks’ SSM Agent, not EC2 instances', () => {
    const task = policyFor('aws:ecs:task-kill-process', [
      'Tasks',
      { resourceType: 'aws:ecs:task', resourceTags: { 'FIS-Ready': 'True' }, selectionMode: 'COUNT(1)' },
    ]);
    expect(granting(task, 'ssm:SendCommand')[0]?.Resource).toEqual([
      'arn:aws:ssm:*:*:managed-instance/*',
      'arn:aws:ssm:*:*:document/*',
    ]);
    const ec2 = policyFor('aws:ssm:send-command', [
      'Instances',
      { resourceType: 'aws:ec2:instance', resourceTags: { 'FIS-Ready': 'True' }, selectionMode: 'ALL' },
    ]);
    expect(granting(ec2, 'ssm:SendCommand')[0]?.Resource).toEqual([
      'arn:aws:ec2:*:*:instance/*',
      'arn:aws:ssm:*:*:document/*',
    ]);
  });
});
