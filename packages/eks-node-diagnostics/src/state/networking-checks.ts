import type { StateCheck } from '../rules/types';
import { formatCount, formatPercent } from './percent';
import { lineOf, parseSysctls, sysctlNumber } from './sysctl';

const SYSCTL = 'sysctls/sysctl_all.txt';
const RESOLV = 'networking/resolv.conf';
const IFCONFIG = 'networking/ifconfig.txt';

/** Interfaces `ifconfig` lists (it lists only those that are up), with their flags and line. */
function ifconfigInterfaces(text: string): Array<{ name: string; flags: string[]; line: number }> {
  return text.split('\n').flatMap((line, index) => {
    const match = /^([^\s:]{1,32}): flags=\d+<([^>]*)>/.exec(line);
    return match ? [{ name: match[1] as string, flags: (match[2] ?? '').split(','), line: index + 1 }] : [];
  });
}

/** Network state checks on sysctls and resolv.conf. */
export const NETWORKING_CHECKS: readonly StateCheck[] = [
  {
    kind: 'state',
    id: 'networking.ip-forward-disabled',
    pack: 'networking',
    category: 'networking',
    severity: 'high',
    title: 'IP forwarding is off',
    description:
      'net.ipv4.ip_forward is 0: the node does not route packets for its pods, so pod traffic to and from other hosts is dropped.',
    remediation:
      'Set net.ipv4.ip_forward=1 (sysctl and /etc/sysctl.d); find what turned it off (a hardening script, a custom AMI).',
    source: 'NMA NetworkSysctl (Warning → high: pod networking breaks)',
    fisHint: 'network disruption, packet loss',
    files: [SYSCTL],
    evaluate(files) {
      const sysctl = files.get(SYSCTL);
      if (!sysctl) return [];
      const value = parseSysctls(sysctl).get('net.ipv4.ip_forward');
      if (value === undefined || value === '1') return [];
      return [
        {
          detail: `net.ipv4.ip_forward is ${value}.`,
          evidence: [
            {
              file: SYSCTL,
              line: lineOf(sysctl, 'net.ipv4.ip_forward ='),
              excerpt: `net.ipv4.ip_forward = ${value}`,
            },
          ],
        },
      ];
    },
  },
  {
    kind: 'state',
    id: 'networking.conntrack-near-max',
    pack: 'networking',
    category: 'networking',
    severity: 'medium',
    title: 'Conntrack table is nearly full',
    description:
      'Tracked connections are 90% or more of nf_conntrack_max: a burst will fill the table and the kernel will drop new connections.',
    remediation:
      'Raise net.netfilter.nf_conntrack_max (kube-proxy --conntrack-max-per-core), and shorten conntrack timeouts for short-lived connections.',
    source: 'NPD ConntrackFull plugin (> 90%)',
    fisHint: 'network packet loss, connection drops',
    files: [SYSCTL],
    thresholds: { ratio: 0.9 },
    evaluate(files) {
      const sysctl = files.get(SYSCTL);
      if (!sysctl) return [];
      const values = parseSysctls(sysctl);
      const count = sysctlNumber(values, 'net.netfilter.nf_conntrack_count');
      const max = sysctlNumber(values, 'net.netfilter.nf_conntrack_max');
      if (!(count >= 0 && max > 0) || count < max * 0.9) return [];
      return [
        {
          detail: `${formatCount(count)} of ${formatCount(max)} conntrack entries in use (${formatPercent(count / max)}).`,
          evidence: [
            {
              file: SYSCTL,
              line: lineOf(sysctl, 'net.netfilter.nf_conntrack_count ='),
              excerpt: `net.netfilter.nf_conntrack_count = ${count}; net.netfilter.nf_conntrack_max = ${max}`,
            },
          ],
        },
      ];
    },
  },
  {
    kind: 'state',
    id: 'dns.no-nameserver',
    pack: 'dns',
    category: 'dns',
    severity: 'high',
    title: 'resolv.conf has no nameserver',
    description:
      'The node resolv.conf lists no nameserver: the node (and pods with dnsPolicy Default) cannot resolve names.',
    remediation:
      'Restore the VPC resolver (the VPC CIDR base + 2, or 169.254.169.253) through DHCP options or systemd-resolved.',
    source: 'eks-log-collector networking/resolv.conf (inferred)',
    fisHint: 'DNS resolution failure',
    files: [RESOLV],
    evaluate(files) {
      const resolv = files.get(RESOLV);
      if (resolv === undefined) return [];
      if (/^\s*nameserver\s+\S/m.test(resolv)) return [];
      return [
        {
          detail: 'No nameserver line in resolv.conf.',
          evidence: [{ file: RESOLV, excerpt: resolv.slice(0, 200) || '(empty file)' }],
        },
      ];
    },
  },
  {
    kind: 'state',
    id: 'networking.loopback-down',
    pack: 'networking',
    category: 'networking',
    severity: 'critical',
    title: 'Loopback interface is down or missing',
    description:
      'ifconfig (which lists the interfaces that are up) shows the node’s interfaces but no loopback: everything that talks to 127.0.0.1 (the kubelet health endpoint, ipamd on :50051 and :61679, local DNS caches) fails.',
    remediation:
      'Bring lo up (ip link set lo up) and find what took it down (a network script, a hardening tool); replace the node if it does not recover.',
    source:
      'NMA MissingLoopbackInterface / InterfaceNotUp for lo (Fatal → critical), from networking/ifconfig.txt',
    fisHint: 'network interface failure, network disruption',
    files: [IFCONFIG],
    evaluate(files) {
      const text = files.get(IFCONFIG);
      if (!text) return [];
      const interfaces = ifconfigInterfaces(text);
      // output that lists no interface at all (ifconfig missing, an error) proves nothing
      if (interfaces.length === 0 || interfaces.some((i) => i.flags.includes('LOOPBACK'))) return [];
      return [
        {
          detail: `ifconfig lists ${interfaces.map((i) => i.name).join(', ')} and no loopback interface.`,
          evidence: interfaces
            .slice(0, 3)
            .map((i) => ({ file: IFCONFIG, line: i.line, excerpt: text.split('\n')[i.line - 1] ?? '' })),
        },
      ];
    },
  },
];
