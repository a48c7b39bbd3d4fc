// docs/libraries/fis-core.md: recommendations from a finding.
import assert from 'node:assert/strict';
import { type Recommendation, recommend } from '@faultline/fis-core';

const { findingId, recommendations, analysis } = recommend(
  {
    id: 'INC-2291',
    title: 'Orders API 5xx during Aurora writer failover',
    summary:
      'The orders-db Aurora cluster failed over; the API kept its pool on the old writer for 4 minutes.',
    resources: ['arn:aws:rds:us-east-1:123456789012:cluster:orders-db'],
  },
  { limit: 3 },
);

assert.equal(findingId, 'INC-2291');
const top: Recommendation = recommendations[0]!;
assert.equal(top.actionId, 'aws:rds:failover-db-cluster');
assert.ok(top.score > 0.5 && top.score <= 1);
// The ARN in the finding becomes the suggested target.
assert.deepEqual(top.target?.resourceArns, ['arn:aws:rds:us-east-1:123456789012:cluster:orders-db']);
assert.ok(top.permissions.includes('rds:FailoverDBCluster'));
assert.ok(top.hypothesis.steadyState.length > 0);
// What was read from the finding, and the words that matched.
assert.ok(analysis.contexts.some((c) => c.id === 'aurora'));
