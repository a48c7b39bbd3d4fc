import type { Severity } from '@faultline/findings';
import type { AnalysisResult } from '../analyze/analyze-bundle';
import { buildFinding, type QuotedEvidence } from '../analyze/build-finding';
import type { NodeFinding } from '../analyze/node-finding';
import type { RuleInfo } from '../rules/types';
import { quoteLine } from '../text/quote-line';
import { COMPARE_RULES, CRITICAL_SYSCTLS } from './compare-rules';

/** A value that differs between the nodes (`null` where one side does not have it). */
export interface ValueDifference {
  key: string;
  suspect: string | null;
  knownGood: string | null;
}

/** The side-by-side view of two bundles. */
export interface NodeComparison {
  suspect: { node: string; bundle: string; status: string };
  knownGood: { node: string; bundle: string; status: string };
  iptables: {
    onlyOnSuspect: string[];
    onlyOnKnownGood: string[];
    suspectRules: number;
    knownGoodRules: number;
  };
  sysctls: ValueDifference[];
  versions: ValueDifference[];
  kubeletConfig: ValueDifference[];
  findings: {
    onlyOnSuspect: Array<{ rule: string; title: string; severity: Severity }>;
    onlyOnKnownGood: Array<{ rule: string; title: string; severity: Severity }>;
    onBoth: string[];
  };
  /** The differences as findings of their own, about the suspect node. */
  differenceFindings: NodeFinding[];
}

const LIST_CAP = 200;

/** Node-specific parts of otherwise identical rules (the SNAT source is the node's own IP). */
function normaliseRule(rule: string): string {
  return rule.replace(/--to-source \S+/g, '--to-source <node-ip>');
}

function diffValues(a: Record<string, string>, b: Record<string, string>): ValueDifference[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((key) => a[key] !== b[key])
    .map((key) => ({ key, suspect: a[key] ?? null, knownGood: b[key] ?? null }));
}

function valueEvidence(file: string, diffs: ValueDifference[]): QuotedEvidence[] {
  return diffs.slice(0, 10).map((d) => ({
    file,
    excerpt: quoteLine(
      `${d.key}: suspect=${d.suspect ?? '(absent)'} known-good=${d.knownGood ?? '(absent)'}`,
    ),
  }));
}

function differenceFinding(
  rule: RuleInfo,
  suspect: AnalysisResult,
  good: AnalysisResult,
  severity: Severity,
  detail: string,
  evidence: QuotedEvidence[],
): NodeFinding {
  const finding = buildFinding({
    rule,
    node: suspect.summary.node,
    severity,
    detail: `${detail} Known-good node: ${good.summary.node.id}.`,
    evidence,
    occurrences: 1,
    extraNext: [
      {
        tool: 'analyze_iptables',
        arguments: { bundle: suspect.summary.bundle.ref },
        why: 'See the suspect node rule set analysed on its own.',
      },
    ],
  });
  finding.resources = [...new Set([suspect.summary.node.id, good.summary.node.id])];
  return finding;
}

/**
 * Compares the analysis of a suspect node's bundle with a known-good node's: iptables rules,
 * sysctls, versions, kubelet configuration and findings side by side, and each kind of
 * difference as a finding about the suspect node.
 */
