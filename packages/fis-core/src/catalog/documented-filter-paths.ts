/**
 * Target filter paths that AWS documents, per FIS resource type: the examples of the AWS FIS User
 * Guide (Targets › Example filters, https://docs.aws.amazon.com/fis/latest/userguide/targets.html#filter-examples:
 * EC2 instances and Aurora DB clusters, plus the VPC example target) and the target filters of the
 * FIS scenario library (Cross-AZ: Traffic Slowdown, for ECS tasks). The compiled reference catalog
 * does not list filter paths; only paths seen in AWS's own documentation are here, none guessed.
 * A path is a dot-separated sequence of PascalCase elements of the resource's Describe output, "even
 * if the output of the Describe action is in camel case" (same page).
 */
export const DOCUMENTED_FILTER_PATHS: Readonly<Record<string, readonly string[]>> = {
  'aws:ec2:instance': [
    'Placement.AvailabilityZone',
    'SubnetId',
    'State.Name',
    'NetworkInterfaces.Groups.GroupId',
    'VpcId',
  ],
  'aws:rds:cluster': ['Engine', 'AvailabilityZones'],
  'aws:ecs:task': ['AvailabilityZone'],
};

/** The documented filter path that selects resources of a type by Availability Zone, if there is one. */
export function availabilityZoneFilterPath(resourceType: string): string | undefined {
  return DOCUMENTED_FILTER_PATHS[resourceType]?.find((path) => /(^|\.)AvailabilityZones?$/.test(path));
}
