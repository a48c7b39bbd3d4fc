// docs/libraries/findings.md: accepting any finding shape.
import assert from 'node:assert/strict';
import { type Finding, normalizeFinding, toSeverity } from '@faultline/findings';

// The Python FIS recommender's minimal shape: `type` becomes the category.
const minimal: Finding = normalizeFinding({
  id: 'finding-db-001',
  summary: 'Aurora writer failover took 90 s during peak load',
  type: 'DATABASE_ISSUE',
});
assert.equal(minimal.id, 'finding-db-001');
assert.equal(minimal.title, 'Aurora writer failover took 90 s during peak load');
assert.equal(minimal.category, 'database_issue');

// An AWS DevOps Agent finding: `priority` maps onto the severity scale, ARNs in the text join `resources`.
const fromAgent = normalizeFinding({
  title: 'Checkout pods OOMKilled',
  summary: 'Pods of arn:aws:eks:us-east-1:123456789012:cluster/shop were OOMKilled 14 times in 10 minutes.',
  priority: 'P1',
});
assert.equal(fromAgent.severity, 'high');
assert.deepEqual(fromAgent.resources, ['arn:aws:eks:us-east-1:123456789012:cluster/shop']);
assert.match(fromAgent.id, /^fnd_[0-9a-z]{16}$/); // no id given: a stable one is derived

// Severity aliases from other tools.
assert.equal(toSeverity('SEV2'), 'high');
assert.equal(toSeverity('warning'), 'medium');
assert.equal(toSeverity('whatever'), undefined);
