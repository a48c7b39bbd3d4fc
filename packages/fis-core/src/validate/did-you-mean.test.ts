import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './did-you-mean';

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['Instnaces', 'Instances', 1],
    ['aws:ec2:stop-instance', 'aws:ec2:stop-instances', 1],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('counts %s → %s as %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('stops early above the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});

describe('closestMatch', () => {
  const ids = [
    'aws:ec2:stop-instances',
    'aws:ec2:reboot-instances',
    'aws:ec2:terminate-instances',
    'aws:fis:wait',
  ];

  it('finds a near miss', () => {
    expect(closestMatch('aws:ec2:stop-instanse', ids)).toBe('aws:ec2:stop-instances');
  });

  it('finds a different case and a missing prefix', () => {
    expect(closestMatch('AWS:EC2:STOP-INSTANCES', ids)).toBe('aws:ec2:stop-instances');
    expect(closestMatch('reboot-instances', ids)).toBe('aws:ec2:reboot-instances');
  });

  it('suggests nothing for unrelated or oversized input', () => {
    expect(closestMatch('aws:lambda:invoke', ids)).toBeUndefined();
    expect(closestMatch('x'.repeat(10_000), ids)).toBeUndefined();
  });

  it('words the suggestion briefly', () => {
    expect(didYouMean('Instance', ['Instances'])).toBe('did you mean Instances?');
  });
});
