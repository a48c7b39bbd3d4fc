import { describe, expect, it } from 'vitest';
import { analyzeIptables } from './analyze-iptables';
import { destinationPorts, parseIptablesSave } from './parse-iptables-save';

const HEALTHY = `*filter
:INPUT ACCEPT [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-FIREWALL - [0:0]
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
COMMIT
`;

describe('analyzeIptables', () => {
  it('accepts the DROP rules healthy EKS nodes carry', () => {
    const { findings, stats } = analyzeIptables(HEALTHY);
    expect(findings).toEqual([]);
    expect(stats).toMatchObject({ totalRules: 4, rejectRules: 2, allowedRejectRules: 2, kubeProxyChains: 5 });
  });

  it('flags a DROP on DNS as critical, a stray REJECT as medium, and honours the allow-list', () => {
    const text = HEALTHY.replace(
      '*nat',
      '-A INPUT -p udp -m udp --dport 53 -j DROP\n-A INPUT -p tcp -m multiport --dports 8080,9090 -j REJECT --reject-with tcp-reset\nCOMMIT\n*nat',
    ).replace('COMMIT\nCOMMIT', 'COMMIT');
    const severities = analyzeIptables(text).findings.map((f) => [f.title, f.severity]);
    expect(severities).toEqual([
      ['Unexpected DROP on DNS (port 53) in filter/INPUT rule', 'critical'],
      ['Unexpected REJECT in filter/INPUT rule', 'medium'],
    ]);
    expect(analyzeIptables(text, { allowedChains: ['filter/INPUT'] }).findings).toEqual([]);
  });

  it('flags a DNAT on the kubelet port and missing kube-proxy jumps', () => {
    const text = HEALTHY.replace(
      '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n',
      '-A PREROUTING -p tcp --dport 10250 -j DNAT --to-destination 10.0.0.9:10250\n',
    );
    expect(
      analyzeIptables(text)
        .findings.map((f) => f.rule)
        .sort(),
    ).toEqual(['iptables.kubelet-port-redirect', 'iptables.missing-kube-proxy-chains']);
  });

  it('parses ports, ranges and comments', () => {
    expect(destinationPorts('-p tcp -m multiport --dports 53,8000:8080')).toEqual([53, 53, 8000, 8080]);
    expect(parseIptablesSave(HEALTHY).rules[1]?.comment).toBe('block incoming localnet connections');
  });
});
