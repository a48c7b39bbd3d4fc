import { normalizeFinding } from '@faultline/findings';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { analyzeFinding } from './finding-analysis';
import { CONTEXTS } from './knowledge/contexts';
import { SYMPTOMS } from './knowledge/symptoms';

function analyze(summary: string) {
  return analyzeFinding(normalizeFinding({ summary }), bundledCatalog(), {
    contexts: CONTEXTS,
    symptoms: SYMPTOMS,
  });
}

describe('analyzeFinding', () => {
  it('does not read the name of a resource as a symptom ("replication group" is not replication)', () => {
    const analysis = analyze('The primary node of the sessions replication group failed over to a replica.');
    expect(analysis.symptoms.has('replication')).toBe(false);
    expect(analysis.symptoms.has('failover')).toBe(true);
    expect(analyze('Replication of the cache fell behind by 40 s.').symptoms.has('replication')).toBe(true);
  });

  it('does not read "DynamoDB" as a database of RDS', () => {
    const analysis = analyze('DynamoDB throttling on the orders table.');
    expect(analysis.contexts.has('dynamodb')).toBe(true);
    expect(analysis.contexts.has('rds')).toBe(false);
  });

  it('drops a platform only hinted at when the finding names another one', () => {
    const ecs = analyze('ECS tasks were OOM killed (exit code 137) under load.');
    expect(ecs.contexts.has('ecs')).toBe(true);
    expect(ecs.contexts.has('k8s')).toBe(false);
    expect(analyze('Pods OOMKilled in the EKS cluster.').contexts.has('k8s')).toBe(true);
  });

  it('drops a database only hinted at when the finding names another one of the group', () => {
    const analysis = analyze('ElastiCache primary failed over; the primary endpoint moved.');
    expect(analysis.contexts.has('elasticache')).toBe(true);
    expect(analysis.contexts.has('rds')).toBe(false);
  });
});
