import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { defaultParameters } from './parameter-defaults';
import { recommend } from './recommend';

const catalog = bundledCatalog();
const context = { durationSeconds: 300, availabilityZones: [], regions: [] };

describe('defaultParameters', () => {
  it('aws:fis:inject-api-*: the default operations belong to the service chosen, not always to EC2', () => {
    const action = catalog.action('aws:fis:inject-api-throttle-error');
    if (!action) throw new Error('catalog lacks aws:fis:inject-api-throttle-error');
    expect(defaultParameters(action, { service: 'kinesis' }, context)).toMatchObject({
      service: 'kinesis',
      operations: 'GetRecords,GetShardIterator',
    });
    expect(defaultParameters(action, undefined, context)).toMatchObject({
      service: 'ec2',
      operations: 'DescribeInstances,DescribeVolumes',
    });
  });

  it('a Kinesis throttling finding never gets EC2 operations on a kinesis API fault', () => {
    const { recommendations } = recommend(
      {
        summary:
          'Kinesis consumers fell behind: GetRecords returned ExpiredIteratorException and ProvisionedThroughputExceededException on the clickstream stream.',
      },
      { limit: 10 },
    );
    const apiFaults = recommendations.filter((r) => r.actionId.startsWith('aws:fis:inject-api-'));
    expect(apiFaults.length).toBeGreaterThan(0);
    for (const r of apiFaults.filter((f) => f.parameters.service === 'kinesis')) {
      expect(r.parameters.operations).not.toMatch(/Describe(Instances|Volumes)/);
    }
  });

  it('sets the duration parameter even when the catalog marks it optional, so FIS ends the fault', () => {
    const stop = catalog.action('aws:ec2:stop-instances');
    if (!stop) throw new Error('catalog lacks aws:ec2:stop-instances');
    expect(defaultParameters(stop, undefined, context)).toEqual({ startInstancesAfterDuration: 'PT5M' });
  });

  it('never recommends stopping instances without starting them again', () => {
    const { recommendations } = recommend(
      { summary: 'CPU saturation on the API EC2 instances: 100% CPU for 20 minutes, load average 40.' },
      { limit: 10 },
    );
    const stops = recommendations.filter((r) => r.actionId === 'aws:ec2:stop-instances');
    expect(stops.length).toBeGreaterThan(0);
    for (const stop of stops) expect(stop.parameters.startInstancesAfterDuration).toBe('PT5M');
  });
});
