import { describe, expect, it } from 'vitest';
import { collectionTimeFromBundleName, parseLineTime } from './line-time';

const iso = (time: { ms: number } | undefined) => (time ? new Date(time.ms).toISOString() : undefined);

describe('parseLineTime across the turn of the year', () => {
  const collected = collectionTimeFromBundleName('eks_i-0a1b2c3d4e5f60718_2027-01-01_0030-UTC_0.7.9.tar.gz');

  it('reads the collection time from the bundle name', () => {
    expect(iso(collected === undefined ? undefined : { ms: collected })).toBe('2027-01-01T00:30:00.000Z');
    expect(collectionTimeFromBundleName('my-node-logs')).toBeUndefined();
  });

  it('puts yearless December lines of a bundle collected in January in the year before', () => {
    expect(iso(parseLineTime('Dec 31 23:50:00 ip-10-0-1-2 chronyd[801]: x', 2027, collected))).toBe(
      '2026-12-31T23:50:00.000Z',
    );
    expect(iso(parseLineTime('E1231 23:50:00.123456    3012 kubelet.go:1] "x"', 2027, collected))).toBe(
      '2026-12-31T23:50:00.123Z',
    );
    expect(iso(parseLineTime('Jan 01 00:10:00 ip-10-0-1-2 chronyd[801]: x', 2027, collected))).toBe(
      '2027-01-01T00:10:00.000Z',
    );
    // a line with its own year is taken as written
    expect(iso(parseLineTime('2027-12-31T23:50:00Z stdout F x', 2027, collected))).toBe(
      '2027-12-31T23:50:00.000Z',
    );
  });
});
