import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { awsCallFailed, type Ec2ClientOptions, ec2Client } from './client-options';

const RESOURCE_NAME = /^(i-[0-9a-f]{8,17})(?:\.|$)/;

/**
 * Resolves a Kubernetes node name to its EC2 instance id. Resource-based names
 * (`i-0abc….us-west-2.compute.internal`) carry it; IP-based names (`ip-10-0-1-23.ec2.internal`)
 * are looked up with EC2 DescribeInstances on the `private-dns-name` filter.
 */
export async function resolveNodeName(nodeName: string, options: Ec2ClientOptions = {}): Promise<string> {
  const direct = RESOURCE_NAME.exec(nodeName)?.[1];
  if (direct) return direct;
  if (!/^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/.test(nodeName)) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.InvalidInput,
      `"${nodeName.slice(0, 100)}" is not a Kubernetes node name`,
      {
        data: { issues: [{ path: ['nodeName'], message: 'not a DNS name' }] },
      },
    );
  }
  const client = await ec2Client(options);
  const { DescribeInstancesCommand } = await import('@aws-sdk/client-ec2');
  const response = await client
    .send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'private-dns-name', Values: [nodeName] },
          { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
        ],
      }),
    )
    .catch((error: unknown) => {
      throw awsCallFailed(error, 'EC2 DescribeInstances', 'ec2:DescribeInstances');
    });
  const ids = (response.Reservations ?? [])
    .flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId))
    .filter(Boolean);
  if (ids.length !== 1) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.NodeNotFound,
      ids.length === 0
        ? `no EC2 instance has the private DNS name "${nodeName}" in this region; check the region, or pass instanceId`
        : `${ids.length} instances have the private DNS name "${nodeName}"; pass instanceId`,
    );
  }
  return ids[0] as string;
}
