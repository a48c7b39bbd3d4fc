import { findingId, type Severity } from '@faultline/findings';
import type { RuleInfo } from '../rules/types';
import { quoteLine } from '../text/quote-line';
import type { NextStep, NodeFinding } from './node-finding';
import type { NodeIdentity } from './node-identity';

/** Evidence quoted in a finding. */
export interface QuotedEvidence {
  file: string;
  line?: number;
  excerpt: string;
}

/** Everything specific to one firing of a rule. */
export interface FindingParts {
  rule: RuleInfo;
  node: NodeIdentity;
  severity: Severity;
  /** A title (template with `{subject}`) other than the rule's, e.g. for a condition that cleared. */
  title?: string;
  subject?: string;
  detail: string;
  evidence: QuotedEvidence[];
  occurrences: number;
  firstSeen?: string;
  lastSeen?: string;
  extraNext?: NextStep[];
}

/** Longest subject (a process, a device, a name captured from a log line) put in a title. */
const MAX_SUBJECT_CHARS = 64;
/** Longest detail sentence of a finding. */
const MAX_DETAIL_CHARS = 1000;

/** The source every node-diagnostics finding names. */
export const FINDING_SOURCE = 'eks-node-diagnostics';

/** Turns a rule firing into a Finding with a stable id, evidence, remediation and next steps. */
export function buildFinding(input: FindingParts): NodeFinding {
  // Everything taken from the node (a subject captured from a log line, a detail naming one, an
  // excerpt) is quoted data: control characters stripped, secrets masked, length capped, here,
  // whatever check produced it.
  const parts: FindingParts = {
    ...input,
    ...(input.subject !== undefined && { subject: quoteLine(input.subject, MAX_SUBJECT_CHARS) }),
    detail: quoteLine(input.detail, MAX_DETAIL_CHARS),
    evidence: input.evidence.map((e) => ({ ...e, excerpt: quoteLine(e.excerpt) })),
  };
  const { rule, node } = parts;
  const title = (parts.title ?? rule.title).replace('{subject}', parts.subject ?? 'a process').slice(0, 200);
  const where = node.hostname && node.hostname !== node.id ? `${node.id} (${node.hostname})` : node.id;
  const summary = [
    `On EKS worker node ${where}: ${rule.description}`,
    parts.detail,
    rule.fisHint ? `Failure mode: ${rule.fisHint}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const id = findingId({
    rule: rule.id,
    resource: node.id,
    evidence: parts.evidence[0]?.excerpt ?? parts.detail,
  });
  const finding: NodeFinding = {
    id,
    source: FINDING_SOURCE,
    title,
    summary,
    severity: parts.severity,
    category: rule.category,
    resources: [node.id],
    evidence: parts.evidence.map((e) => ({
      source: e.file,
      location: e.line === undefined ? e.file : `${e.file}:${e.line}`,
      excerpt: e.excerpt,
    })),
    ...(parts.firstSeen && { detectedAt: parts.firstSeen }),
    relatedFindingIds: [],
    rule: rule.id,
    pack: rule.pack,
    remediation: rule.remediation,
    occurrences: parts.occurrences,
    ...(parts.firstSeen && { firstSeen: parts.firstSeen }),
    ...(parts.lastSeen && { lastSeen: parts.lastSeen }),
    next: [],
  };
  finding.next = [
    {
      tool: 'recommend_fis_experiments',
      arguments: {
        finding: {
          id,
          title,
          summary,
          severity: finding.severity,
          category: finding.category,
          resources: finding.resources,
          source: FINDING_SOURCE,
        },
      },
      why: 'Find the AWS FIS experiment that reproduces this failure, to test the fix.',
    },
    ...(parts.extraNext ?? []),
  ];
  return finding;
}
