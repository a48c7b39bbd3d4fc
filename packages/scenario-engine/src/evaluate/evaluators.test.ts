import { describe, expect, it } from 'vitest';
import { evaluateEntities } from './entities';
import { evaluateJsonSchema, extractJson } from './json-schema';
import { evaluateMentions } from './references';
import { compileGuard, evaluateRegexGuard } from './regex-guard';
import { evaluateSimilarity, tokenCosine } from './similarity';

describe('evaluators', () => {
  it('regex guards honour (?i), must/not_match and refuse catastrophic patterns', () => {
    expect(
      evaluateRegexGuard('The ROOT CAUSE is…', { pattern: '(?i)root cause', must: 'match' }).passed,
    ).toBe(true);
    expect(evaluateRegexGuard('rm -rf /', { pattern: 'rm -rf', must: 'not_match' }).passed).toBe(false);
    expect(() => compileGuard('(a+)+$')).toThrow(/nested quantifier/);
    expect(evaluateRegexGuard('aaaa', { pattern: '(a*)*b', must: 'match' })).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/nested/),
    });
  });

  it('validates JSON found in the answer with ajv', () => {
    const schema = { type: 'object', required: ['cause'], properties: { cause: { type: 'string' } } };
    expect(extractJson('Here:\n```json\n{"cause":"x"}\n```')).toEqual({ cause: 'x' });
    expect(evaluateJsonSchema('{"cause":"db"}', schema).passed).toBe(true);
    expect(evaluateJsonSchema('{"cause":1}', schema)).toMatchObject({
      passed: false,
      reason: '/cause must be string',
    });
    expect(evaluateJsonSchema('no json', schema).passed).toBe(false);
  });

  it('scores references and metrics as the share mentioned', () => {
    const result = evaluateMentions('references', 'The pod crashed; restart the deployment', [
      'pod',
      'crash',
      'deployment',
    ]);
    expect(result).toMatchObject({ passed: false, details: { missing: ['crash'] } });
    expect(result.score).toBeCloseTo(2 / 3);
  });

  it('gives a token cosine similarity without any model', () => {
    expect(tokenCosine('the server process was killed', 'server process killed')).toBeCloseTo(1);
    expect(tokenCosine('disk full', 'network partition')).toBe(0);
    expect(
      evaluateSimilarity(
        'fis-recommender process killed by SIGKILL',
        'the fis-recommender process was killed',
        0.5,
      ).passed,
    ).toBe(true);
  });

  it('scores root cause as precision and recall over entities, and fails an assistant that blames the chaos tool', () => {
    const expectation = {
      expected: ['fis-recommender'],
      forbidden: ['faultline'],
      distractors: ['remediation-api'],
      minPrecision: 0.5,
      minRecall: 1,
    };
    expect(evaluateEntities('fis-recommender crashed (SIGKILL)', expectation)).toMatchObject({
      passed: true,
      score: 1,
    });
    const blamed = evaluateEntities('faultline killed fis-recommender', expectation);
    expect(blamed).toMatchObject({
      passed: false,
      details: { blamed: ['faultline'], precision: 0.5, recall: 1 },
    });
    expect(evaluateEntities('remediation-api is slow', expectation)).toMatchObject({
      passed: false,
      details: { precision: 0, recall: 0 },
    });
  });
});
