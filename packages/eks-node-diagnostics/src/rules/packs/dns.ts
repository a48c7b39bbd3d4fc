import { COREDNS_LOGS, KUBELET_LOGS, RUNTIME_LOGS } from '../file-groups';
import type { LogRule } from '../types';

/** DNS: resolution timeouts from the node and CoreDNS, and the result of our DNS check document. */
export const DNS_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'dns.resolution-timeout',
    pack: 'dns',
    category: 'dns',
    severity: 'high',
    title: 'DNS lookups time out',
    description:
      'Name resolution timed out 5 or more times within 10 minutes: image pulls, API calls and pod traffic that use names fail intermittently.',
    remediation:
      'Check CoreDNS health and scaling, the VPC resolver limit (1024 packets/s per ENI), conntrack on UDP 53, and any DROP/REJECT rule on port 53 (analyze_iptables); consider NodeLocal DNSCache.',
    source: 'Go resolver and CoreDNS error text; NPD DNSUnreachable (plugin)',
    fisHint: 'DNS resolution failure, DNS timeouts, network latency',
    files: [...new Set([...KUBELET_LOGS, ...RUNTIME_LOGS]), ...COREDNS_LOGS],
    contains: [':53'],
    pattern:
      /(?:lookup \S{1,253} on [0-9a-fA-F.:[\]]{3,64}:53: (?:read udp \S{1,64}: i\/o timeout|dial udp \S{1,64}: i\/o timeout|server misbehaving)|\[ERROR\] plugin\/errors: \d+ \S{1,253} [A-Z]{1,10}: read udp \S{1,64}->\S{1,64}:53: i\/o timeout)/,
    minOccurrences: 5,
    windowMinutes: 10,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: time="2026-11-02T10:11:12Z" level=error msg="PullImage failed" error="dial tcp: lookup 123456789012.dkr.ecr.us-east-1.amazonaws.com on 10.0.0.2:53: read udp 10.0.1.23:41234->10.0.0.2:53: i/o timeout"',
        '2026-11-02T10:11:12.123456789Z stdout F [ERROR] plugin/errors: 2 api.example.com. A: read udp 10.0.1.45:40212->10.0.0.2:53: i/o timeout',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: time="2026-11-02T10:11:12Z" level=error msg="PullImage failed" error="dial tcp: lookup nosuchregistry.example on 10.0.0.2:53: no such host"',
        '2026-11-02T10:11:12.123456789Z stdout F [INFO] 10.0.1.45:40212 - 1234 "A IN api.example.com. udp 33 false 512" NOERROR qr,rd,ra 60 0.001s',
      ],
    },
  },
  {
    kind: 'log',
    id: 'dns.check-failed',
    pack: 'dns',
    category: 'dns',
    severity: 'high',
    title: 'DNS check from the node failed for {subject}',
    description:
      'The faultline-dns-check document could not resolve a name from the node: pods using the node resolver or CoreDNS cannot resolve it either.',
    remediation:
      'Compare the failing server (VPC resolver or CoreDNS service IP) with resolv.conf; check security groups and NACLs for UDP/TCP 53 and iptables rules on port 53.',
    source: 'Faultline faultline-dns-check Automation document (NPD DNSUnreachable equivalent)',
    fisHint: 'DNS resolution failure',
    files: ['faultline/dns-check.txt'],
    contains: ['FAIL'],
    pattern: /^RESOLVE (\S{1,253}) \S{1,64} FAIL\b/,
    subjectGroup: 1,
    examples: {
      match: ['RESOLVE kubernetes.default.svc.cluster.local 172.20.0.10 FAIL timeout'],
      noMatch: ['RESOLVE kubernetes.default.svc.cluster.local 172.20.0.10 OK 3ms 172.20.0.1'],
    },
  },
];
