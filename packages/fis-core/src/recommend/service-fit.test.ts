import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';

/** The action ids recommended for a summary, best first. */
function actions(summary: string, resources: string[] = []): string[] {
  return recommend({ summary, resources }, { limit: 10 }).recommendations.map((r) => r.actionId);
}

describe('recommend: experiments on the service the finding is about', () => {
  it('does not read "DynamoDB" as an RDS database', () => {
    const ids = actions(
      'DynamoDB throttling on the orders table; writes were retried and p99 latency spiked.',
      ['arn:aws:dynamodb:us-east-1:123456789012:table/orders'],
    );
    expect(ids.filter((id) => id.startsWith('aws:rds:'))).toEqual([]);
    expect(ids.filter((id) => id.startsWith('aws:kinesis:'))).toEqual([]);
  });

  it('fails over an ElastiCache primary the ways AWS does, never with a MemoryDB action', () => {
    const { recommendations } = recommend({
      summary:
        'ElastiCache Redis primary failover: the primary node of the sessions replication group failed over to a replica; the app kept writing to the old primary for 2 minutes.',
    });
    expect(recommendations.map((r) => r.actionId).slice(0, 2)).toEqual([
      'aws:elasticache:replicationgroup-interrupt-az-power',
      'aws:ssm:start-automation-execution',
    ]);
    expect(recommendations[1]?.parameters.documentArn).toMatch(
      /:document\/<YOUR ELASTICACHE FAILOVER RUNBOOK>$/,
    );
    expect(recommendations.map((r) => r.actionId)).not.toContain(
      'aws:memorydb:multi-region-cluster-pause-replication',
    );
    expect(recommendations.filter((r) => /^aws:(rds|eks|ec2):/.test(r.actionId))).toEqual([]);
  });

  it('reboots an MSK broker through a runbook, as AWS’s template does, not with an EC2 action', () => {
    const { recommendations, limitations } = recommend({
      summary:
        'An MSK broker rebooted during patching; Kafka producers timed out and partition leaders moved; consumers lagged 10 minutes.',
      resources: ['arn:aws:kafka:us-east-1:123456789012:cluster/events/abc-123'],
    });
    expect(recommendations[0]).toMatchObject({
      actionId: 'aws:ssm:start-automation-execution',
      parameters: {
        documentArn: 'arn:aws:ssm:us-east-1:<YOUR AWS ACCOUNT>:document/<YOUR MSK BROKER REBOOT RUNBOOK>',
        maxDuration: 'PT21M',
      },
    });
    expect(JSON.parse(recommendations[0]?.parameters.documentParameters ?? '{}')).toMatchObject({
      brokerSelection: 'random',
      region: 'us-east-1',
    });
    expect(recommendations.filter((r) => /^aws:(ec2|kinesis):/.test(r.actionId))).toEqual([]);
    expect(recommendations.map((r) => r.parameters.scope)).not.toContain('all');
    expect(limitations[0]).toMatch(/^FIS has no action or target type for Amazon MSK/);
  });

  it('keeps an ECS memory finding on ECS, without Kubernetes pod actions', () => {
    const ids = actions(
      'ECS tasks of the checkout service were OOM killed (exit code 137) under load; the service ran below desired count.',
    );
    expect(ids.slice(0, 2).sort()).toEqual(['aws:ecs:stop-task', 'aws:ecs:task-kill-process']);
    expect(ids.filter((id) => id.startsWith('aws:eks:'))).toEqual([]);
  });

  it('still recommends Kubernetes pod memory stress when the finding is about pods', () => {
    expect(actions('Checkout pods OOMKilled in EKS during the sale.')[0]).toBe('aws:eks:pod-memory-stress');
  });

  it('answers a queue outage with AWS’s SQS runbook, not an EC2 API fault', () => {
    const ids = actions('SQS queue unavailable for the worker fleet; messages not consumed for 10 minutes.');
    expect(ids[0]).toBe('aws:ssm:start-automation-execution');
    expect(ids.filter((id) => id.startsWith('aws:fis:inject-api-'))).toEqual([]);
  });
});
