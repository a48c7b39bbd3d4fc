import type { LogRule } from '../types';

/** Networking log rules on collected command output; sysctl checks are state checks. */
export const NETWORKING_LOG_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'networking.ena-allowance-exceeded',
    pack: 'networking',
    category: 'networking',
    severity: 'low',
    title: 'ENA allowance exceeded: {subject}',
    description:
      'The instance exceeded an ENA allowance (PPS, bandwidth, conntrack or link-local) since boot and the hypervisor dropped or queued packets. One snapshot shows a total, not a rate.',
    remediation:
      'Compare two ethtool -S snapshots to get a rate; move to a larger instance type or spread the traffic if the counter keeps rising.',
    source:
      'NMA PPSExceeded / BandwidthIn/OutExceeded / ConntrackExceeded / LinkLocalExceeded (single snapshot → low)',
    fisHint: 'network packet loss, bandwidth limit',
    files: ['networking/ethtool.txt'],
    contains: ['allowance_exceeded'],
    pattern: /^\s*((?:bw_in|bw_out|pps|conntrack|linklocal)_allowance_exceeded): [1-9]\d*/,
    subjectGroup: 1,
    examples: {
      match: ['     pps_allowance_exceeded: 1423', '     conntrack_allowance_exceeded: 12'],
      noMatch: ['     pps_allowance_exceeded: 0', '     bw_in_allowance_exceeded: 0'],
    },
  },
  {
    kind: 'log',
    id: 'networking.api-server-curl-failed',
    pack: 'networking',
    category: 'networking',
    severity: 'high',
    title: 'The node cannot reach the cluster endpoint',
    description:
      'At collection time, curl from the node to the API server /livez failed 3 or more times out of 5: the kubelet and aws-node cannot reach the control plane.',
    remediation:
      'Check the endpoint access mode (private/public), security groups of the cluster and nodes, NACLs, routes, and proxies.',
    source: 'eks-log-collector networking/curl_api_server.txt (inferred)',
    fisHint: 'network connectivity loss, API server unreachable',
    files: ['networking/curl_api_server.txt'],
    contains: ['curl: ('],
    pattern: /^curl: \((?:6|7|28|35|52|56)\) /,
    minOccurrences: 3,
    examples: {
      match: [
        'curl: (28) Failed to connect to abc.gr7.us-east-1.eks.amazonaws.com port 443 after 75001 ms: Timeout was reached',
      ],
      noMatch: ['[+]ping ok', 'livez check passed'],
    },
  },
];
