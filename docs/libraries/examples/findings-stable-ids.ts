// docs/libraries/findings.md: stable ids and evidence fingerprints.
import assert from 'node:assert/strict';
import { canonicalJson, evidenceFingerprint, findingId, stableId } from '@faultline/findings';

// The same problem seen twice (other time, other pid) has the same fingerprint and the same id.
const monday = '2026-11-02T10:11:12Z pid 4412 oom-kill task=java';
const tuesday = '2026-11-03T22:01:02Z pid 98 OOM-kill task=java';
assert.equal(evidenceFingerprint(monday), evidenceFingerprint(tuesday));
assert.notEqual(
  evidenceFingerprint(monday),
  evidenceFingerprint('2026-11-02T10:11:12Z pid 4412 oom-kill task=python'),
);

const id = findingId({ rule: 'kernel.oom-kill', resource: 'i-0abc', evidence: monday });
assert.equal(id, findingId({ rule: 'kernel.oom-kill', resource: 'i-0abc', evidence: tuesday }));
assert.match(id, /^fnd_[0-9a-hjkmnp-tv-z]{16}$/); // Crockford base32: no i, l, o, u

// Key order never changes an id: ids hash canonical JSON.
assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), '{"a":{"c":3,"d":2},"b":1}');
assert.equal(stableId('run', { a: 1, b: 2 }), stableId('run', { b: 2, a: 1 }));
