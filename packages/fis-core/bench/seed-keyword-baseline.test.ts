import { describe, expect, it } from 'vitest';
import { SEED_KEYWORD_TABLE, seedRecommend } from './seed-keyword-baseline';

describe('seedRecommend', () => {
  it('maps the README network latency example to disrupt-connectivity first', () => {
    const actions = seedRecommend({
      summary: 'High network latency between services causing request timeouts',
      type: 'NETWORK_ISSUE',
    });
    expect(actions[0]).toBe('aws:network:disrupt-connectivity');
    // "network" and "latency" map to the same action: no duplicates.
    expect(actions.filter((a) => a === 'aws:network:disrupt-connectivity')).toHaveLength(1);
  });

  it('maps the README database example to an RDS instance reboot', () => {
    const actions = seedRecommend({
      summary: 'Database connection failures during peak load',
      type: 'DATABASE_ISSUE',
    });
    expect(actions).toEqual(['aws:rds:reboot-db-instances']);
  });

  it('maps the README CPU example to stopping instances (the seed table, not the best action)', () => {
    expect(seedRecommend({ summary: 'CPU utilization reached 95% causing service degradation' })).toEqual([
      'aws:ec2:stop-instances',
    ]);
  });

  it('keeps table order across fields and returns nothing without a keyword', () => {
    const actions = seedRecommend({ title: 'Memory leak caused OOM errors', description: 'lambda retries' });
    expect(actions).toEqual(['aws:ssm:send-command', 'aws:lambda:invocation-error']);
    expect(seedRecommend({ summary: 'checkout p99 went to 9s' })).toEqual([]);
    expect(SEED_KEYWORD_TABLE).toHaveLength(44);
  });
});
