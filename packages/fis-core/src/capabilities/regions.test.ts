import { describe, expect, it } from 'vitest';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import { assertRegion, isRegionName } from './regions';

describe('assertRegion', () => {
  it.each([
    'us-east-1',
    'eu-west-3',
    'ap-southeast-7',
    'us-gov-west-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'cn-northwest-1',
    'il-central-1',
    'mx-central-1',
    'eusc-de-east-1',
    'ca-west-1',
  ])('accepts %s', (region) => {
    expect(() => assertRegion(region)).not.toThrow();
    expect(isRegionName(region)).toBe(true);
  });

  it.each([
    ['a path', '../x'],
    ['a nested path', 'us-east-1/../../etc'],
    ['the empty string', ''],
    ['upper case', 'US-EAST-1'],
    ['a NUL byte', 'us-east-1\0'],
    ['a newline', 'us-east-1\n'],
    ['a 100-character string', `us-east-${'1'.repeat(92)}`],
    ['an unknown partition', 'xx-east-1'],
    ['no number', 'us-east'],
    ['surrounding spaces', ' us-east-1 '],
    ['a Windows path', 'us-east-1\\..\\x'],
  ])('refuses %s', (_what, region) => {
    expect(isRegionName(region)).toBe(false);
    expect(() => assertRegion(region)).toThrow(FisCoreError);
    try {
      assertRegion(region);
    } catch (error) {
      expect(FisCoreError.isInstance(error) && error.code).toBe(FisCoreErrorCode.InvalidRegion);
      expect((error as Error).message).toContain('is not an AWS region name');
      expect((error as Error).message).not.toContain('\0');
    }
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, ['us-east-1']]) {
      expect(() => assertRegion(value)).toThrow(/not an AWS region name/);
    }
  });

  it('shortens an overlong value in the message', () => {
    expect(() => assertRegion('x'.repeat(100))).toThrow(/"x{40}…" is not an AWS region name/);
  });
});
