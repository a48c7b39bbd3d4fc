import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { FindingSchema } from './finding';
import { extractArns, normalizeFinding } from './normalize-finding';

describe('normalizeFinding', () => {
  it('accepts the Python server’s minimal shape', () => {
    const finding = normalizeFinding({
      id: 'finding-db-001',
      summary: 'Database connection failures during peak load',
      type: 'DATABASE_ISSUE',
    });
    expect(finding).toMatchObject({
      id: 'finding-db-001',
      title: 'Database connection failures during peak load',
      category: 'database_issue',
      severity: 'medium',
      resources: [],
      evidence: [],
      relatedFindingIds: [],
    });
    expect(FindingSchema.safeParse(finding).success).toBe(true);
  });

  it('accepts an AWS DevOps Agent finding and keeps its extra fields', () => {
    const finding = normalizeFinding({
      title: 'Checkout latency regression',
      summary:
        'p99 of checkout rose to 4s after arn:aws:rds:us-east-1:123456789012:cluster:orders failed over.',
      priority: 'HIGH',
      investigationId: 'inv-42',
      rootCause: { component: 'orders-db' },
    });
    expect(finding.severity).toBe('high');
    expect(finding.source).toBe('aws-devops-agent');
    expect(finding.resources).toEqual(['arn:aws:rds:us-east-1:123456789012:cluster:orders']);
    expect(finding.investigationId).toBe('inv-42');
    expect(finding.rootCause).toEqual({ component: 'orders-db' });
    expect(finding.id).toMatch(/^fnd_/);
  });

  it('derives the same id for the same content', () => {
    const a = normalizeFinding({ summary: 'Redis primary failover', type: 'cache' });
    const b = normalizeFinding({ type: 'cache', summary: 'Redis primary failover' });
    expect(a.id).toBe(b.id);
  });

  it('names the field when the input has no text', () => {
    try {
      normalizeFinding({ id: 'x', type: 'NETWORK_ISSUE' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0]?.path).toEqual(['summary']);
    }
  });

  it('names the field when a type is wrong', () => {
    const result = (() => {
      try {
        return normalizeFinding({ summary: 42 });
      } catch (error) {
        return error as ZodError;
      }
    })();
    expect(result).toBeInstanceOf(ZodError);
    expect((result as ZodError).issues[0]?.path).toEqual(['summary']);
  });

  it('turns string evidence into evidence objects', () => {
    const finding = normalizeFinding({ summary: 'x', evidence: ['kubelet: PLEG is not healthy'] });
    expect(finding.evidence).toEqual([{ excerpt: 'kubelet: PLEG is not healthy' }]);
  });
});

describe('extractArns', () => {
  it('finds distinct ARNs and trims trailing punctuation', () => {
    const text =
      'Nodes arn:aws:eks:eu-west-1:123456789012:nodegroup/prod/ng-a/1a2b, and arn:aws:s3:::logs-bucket. Again arn:aws:s3:::logs-bucket';
    expect(extractArns(text)).toEqual([
      'arn:aws:eks:eu-west-1:123456789012:nodegroup/prod/ng-a/1a2b',
      'arn:aws:s3:::logs-bucket',
    ]);
  });
});
