import { describe, expect, it } from 'vitest';
import { canonicalJson, evidenceFingerprint, findingId, stableId } from './stable-id';

describe('stableId', () => {
  it('is independent of key order', () => {
    expect(stableId('rec', { a: 1, b: [1, { y: 2, x: 1 }] })).toBe(
      stableId('rec', { b: [1, { x: 1, y: 2 }], a: 1 }),
    );
  });

  it('changes when the content changes', () => {
    expect(stableId('rec', { a: 1 })).not.toBe(stableId('rec', { a: 2 }));
  });

  it('has the documented shape', () => {
    expect(stableId('fnd', 'x')).toMatch(/^fnd_[0-9a-hjkmnp-tv-z]{16}$/);
  });

  it('keeps its value across versions (a pinned value makes any change of scheme visible)', () => {
    expect(stableId('rec', { a: 1 })).toBe('rec_05dbtztwrnx2vpab');
    expect(findingId({ rule: 'kernel.oom', resource: 'i-0abc', evidence: 'Killed process 1 (java)' })).toBe(
      'fnd_nd02g4t89xtrj48r',
    );
  });

  it('refuses a malformed prefix', () => {
    expect(() => stableId('Bad Prefix', {})).toThrow(/prefix/);
  });
});

describe('canonicalJson', () => {
  it('drops undefined members and sorts keys', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: { z: null, y: 'x' } })).toBe(
      '{"b":1,"c":{"y":"x","z":null}}',
    );
  });
});

describe('evidenceFingerprint', () => {
  it('ignores timestamps, ids, addresses and counts', () => {
    const a = evidenceFingerprint(
      '2026-11-02T10:11:12Z pid 4412 oom-kill task=java 10.0.3.4 d2f1c1e0-1b2a-4c3d-9e8f-001122334455',
    );
    const b = evidenceFingerprint(
      '2026-11-03T22:01:02.55Z pid 98 OOM-kill  task=java 10.0.9.9 a2f1c1e0-1b2a-4c3d-9e8f-001122334466',
    );
    expect(a).toBe(b);
  });

  it('tells different problems apart', () => {
    expect(evidenceFingerprint('oom-kill task=java')).not.toBe(evidenceFingerprint('oom-kill task=python'));
  });
});

describe('findingId', () => {
  it('is a pure function of rule, resource and evidence fingerprint', () => {
    const one = findingId({ rule: 'kernel.oom', resource: 'i-0abc', evidence: 'Killed process 123 (java)' });
    const two = findingId({ rule: 'kernel.oom', resource: 'i-0abc', evidence: 'Killed process 9 (java)' });
    const other = findingId({ rule: 'kernel.oom', resource: 'i-0def', evidence: 'Killed process 9 (java)' });
    expect(one).toBe(two);
    expect(one).not.toBe(other);
    expect(one).toMatch(/^fnd_/);
  });
});
