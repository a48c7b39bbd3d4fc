import { buildFinding } from '../analyze/build-finding';
import type { NodeFinding } from '../analyze/node-finding';
import type { NodeIdentity } from '../analyze/node-identity';
import { IPTABLES_SAVE, iptablesChecks } from './iptables-checks';
import { parseIptablesSave } from './parse-iptables-save';
import { isAllowedReject } from './reject-allow-list';

/** Counts that describe a rule set. */
export interface IptablesStats {
  tables: Array<{ table: string; chains: number; rules: number }>;
  totalRules: number;
  kubeProxyChains: number;
  /** DROP/REJECT rules, and how many of them are on the allow-list. */
  rejectRules: number;
  allowedRejectRules: number;
  dnatRules: number;
}

/** Options of {@link analyzeIptables}. */
export interface AnalyzeIptablesOptions {
  /** The node the findings are about. */
  node?: NodeIdentity;
  /** Extra `table/chain` names whose DROP/REJECT rules are expected. */
  allowedChains?: readonly string[];
  /** Bundle the text came from, for next steps. */
  bundleRef?: string;
}

/** Runs the iptables checks on an `iptables-save` dump and describes the rule set. */
export function analyzeIptables(
  text: string,
  options: AnalyzeIptablesOptions = {},
): { findings: NodeFinding[]; stats: IptablesStats } {
  const node = options.node ?? { id: 'unknown-node' };
  const dump = parseIptablesSave(text);
  const files = new Map([[IPTABLES_SAVE, text]]);
  const findings = iptablesChecks(options.allowedChains).flatMap((check) =>
    check.evaluate(files).map((issue) =>
      buildFinding({
        rule: check,
        node,
        severity: issue.severity ?? check.severity,
        ...(issue.subject && { subject: issue.subject }),
        detail: issue.detail,
        evidence: issue.evidence,
        occurrences: 1,
      }),
    ),
  );
  const rejects = dump.rules.filter((r) => r.target === 'DROP' || r.target === 'REJECT');
  const stats: IptablesStats = {
    tables: [...dump.chains.entries()].map(([table, chains]) => ({
      table,
      chains: chains.size,
      rules: dump.rules.filter((r) => r.table === table).length,
    })),
    totalRules: dump.rules.length,
    kubeProxyChains: [...dump.chains.values()].reduce(
      (n, chains) => n + [...chains.keys()].filter((c) => c.startsWith('KUBE-')).length,
      0,
    ),
    rejectRules: rejects.length,
    allowedRejectRules: rejects.filter((r) => isAllowedReject(r, options.allowedChains)).length,
    dnatRules: dump.rules.filter((r) => r.target === 'DNAT').length,
  };
  return { findings, stats };
}