export function compareAnalyses(suspect: AnalysisResult, good: AnalysisResult): NodeComparison {
  const suspectRules = new Set(suspect.facts.iptablesRules.map(normaliseRule));
  const goodRules = new Set(good.facts.iptablesRules.map(normaliseRule));
  const onlyOnSuspect = [...suspectRules].filter((r) => !goodRules.has(r));
  const onlyOnKnownGood = [...goodRules].filter((r) => !suspectRules.has(r));
  const sysctls = diffValues(suspect.facts.sysctls, good.facts.sysctls);
  const versions = diffValues(suspect.facts.versions, good.facts.versions);
  const kubeletConfig = diffValues(suspect.facts.kubeletConfig, good.facts.kubeletConfig);
  const suspectRulesFired = new Map(suspect.findings.map((f) => [f.rule, f]));
  const goodRulesFired = new Map(good.findings.map((f) => [f.rule, f]));
  const brief = (f: NodeFinding) => ({ rule: f.rule, title: f.title, severity: f.severity });

  const findings: NodeFinding[] = [];
  if (onlyOnSuspect.length > 0 || onlyOnKnownGood.length > 0) {
    const harmful = onlyOnSuspect.filter((r) => /-j (?:DROP|REJECT|DNAT|REDIRECT)\b/.test(r));
    const lostKube = onlyOnKnownGood.filter((r) => /KUBE-/.test(r));
    const severity: Severity = harmful.length > 0 || lostKube.length > 0 ? 'high' : 'low';
    const shown = [
      ...harmful,
      ...lostKube.map((r) => `missing: ${r}`),
      ...onlyOnSuspect.filter((r) => !harmful.includes(r)),
    ];
    findings.push(
      differenceFinding(
        COMPARE_RULES.iptables,
        suspect,
        good,
        severity,
        `${onlyOnSuspect.length} rules only on the suspect node (${harmful.length} of them DROP/REJECT/DNAT/REDIRECT), ${onlyOnKnownGood.length} only on the known-good node (${lostKube.length} kube-proxy rules).`,
        shown.slice(0, 10).map((r) => ({ file: 'networking/iptables-save.txt', excerpt: quoteLine(r) })),
      ),
    );
  }
  if (sysctls.length > 0) {
    const critical = sysctls.filter((d) => CRITICAL_SYSCTLS.has(d.key));
    const ordered = [...critical, ...sysctls.filter((d) => !CRITICAL_SYSCTLS.has(d.key))];
    findings.push(
      differenceFinding(
        COMPARE_RULES.sysctls,
        suspect,
        good,
        critical.length > 0 ? 'high' : 'low',
        `${sysctls.length} sysctls differ${critical.length > 0 ? `, including ${critical.map((d) => d.key).join(', ')}` : ''}.`,
        valueEvidence('sysctls/sysctl_all.txt', ordered),
      ),
    );
  }
  if (versions.length > 0) {
    findings.push(
      differenceFinding(
        COMPARE_RULES.versions,
        suspect,
        good,
        'medium',
        `Versions differ: ${versions.map((d) => `${d.key} ${d.suspect ?? '?'} vs ${d.knownGood ?? '?'}`).join('; ')}.`,
        valueEvidence('versions', versions),
      ),
    );
  }
  if (kubeletConfig.length > 0) {
    findings.push(
      differenceFinding(
        COMPARE_RULES.kubeletConfig,
        suspect,
        good,
        'medium',
        `${kubeletConfig.length} kubelet settings differ.`,
        valueEvidence('kubelet/config.json', kubeletConfig),
      ),
    );
  }
  return {
    suspect: {
      node: suspect.summary.node.id,
      bundle: suspect.summary.bundle.ref,
      status: suspect.summary.status,
    },
    knownGood: { node: good.summary.node.id, bundle: good.summary.bundle.ref, status: good.summary.status },
    iptables: {
      onlyOnSuspect: onlyOnSuspect.slice(0, LIST_CAP).map((r) => quoteLine(r)),
      onlyOnKnownGood: onlyOnKnownGood.slice(0, LIST_CAP).map((r) => quoteLine(r)),
      suspectRules: suspectRules.size,
      knownGoodRules: goodRules.size,
    },
    sysctls: sysctls.slice(0, LIST_CAP),
    versions,
    kubeletConfig: kubeletConfig.slice(0, LIST_CAP),
    findings: {
      onlyOnSuspect: suspect.findings.filter((f) => !goodRulesFired.has(f.rule)).map(brief),
      onlyOnKnownGood: good.findings.filter((f) => !suspectRulesFired.has(f.rule)).map(brief),
      onBoth: [...suspectRulesFired.keys()].filter((rule) => goodRulesFired.has(rule)),
    },
    differenceFindings: findings,
  };
}
