import type { RuleInfo } from '../rules/types';

/** Rules of the comparison between a suspect node and a known-good one. */
export const COMPARE_RULES = {
  iptables: {
    id: 'compare.iptables-drift',
    pack: 'iptables',
    category: 'iptables',
    severity: 'medium',
    title: 'iptables differ from the known-good node',
    description:
      'The suspect node has iptables rules the known-good node lacks, or lacks some it has. Extra DROP, REJECT, DNAT or REDIRECT rules, or missing kube-proxy rules, are the usual cause of node-specific network failures.',
    remediation:
      'Find which agent added or removed the rules on the suspect node; restore kube-proxy rules by restarting kube-proxy; remove stray rules.',
    source: 'Faultline compare_nodes',
    fisHint: 'network disruption, packet loss, blackhole',
  },
  sysctls: {
    id: 'compare.sysctl-drift',
    pack: 'system',
    category: 'networking',
    severity: 'low',
    title: 'Kernel parameters differ from the known-good node',
    description: 'sysctl values that are configuration (not counters) differ between the nodes.',
    remediation:
      'Align the sysctls through the launch template or a DaemonSet; check which one the suspect node needs.',
    source: 'Faultline compare_nodes',
  },
  versions: {
    id: 'compare.version-drift',
    pack: 'system',
    category: 'kubelet',
    severity: 'medium',
    title: 'Software versions differ from the known-good node',
    description:
      'The kernel, kubelet, containerd or VPC CNI version differs between the nodes: a regression in one version is a common cause of a node-specific problem.',
    remediation:
      'Move the suspect node to the AMI and add-on versions of the known-good node (or the reverse) and see whether the problem follows the version.',
    source: 'Faultline compare_nodes',
  },
  kubeletConfig: {
    id: 'compare.kubelet-config-drift',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'medium',
    title: 'Kubelet configuration differs from the known-good node',
    description:
      'Settings in kubelet/config.json differ between the nodes (eviction thresholds, max pods, reserved resources, cgroup driver).',
    remediation: 'Align the kubelet configuration through the launch template or nodeadm config.',
    source: 'Faultline compare_nodes',
  },
} as const satisfies Record<string, RuleInfo>;

/** sysctls whose difference breaks pod networking or capacity, and so is high. */
export const CRITICAL_SYSCTLS = new Set([
  'net.ipv4.ip_forward',
  'net.bridge.bridge-nf-call-iptables',
  'net.ipv4.conf.all.rp_filter',
  'net.ipv4.conf.default.rp_filter',
  'net.netfilter.nf_conntrack_max',
  'kernel.pid_max',
  'fs.file-max',
]);
