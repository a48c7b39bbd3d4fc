import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE, OUTPUT, renderModule } from '../../scripts/generate-catalog';
import { bundledCatalog } from './bundled-catalog';

const reference = process.env.FIS_CATALOG_SOURCE ?? DEFAULT_SOURCE;

describe('bundledCatalog', () => {
  it('holds every action and resource type of the reference', () => {
    const catalog = bundledCatalog();
    expect(catalog.actions.filter((a) => !a.deprecated)).toHaveLength(50);
    expect(catalog.resourceTypes).toHaveLength(25);
    expect(catalog.source.kind).toBe('bundled');
  });

  it('indexes actions with their targets, limits and permissions', () => {
    const stop = bundledCatalog().action('aws:ec2:stop-instances');
    expect(stop?.targets).toEqual({ Instances: 'aws:ec2:instance' });
    expect(stop?.permissions.map((p) => p.action)).toContain('ec2:StopInstances');
    const latency = bundledCatalog().action('aws:ebs:volume-io-latency');
    const duration = latency?.parameters.find((p) => p.name === 'duration');
    expect(duration).toMatchObject({ minSeconds: 1, maxSeconds: 43_200, required: true });
  });

  it('names, as each action’s duration parameter, one of its parameters', () => {
    for (const action of bundledCatalog().actions) {
      if (action.durationParameter === undefined) continue;
      expect(
        action.parameters.map((p) => p.name),
        action.id,
      ).toContain(action.durationParameter);
    }
    expect(bundledCatalog().action('aws:ec2:stop-instances')?.durationParameter).toBe(
      'startInstancesAfterDuration',
    );
  });

  it('keeps the deprecated ElastiCache action, pointing at its replacement', () => {
    const old = bundledCatalog().action('aws:elasticache:interrupt-cluster-az-power');
    expect(old?.deprecated?.replacedBy).toBe('aws:elasticache:replicationgroup-interrupt-az-power');
  });

  it('derives ARN patterns that match real ARNs', () => {
    const instance = bundledCatalog().resourceType('aws:ec2:instance');
    expect(
      new RegExp(instance?.arnPattern ?? '^$').test('arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'),
    ).toBe(true);
    const role = bundledCatalog().resourceType('aws:iam:role');
    expect(new RegExp(role?.arnPattern ?? '^$').test('arn:aws:iam::123456789012:role/service/FisRole')).toBe(
      true,
    );
    expect(new RegExp(role?.arnPattern ?? '^$').test('arn:aws:iam::123456789012:user/alice')).toBe(false);
  });

  it.runIf(existsSync(reference))(
    'is generated from the current reference (run pnpm generate:catalog)',
    () => {
      expect(readFileSync(OUTPUT, 'utf8')).toBe(renderModule(reference));
    },
  );
});
