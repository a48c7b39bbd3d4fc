import { describe, expect, it } from 'vitest';
import { matchTerm, prepareText, termPositions, tokenize } from './text-signals';

describe('tokenize', () => {
  it('splits camelCase, keeps 5xx and p99 whole, and drops plurals', () => {
    expect(tokenize('ProvisionedThroughputExceededException on 5xx p99 pods')).toEqual([
      'provisioned',
      'throughput',
      'exceeded',
      'exception',
      'provisionedthroughputexceededexception',
      'on',
      '5xx',
      'p99',
      'pod',
    ]);
    expect(tokenize('OOMKilled')).toEqual(['oom', 'killed', 'oomkilled']);
    expect(tokenize('latency 500ms')).toEqual(['latency', '500', 'ms']);
  });

  it('keeps AWS product names whole, so their parts do not read as other words', () => {
    expect(tokenize('DynamoDB')).toEqual(['dynamodb']);
    expect(tokenize('MemoryDB and ElastiCache')).toEqual(['memorydb', 'and', 'elasticache']);
  });
});

describe('matchTerm', () => {
  const text = prepareText(
    'Writer node of the Aurora cluster failed over; ThrottlingException from the EC2 API',
  );

  it('matches words and phrases', () => {
    expect(matchTerm(text, 'aurora')).toBe(true);
    expect(matchTerm(text, 'failed over')).toBe(true);
    expect(matchTerm(text, 'writer node')).toBe(true);
    expect(matchTerm(text, 'ec2 api')).toBe(true);
  });

  it('matches prefixes and singular forms', () => {
    expect(matchTerm(text, 'throttl*')).toBe(true);
    expect(matchTerm(text, 'clusters')).toBe(true);
  });

  it('does not match words out of order or apart', () => {
    expect(matchTerm(text, 'over failed')).toBe(false);
    expect(matchTerm(text, 'aurora failed')).toBe(false);
    expect(matchTerm(text, 'postgres')).toBe(false);
  });
});

describe('termPositions', () => {
  it('gives the positions a term covers, so another match can leave them out', () => {
    const text = prepareText('the sessions replication group lost its primary; replication lag grew');
    const excluded = new Set(termPositions(text, 'replication group'));
    expect([...excluded]).toEqual([2, 3]);
    expect(matchTerm(text, 'replication', excluded)).toBe(true);
    expect(matchTerm(prepareText('the replication group failed over'), 'replication', new Set([1, 2]))).toBe(
      false,
    );
  });
});
