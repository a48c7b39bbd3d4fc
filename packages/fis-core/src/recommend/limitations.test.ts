import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';

describe('recommend: what FIS cannot do, said plainly', () => {
  it('Lambda throttling: Lambda actions that approximate it, and no claim that FIS throttles Lambda', () => {
    const { recommendations, limitations } = recommend({
      summary:
        'Lambda throttling: the ingest function hit its reserved concurrency limit and invocations were throttled (429 TooManyRequestsException) for 15 minutes.',
    });
    expect(recommendations.slice(0, 2).map((r) => r.actionId)).toEqual([
      'aws:lambda:invocation-error',
      'aws:lambda:invocation-add-delay',
    ]);
    expect(recommendations[0]?.parameters).toMatchObject({ preventExecution: 'true' });
    expect(recommendations[0]?.rationale.join(' ')).toMatch(
      /only approximately: .*not 429 TooManyRequestsException/,
    );
    expect(limitations[0]).toMatch(/^FIS cannot throttle Lambda: throttling at the concurrency limit/);
  });

  it('ElastiCache replication: no MemoryDB action for an ElastiCache store, and the gap named', () => {
    const { recommendations, limitations } = recommend({
      summary:
        'ElastiCache Global Datastore replication to eu-west-1 lagged 5 minutes; stale sessions in Europe.',
    });
    expect(recommendations.map((r) => r.actionId)).not.toContain(
      'aws:memorydb:multi-region-cluster-pause-replication',
    );
    expect(limitations).toContain(
      'FIS has no action that pauses or delays ElastiCache replication (within a replication group or across Regions with Global Datastore); aws:memorydb:multi-region-cluster-pause-replication works on MemoryDB multi-Region clusters only.',
    );
  });

  it('MemoryDB multi-Region replication is something FIS does: no limitation', () => {
    const result = recommend({
      summary: 'MemoryDB multi-Region cluster stopped replicating to us-west-2 for 10 minutes.',
    });
    expect(result.recommendations[0]?.actionId).toBe('aws:memorydb:multi-region-cluster-pause-replication');
    expect(result.limitations).toEqual([]);
  });

  it('ECS memory: says FIS has no memory stress for tasks, in the result and the rationale', () => {
    const { recommendations, limitations } = recommend({
      summary: 'ECS tasks were OOM killed (exit code 137) under load.',
    });
    expect(limitations[0]).toMatch(/^FIS has no memory-stress action for ECS tasks/);
    const stopTask = recommendations.find((r) => r.actionId === 'aws:ecs:stop-task');
    expect(stopTask?.rationale.at(-1)).toMatch(/^Limitation: FIS has no memory-stress action/);
  });

  it('has no limitations when FIS reproduces the failure', () => {
    expect(
      recommend({ summary: 'Aurora writer failed over; the API returned 500s for 45 seconds.' }).limitations,
    ).toEqual([]);
  });
});
