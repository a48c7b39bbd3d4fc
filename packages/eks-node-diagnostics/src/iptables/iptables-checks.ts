import type { StateCheck, StateIssue } from '../rules/types';
import { formatCount } from '../state/percent';
import { matchesPort, parseIptablesSave } from './parse-iptables-save';
import { isAllowedReject } from './reject-allow-list';

/** Where the collector writes the full rule set. */
export const IPTABLES_SAVE = 'networking/iptables-save.txt';

const API_SERVER_PORTS = [443, 6443];

function excerpt(rule: { chain: string; spec: string }): string {
  return `-A ${rule.chain} ${rule.spec}`;
}

/** Checks on the iptables rule set; `allowedChains` (`table/chain`) extends the REJECT/DROP allow-list. */
export function iptablesChecks(allowedChains: readonly string[] = []): StateCheck[] {
  return [
    {
      kind: 'state',
      id: 'iptables.missing-kube-proxy-chains',
      pack: 'iptables',
      category: 'iptables',
      severity: 'high',
      title: 'kube-proxy chains are missing',
      description:
        'The nat table lacks kube-proxy chains or the jumps into them (KUBE-SERVICES from PREROUTING and OUTPUT, KUBE-POSTROUTING, KUBE-MARK-MASQ): ClusterIP services, including DNS, do not work from this node.',
      remediation:
        'Check that kube-proxy runs on the node and is ready; look for an agent that flushes iptables (iptables -F) at boot.',
      source: 'kube-proxy iptables mode chain layout; NMA iptables monitor',
      fisHint: 'network disruption, service routing failure',
      files: [IPTABLES_SAVE],
      evaluate(files) {
        const text = files.get(IPTABLES_SAVE);
        if (!text) return [];
        const dump = parseIptablesSave(text);
        const nat = dump.chains.get('nat');
        if (!nat) return [];
        // kube-proxy replacements (Cilium) program services without these chains.
        if ([...nat.keys()].some((chain) => chain.startsWith('CILIUM_'))) return [];
        const missing = ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'].filter(
          (chain) => !nat.has(chain),
        );
        for (const from of ['PREROUTING', 'OUTPUT']) {
          const jumps = dump.rules.some(
            (r) => r.table === 'nat' && r.chain === from && r.target === 'KUBE-SERVICES',
          );
          if (!jumps) missing.push(`${from} -j KUBE-SERVICES`);
        }
        if (missing.length === 0) return [];
        return [
          {
            detail: `Missing in the nat table: ${missing.join(', ')}.`,
            evidence: [
              {
                file: IPTABLES_SAVE,
                excerpt: `nat chains present: ${[...nat.keys()].slice(0, 20).join(' ')}`,
              },
            ],
          },
        ];
      },
    },
    {
      kind: 'state',
      id: 'iptables.unexpected-reject',
      pack: 'iptables',
      category: 'iptables',
      severity: 'medium',
      title: 'Unexpected {subject} rule',
      description:
        'A DROP or REJECT rule that is not on the allow-list of rules healthy EKS nodes carry. Critical when it matches DNS (port 53) or the API server (443/6443): then pods cannot resolve names or reach the control plane.',
      remediation:
        'Find which agent or script added the rule (security agents, hardening scripts, a manual change); remove it or narrow it; allow it explicitly if intended (allowedChains).',
      source: 'NMA UnexpectedRejectRule (Warning → medium; critical for DNS or the API server)',
      fisHint: 'network packet loss, blackhole, DNS failure',
      files: [IPTABLES_SAVE],
      evaluate(files) {
        const text = files.get(IPTABLES_SAVE);
        if (!text) return [];
        const issues: StateIssue[] = [];
        for (const rule of parseIptablesSave(text).rules) {
          if (rule.target !== 'DROP' && rule.target !== 'REJECT') continue;
          if (isAllowedReject(rule, allowedChains)) continue;
          const dns = matchesPort(rule.spec, 53);
          const api = API_SERVER_PORTS.some((port) => matchesPort(rule.spec, port));
          const what = dns ? 'DNS (port 53)' : api ? 'the API server port' : undefined;
          issues.push({
            severity: what ? 'critical' : 'medium',
            subject: `${rule.target}${what ? ` on ${what}` : ''} in ${rule.table}/${rule.chain}`,
            detail: what
              ? `A ${rule.target} rule in ${rule.table}/${rule.chain} matches ${what}.`
              : `A ${rule.target} rule in ${rule.table}/${rule.chain} is not on the allow-list.`,
            evidence: [{ file: IPTABLES_SAVE, line: rule.line, excerpt: excerpt(rule) }],
          });
          if (issues.length >= 20) break;
        }
        return issues;
      },
    },
    {
      kind: 'state',
      id: 'iptables.kubelet-port-redirect',
      pack: 'iptables',
      category: 'iptables',
      severity: 'high',
      title: 'Traffic to the kubelet port is redirected',
      description:
        "A DNAT or REDIRECT rule matches port 10250: kubectl logs/exec, metrics and the API server's calls to the kubelet go somewhere else.",
      remediation:
        'Find the workload that installed the rule (hostPort 10250 or a proxy agent) and remove it.',
      source: 'NMA PortConflict (Warning → high)',
      fisHint: 'network disruption',
      files: [IPTABLES_SAVE],
      evaluate(files) {
        const text = files.get(IPTABLES_SAVE);
        if (!text) return [];
        return parseIptablesSave(text)
          .rules.filter((r) => (r.target === 'DNAT' || r.target === 'REDIRECT') && matchesPort(r.spec, 10250))
          .slice(0, 5)
          .map((rule) => ({
            detail: `${rule.target} on port 10250 in ${rule.table}/${rule.chain}.`,
            evidence: [{ file: IPTABLES_SAVE, line: rule.line, excerpt: excerpt(rule) }],
          }));
      },
    },
    {
      kind: 'state',
      id: 'iptables.rule-count-high',
      pack: 'iptables',
      category: 'iptables',
      severity: 'medium',
      title: 'Very many iptables rules',
      description:
        'The rule set holds 20,000 or more rules: kube-proxy in iptables mode slows down (every sync rewrites them) and packet processing gets slower.',
      remediation:
        'Switch kube-proxy to IPVS or nftables mode, or reduce services and endpoints per cluster.',
      source: 'kube-proxy scalability guidance (inferred threshold)',
      files: [IPTABLES_SAVE],
      thresholds: { rules: 20_000 },
      evaluate(files) {
        const text = files.get(IPTABLES_SAVE);
        if (!text) return [];
        const count = parseIptablesSave(text).rules.length;
        if (count < 20_000) return [];
        return [
          {
            detail: `${formatCount(count)} rules.`,
            evidence: [{ file: IPTABLES_SAVE, excerpt: `${formatCount(count)} -A rules` }],
          },
        ];
      },
    },
  ];
}
