import { iptablesChecks } from '../iptables/iptables-checks';
import { DISK_CHECKS } from '../state/disk-usage';
import { NETWORKING_CHECKS } from '../state/networking-checks';
import { PROCESS_CHECKS } from '../state/process-checks';
import { CNI_IPAMD_RULES } from './packs/cni-ipamd';
import { CONTAINER_RUNTIME_RULES } from './packs/container-runtime';
import { DNS_RULES } from './packs/dns';
import { IPTABLES_LOG_RULES } from './packs/iptables';
import { KERNEL_RULES } from './packs/kernel';
import { KUBELET_RULES } from './packs/kubelet';
import { NETWORKING_LOG_RULES } from './packs/networking';
import { STORAGE_RULES } from './packs/storage';
import { SYSTEM_LOG_RULES } from './packs/system';
import { TIME_SYNC_RULES } from './packs/time-sync';
import type { LogRule, Rule, RuleInfo, StateCheck } from './types';

/** Every log-pattern rule, pack by pack. */
export const LOG_RULES: readonly LogRule[] = [
  ...KUBELET_RULES,
  ...CONTAINER_RUNTIME_RULES,
  ...CNI_IPAMD_RULES,
  ...KERNEL_RULES,
  ...IPTABLES_LOG_RULES,
  ...DNS_RULES,
  ...TIME_SYNC_RULES,
  ...STORAGE_RULES,
  ...SYSTEM_LOG_RULES,
  ...NETWORKING_LOG_RULES,
];

/** Every state check; `allowedChains` (`table/chain`) extends the iptables REJECT/DROP allow-list. */
export function stateChecks(allowedChains: readonly string[] = []): StateCheck[] {
  return [...PROCESS_CHECKS, ...NETWORKING_CHECKS, ...DISK_CHECKS, ...iptablesChecks(allowedChains)];
}

/** Every rule, log and state. */
export function allRules(allowedChains: readonly string[] = []): Rule[] {
  return [...LOG_RULES, ...stateChecks(allowedChains)];
}

/** A rule as the catalog lists it (docs, the `fis://`-like listing, snapshot tests). */
export interface RuleSummary extends Omit<RuleInfo, 'fisHint'> {
  kind: 'log' | 'state';
  /** Files the rule reads (prefixes for log rules). */
  files: readonly string[];
  /** The regex source for log rules; thresholds for state checks. */
  signature: string;
}

/** The rule catalog: ids, packs, severities, what each detects and from which files. */
export function ruleCatalog(): RuleSummary[] {
  return allRules().map((rule) => ({
    kind: rule.kind,
    id: rule.id,
    pack: rule.pack,
    category: rule.category,
    severity: rule.severity,
    title: rule.title,
    description: rule.description,
    remediation: rule.remediation,
    source: rule.source,
    files: rule.files,
    signature:
      rule.kind === 'log'
        ? rule.pattern.source + (firesAt(rule) === '1' ? '' : ` (${firesAt(rule)})`)
        : JSON.stringify(rule.thresholds ?? {}),
  }));
}

/** A window of log time as people read it: `20 min`, `4.5 min`, `1 s`. */
export function formatWindow(minutes: number): string {
  return minutes < 1 ? `${Math.round(minutes * 60)} s` : `${minutes} min`;
}

/** When a log rule makes a finding: `1`, `≥ 3 in 10 min`, `≥ 2 in 4.5 min, same subject`. */
export function firesAt(rule: LogRule): string {
  const min = rule.minOccurrences ?? 1;
  if (min <= 1) return '1';
  const window = rule.windowMinutes !== undefined ? ` in ${formatWindow(rule.windowMinutes)}` : '';
  return `≥ ${min}${window}${rule.perSubject ? ', same subject' : ''}`;
}
