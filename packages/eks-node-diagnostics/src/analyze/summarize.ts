import { compareSeverity, SEVERITIES, type Severity } from '@faultline/findings';
import { RULE_PACKS, type RulePack } from '../rules/types';
import type { NodeFinding } from './node-finding';

/** Health of a pack or of the node: no findings, only low ones, some medium/high, any critical. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** One pack's line in the summary. */
export interface PackSummary {
  pack: RulePack;
  status: HealthStatus;
  findings: number;
  worstSeverity?: Severity;
  /** Ids and titles of the pack's findings, most severe first (at most 5). */
  top: Array<{ id: string; title: string; severity: Severity }>;
}

/** Counts of findings by severity. */
export type SeverityCounts = Record<Severity, number>;

/** The health status that a worst severity means. */
export function statusOf(worst: Severity | undefined): HealthStatus {
  if (worst === undefined || worst === 'info' || worst === 'low') return 'healthy';
  return worst === 'critical' ? 'unhealthy' : 'degraded';
}

/** Counts findings per severity and summarises every pack, including packs with nothing to report. */
export function summarizeFindings(findings: readonly NodeFinding[]): {
  status: HealthStatus;
  counts: SeverityCounts;
  packs: PackSummary[];
} {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const finding of findings) counts[finding.severity] += 1;
  const packs = RULE_PACKS.map((pack): PackSummary => {
    const own = findings
      .filter((f) => f.pack === pack)
      .sort((a, b) => compareSeverity(a.severity, b.severity));
    const worst = own[0]?.severity;
    return {
      pack,
      status: statusOf(worst),
      findings: own.length,
      ...(worst && { worstSeverity: worst }),
      top: own.slice(0, 5).map((f) => ({ id: f.id, title: f.title, severity: f.severity })),
    };
  });
  const worst = SEVERITIES.find((s) => counts[s] > 0);
  return { status: statusOf(worst), counts, packs };
}
