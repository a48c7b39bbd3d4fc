import type { Severity } from '@faultline/findings';

/** Rule packs, one per area of the node. */
export const RULE_PACKS = [
  'kubelet',
  'container-runtime',
  'cni-ipamd',
  'kernel',
  'iptables',
  'dns',
  'time-sync',
  'storage',
  'system',
  'networking',
] as const;

/** A rule pack id. */
export type RulePack = (typeof RULE_PACKS)[number];

/** Finding categories, so agents and dashboards can group findings. */
export const CATEGORIES = [
  'kernel',
  'kubelet',
  'container-runtime',
  'cni-ipamd',
  'networking',
  'iptables',
  'dns',
  'storage',
  'resource-pressure',
  'time-sync',
  'accelerator',
  'iam',
  'hardware',
] as const;

/** A finding category. */
export type Category = (typeof CATEGORIES)[number];

/** What every rule states about itself (data, shown in docs and the rule catalog). */
export interface RuleInfo {
  /** Stable id, `<pack>.<what>`; part of every finding id, so never renamed. */
  id: string;
  pack: RulePack;
  category: Category;
  /** Severity per the policy in docs/node-diagnostics.md (NMA Fatal → critical, NPD permanent → high, …). */
  severity: Severity;
  /** One line naming the problem; `{subject}` is replaced by the captured subject when there is one. */
  title: string;
  /** What it means for the node, in a sentence or two. */
  description: string;
  /** What to do about it. */
  remediation: string;
  /** Where the signature comes from (NPD, NMA, AWS docs, or our own inference). */
  source: string;
  /** Words that tell the FIS recommender which failure this reproduces, e.g. "memory exhaustion". */
  fisHint?: string;
}

/** A rule matching log lines. Kept as data: a regex, literal pre-filters, thresholds and examples. */
export interface LogRule extends RuleInfo {
  kind: 'log';
  /** Bundle path prefixes the rule reads, e.g. `kernel/dmesg.current`, `var_log/aws-routed-eni/ipamd`. */
  files: readonly string[];
  /** Cheap pre-filter: a line is tested against `pattern` only if it contains one of these. */
  contains: readonly string[];
  /** The signature. Written without nested or overlapping unbounded quantifiers; no `g`/`y` flag. */
  pattern: RegExp;
  /** Capture group naming the subject (a victim process, a device), quoted in the title. */
  subjectGroup?: number;
  /** Occurrences needed before it is a finding (one restart at boot is not). Default 1. */
  minOccurrences?: number;
  /** The occurrences must fall within this many minutes (when lines carry timestamps). */
  windowMinutes?: number;
  /**
   * A higher severity once the count reaches `minOccurrences` (within `windowMinutes` when set, as
   * NPD's log-counter: one unregister_netdevice wait is medium, 3 in 20 minutes high).
   */
  escalate?: { minOccurrences: number; windowMinutes?: number; severity: Severity };
  /**
   * Count each subject on its own: the threshold must be reached by one subject (the same cron
   * command run again within the window), not by several subjects together.
   */
  perSubject?: boolean;
  /** A line that clears what the rule reports (a pressure condition that ended), per subject. */
  resolvedBy?: RuleResolution;
  /** Titles by captured subject, when the subject tells what the finding is (expired vs. not yet valid). */
  subjectTitles?: Readonly<Record<string, string>>;
  /** Lines that must match and lines (healthy noise, near misses) that must not; each is a test. */
  examples: { match: readonly string[]; noMatch: readonly string[] };
}

/**
 * How a log rule's subject clears, like NPD's revert patterns: a later line in the same file that
 * maps to the subject ends it. A finding whose every subject cleared is reported at `severity`,
 * with `title` and the time each cleared.
 */
export interface RuleResolution {
  /** Cheap pre-filter, as {@link LogRule.contains}. */
  contains: readonly string[];
  /** The clearing line; capture group 1 is looked up in `clears`. */
  pattern: RegExp;
  /** Captured text → the subject it clears, e.g. `NodeHasNoDiskPressure` → `NodeHasDiskPressure`. */
  clears: Readonly<Record<string, string>>;
  /** Severity of a finding whose subjects all cleared. */
  severity: Severity;
  /** Title of such a finding; `{subject}` as in {@link RuleInfo.title}. */
  title: string;
  /** Clearing lines that must match (each clears a subject the rule captures). */
  examples: readonly string[];
}

/** One problem a state check found. */
export interface StateIssue {
  /** Overrides the rule's severity (e.g. a DROP rule that hits DNS is critical). */
  severity?: Severity;
  subject?: string;
  /** The specific facts, e.g. "31,214 of 32,768 PIDs in use (95%)". */
  detail: string;
  evidence: Array<{ file: string; line?: number; excerpt: string }>;
}

/** Collected files a state check reads, by bundle path (capped in size). */
export type StateFiles = ReadonlyMap<string, string>;

/** A check on the state the bundle captured (sysctls, process table, iptables-save, df). */
export interface StateCheck extends RuleInfo {
  kind: 'state';
  /** Exact bundle paths the check reads. */
  files: readonly string[];
  /** Thresholds, kept as data so docs and tests can name them. */
  thresholds?: Readonly<Record<string, number>>;
  evaluate(files: StateFiles): StateIssue[];
}

/** Any rule. */
export type Rule = LogRule | StateCheck;
