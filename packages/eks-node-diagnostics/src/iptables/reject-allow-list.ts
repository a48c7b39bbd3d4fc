import type { IptablesRule } from './parse-iptables-save';

/**
 * DROP and REJECT rules that healthy EKS nodes carry (from the EKS node monitoring agent's
 * iptables monitor): kube-proxy, Calico and the VPC CNI add them on purpose.
 */
export const ALLOWED_REJECT_RULES: ReadonlyArray<{
  description: string;
  matches: (rule: IptablesRule) => boolean;
}> = [
  {
    description: 'KUBE-FORWARD drops packets in conntrack state INVALID',
    matches: (r) => r.chain === 'KUBE-FORWARD' && /--ctstate INVALID/.test(r.spec),
  },
  {
    description: 'KUBE-FIREWALL blocks incoming localnet connections and drops marked packets',
    matches: (r) =>
      r.chain === 'KUBE-FIREWALL' &&
      /block incoming localnet connections|kubernetes firewall for dropping marked packets/.test(
        r.comment ?? '',
      ),
  },
  {
    description: 'KUBE-SERVICES / KUBE-EXTERNAL-SERVICES reject services without endpoints',
    matches: (r) =>
      (r.chain === 'KUBE-SERVICES' || r.chain === 'KUBE-EXTERNAL-SERVICES') &&
      (/has no (?:local )?endpoints/.test(r.comment ?? '') || /icmp-port-unreachable/.test(r.spec)),
  },
  {
    description: 'kube-proxy IPVS and source-range firewalls',
    matches: (r) =>
      [
        'KUBE-IPVS-FILTER',
        'KUBE-IPVS-OUT-FILTER',
        'KUBE-SOURCE-RANGES-FIREWALL',
        'KUBE-PROXY-FIREWALL',
      ].includes(r.chain),
  },
  { description: 'Calico chains (cali-*)', matches: (r) => r.chain.startsWith('cali-') },
  {
    description: 'VPC CNI blocks node-local pod access from the FORWARD chain',
    matches: (r) => r.chain === 'FORWARD' && /Block Node Local Pod access/.test(r.comment ?? ''),
  },
];

/** True when a DROP/REJECT rule is expected on a healthy node, or its `table/chain` is allowed by the user. */
export function isAllowedReject(rule: IptablesRule, extraAllowed: readonly string[] = []): boolean {
  if (extraAllowed.includes(`${rule.table}/${rule.chain}`)) return true;
  return ALLOWED_REJECT_RULES.some((allowed) => allowed.matches(rule));
}
