import { describe, expect, it } from 'vitest';
import { identifyNode } from './node-identity';

describe('identifyNode', () => {
  it('reads the instance id from the name eks-log-collector.sh gives a bundle', () => {
    for (const bundleName of [
      'eks_i-0a1b2c3d4e5f60718_2026-11-02_1030-UTC_0.7.8.tar.gz',
      'eks_i-0a1b2c3d4e5f60718_2026-11-02_1030-UTC_0.7.8',
    ]) {
      expect(identifyNode({ bundleName })).toEqual({
        id: 'i-0a1b2c3d4e5f60718',
        instanceId: 'i-0a1b2c3d4e5f60718',
      });
    }
  });

  it('prefers system/instance-id.txt, and takes no id from other AWS resource ids', () => {
    expect(
      identifyNode({ instanceIdFile: 'i-0fedcba9876543210\r\n', bundleName: 'eks_i-0a1b2c3d4e5f60718_x' })
        .instanceId,
    ).toBe('i-0fedcba9876543210');
    expect(identifyNode({ bundleName: 'eni-0a1b2c3d4e5f60718_logs' })).toEqual({
      id: 'eni-0a1b2c3d4e5f60718_logs',
    });
  });
});
