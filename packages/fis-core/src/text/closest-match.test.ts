import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from './closest-match';

describe('editDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('aws:ec2:stpo-instances', 'aws:ec2:stop-instances')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestMatch', () => {
  it('suggests the nearest candidate', () => {
    expect(
      closestMatch('aws:ec2:stop-instance', ['aws:ec2:stop-instances', 'aws:ec2:reboot-instances']),
    ).toBe('aws:ec2:stop-instances');
    expect(closestMatch('RoleARN', ['roleArn', 'region'])).toBe('roleArn');
  });

  it('suggests nothing for a name far from every candidate', () => {
    expect(closestMatch('banana', ['aws:ec2:stop-instances'])).toBeUndefined();
  });
});
