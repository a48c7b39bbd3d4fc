import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';

function targetOf(summary: string, actionId: string, resources: string[] = []) {
  return recommend({ summary, resources }, { limit: 20 }).recommendations.find((r) => r.actionId === actionId)
    ?.target;
}

describe('suggested targets in the Availability Zone the finding names', () => {
  const outage =
    'AZ outage: us-east-1b was impaired for 40 minutes; services in that zone lost connectivity.';

  it('narrows subnets with the availabilityZoneIdentifier parameter', () => {
    expect(targetOf(outage, 'aws:network:disrupt-connectivity')).toMatchObject({
      resourceType: 'aws:ec2:subnet',
      resourceTags: { 'FIS-Ready': 'True' },
      parameters: { availabilityZoneIdentifier: 'us-east-1b' },
    });
  });

  it('narrows instances with the filter path AWS documents, Placement.AvailabilityZone', () => {
    expect(targetOf(outage, 'aws:ec2:stop-instances')?.filters).toEqual([
      { path: 'Placement.AvailabilityZone', values: ['us-east-1b'] },
    ]);
  });

  it('says so in the rationale and the blast radius', () => {
    const recommendation = recommend({ summary: outage }).recommendations.find(
      (r) => r.actionId === 'aws:network:disrupt-connectivity',
    );
    expect(recommendation?.rationale).toContain(
      'The target is limited to us-east-1b, the Availability Zone the finding names.',
    );
    expect(recommendation?.blastRadius[0]).toContain('availabilityZoneIdentifier=us-east-1b');
  });

  it('uses an AZ id only where the parameter takes one, never in a filter on AZ names', () => {
    const summary =
      'Zone use1-az2 had packet loss and connectivity drops; our subnets and EC2 instances there were impaired.';
    expect(targetOf(summary, 'aws:network:disrupt-connectivity')?.parameters).toEqual({
      availabilityZoneIdentifier: 'use1-az2',
    });
    expect(targetOf(summary, 'aws:ec2:stop-instances')?.filters).toBeUndefined();
  });

  it('leaves targets chosen by ARN alone (FIS takes no filters with ARNs)', () => {
    const arn = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';
    expect(
      targetOf(`Instance ${arn} in us-east-1b stopped responding`, 'aws:ec2:stop-instances', [arn]),
    ).toEqual({
      key: 'Instances',
      resourceType: 'aws:ec2:instance',
      selectionMode: 'ALL',
      resourceArns: [arn],
    });
  });
});
