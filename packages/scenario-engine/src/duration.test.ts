import { describe, expect, it } from 'vitest';
import { toMs } from './duration';

describe('toMs', () => {
  it('reads numbers as milliseconds and text with units', () => {
    expect(toMs(250)).toBe(250);
    expect(toMs('500ms')).toBe(500);
    expect(toMs('2.5s')).toBe(2500);
    expect(toMs('1m')).toBe(60_000);
    expect(toMs(undefined)).toBeUndefined();
  });

  it('rejects text without a unit', () => {
    expect(() => toMs('10')).toThrow(/not a duration/);
  });
});
