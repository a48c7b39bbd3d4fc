/**
 * A faithful re-implementation of the keyword table of the Python FIS recommender that Faultline
 * replaces (the "Supported Finding Types" tables of its README, rows in the order listed there).
 * Used only as a baseline in the recommendation benchmarks.
 */

/** One keyword row of the seed: a substring of the finding's lowercased text and the FIS action it maps to. */
export interface SeedKeywordRow {
  keyword: string;
  action: string;
}

/** The seed's keyword → action rows, in the README's order. */
export const SEED_KEYWORD_TABLE: readonly SeedKeywordRow[] = [
  // Network & Connectivity
  { keyword: 'network', action: 'aws:network:disrupt-connectivity' },
  { keyword: 'latency', action: 'aws:network:disrupt-connectivity' },
  { keyword: 'packet loss', action: 'aws:ecs:task-network-packet-loss' },
  { keyword: 'vpc endpoint', action: 'aws:network:disrupt-vpc-endpoint' },
  { keyword: 'cross-region', action: 'aws:network:route-table-disrupt-cross-region-connectivity' },
  { keyword: 'transit gateway', action: 'aws:network:transit-gateway-disrupt-cross-region-connectivity' },
  { keyword: 'direct connect', action: 'aws:directconnect:virtual-interface-disconnect' },
  // Database & Storage
  { keyword: 'database', action: 'aws:rds:reboot-db-instances' },
  { keyword: 'rds', action: 'aws:rds:failover-db-cluster' },
  { keyword: 'dynamodb', action: 'aws:dynamodb:global-table-pause-replication' },
  { keyword: 'aurora dsql', action: 'aws:dsql:cluster-connection-failure' },
  { keyword: 'disk', action: 'aws:ebs:pause-volume-io' },
  { keyword: 'ebs', action: 'aws:ebs:volume-io-latency' },
  { keyword: 's3 replication', action: 'aws:s3:bucket-pause-replication' },
  // Compute & Instances
  { keyword: 'cpu', action: 'aws:ec2:stop-instances' },
  { keyword: 'memory', action: 'aws:ssm:send-command' },
  { keyword: 'instance', action: 'aws:ec2:reboot-instances' },
  { keyword: 'spot', action: 'aws:ec2:send-spot-instance-interruptions' },
  { keyword: 'capacity', action: 'aws:ec2:api-insufficient-instance-capacity-error' },
  { keyword: 'auto scaling', action: 'aws:ec2:asg-insufficient-instance-capacity-error' },
  // ECS & Containers
  { keyword: 'ecs', action: 'aws:ecs:stop-task' },
  { keyword: 'container cpu', action: 'aws:ecs:task-cpu-stress' },
  { keyword: 'container memory', action: 'aws:ecs:task-io-stress' },
  { keyword: 'container network', action: 'aws:ecs:task-network-latency' },
  { keyword: 'drain', action: 'aws:ecs:drain-container-instances' },
  // EKS & Kubernetes
  { keyword: 'eks', action: 'aws:eks:pod-delete' },
  { keyword: 'pod cpu', action: 'aws:eks:pod-cpu-stress' },
  { keyword: 'pod memory', action: 'aws:eks:pod-memory-stress' },
  { keyword: 'pod network', action: 'aws:eks:pod-network-latency' },
  { keyword: 'nodegroup', action: 'aws:eks:terminate-nodegroup-instances' },
  { keyword: 'kubernetes', action: 'aws:eks:inject-kubernetes-custom-resource' },
  // Lambda & Serverless
  { keyword: 'lambda', action: 'aws:lambda:invocation-error' },
  { keyword: 'lambda latency', action: 'aws:lambda:invocation-add-delay' },
  { keyword: 'lambda http', action: 'aws:lambda:invocation-http-integration-response' },
  // Caching & Streaming
  { keyword: 'elasticache', action: 'aws:elasticache:replicationgroup-interrupt-az-power' },
  { keyword: 'memorydb', action: 'aws:memorydb:multi-region-cluster-pause-replication' },
  { keyword: 'kinesis', action: 'aws:kinesis:stream-provisioned-throughput-exception' },
  { keyword: 'kinesis iterator', action: 'aws:kinesis:stream-expired-iterator-exception' },
  // API & Throttling
  { keyword: 'api throttle', action: 'aws:fis:inject-api-throttle-error' },
  { keyword: 'api error', action: 'aws:fis:inject-api-internal-error' },
  { keyword: 'api unavailable', action: 'aws:fis:inject-api-unavailable-error' },
  // Availability & Recovery
  { keyword: 'availability', action: 'aws:ec2:stop-instances' },
  { keyword: 'zonal', action: 'aws:arc:start-zonal-autoshift' },
  { keyword: 'alarm', action: 'aws:cloudwatch:assert-alarm-state' },
];

/** The text fields of a finding the seed looks at. */
export interface SeedFindingText {
  summary?: string;
  title?: string;
  type?: string;
  description?: string;
}

/**
 * The seed's recommendation: the action of every keyword row whose keyword is a substring of the
 * finding's lowercased text (summary, title, description and type joined), in table order, without
 * duplicates. The first id is the seed's top-1; an empty array means the seed had no match.
 *
 * @example
 * seedRecommend({ summary: 'High network latency between services causing request timeouts' })[0];
 * // 'aws:network:disrupt-connectivity'
 */
export function seedRecommend(finding: SeedFindingText): string[] {
  const text = [finding.summary, finding.title, finding.description, finding.type]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(' ')
    .toLowerCase();
  const actions: string[] = [];
  for (const row of SEED_KEYWORD_TABLE) {
    if (text.includes(row.keyword) && !actions.includes(row.action)) actions.push(row.action);
  }
  return actions;
}
