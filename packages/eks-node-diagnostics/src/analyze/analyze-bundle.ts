import { compareSeverity } from '@faultline/findings';
import { isCollectorPath } from '../bundle/bundle-path';
import type { BundleSource } from '../bundle/bundle-source';
import { forEachLine } from '../bundle/line-reader';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { LOG_RULES, stateChecks } from '../rules/catalog';
import type { LogRule, RulePack, StateCheck } from '../rules/types';
import { detach } from '../text/quote-line';
import { buildFinding, type QuotedEvidence } from './build-finding';
import { collectionTimeFromBundleName, parseLineTime, yearFromBundleName } from './line-time';
import { LiteralIndex } from './literal-index';
import { buildFacts, FACT_FILES, FACT_LINE_HOOKS, type NodeFacts } from './node-facts';
import type { NextStep, NodeFinding } from './node-finding';
import { hostnameOf, identifyNode, type NodeIdentity } from './node-identity';
import { RuleTracker } from './rule-tracker';
import { type HealthStatus, type PackSummary, type SeverityCounts, summarizeFindings } from './summarize';

/** Options of {@link analyzeBundle}. */
export interface AnalyzeOptions {
  /** The node the findings are about. Defaults to the instance id in the bundle, else its host name. */
  node?: string;
  /** Year of syslog and klog timestamps (they carry none). Defaults to the year in the bundle name, else the current year. */
  year?: number;
  /** Only these packs. Default: all. */
  packs?: readonly RulePack[];
  /** Extra `table/chain` names whose DROP/REJECT rules are expected. */
  allowedIptablesChains?: readonly string[];
  /** Stop with NODE_DIAG_BUNDLE_TOO_LARGE past this many uncompressed bytes. Default 8 GiB. */
  maxBytes?: number;
  /** Largest whole file kept for state checks, in bytes. Default 16 MiB; the rest is ignored. */
  maxStateFileBytes?: number;
  /** Clock for durations. Defaults to `performance.now`. */
  now?: () => number;
  /** Called after each file. */
  onProgress?: (progress: { files: number; bytes: number; path: string }) => void;
}

/** The summary of an analysis. */
export interface AnalysisSummary {
  node: NodeIdentity;
  bundle: { ref: string; kind: BundleSource['kind']; name: string };
  status: HealthStatus;
  counts: SeverityCounts;
  packs: PackSummary[];
  files: number;
  bytes: number;
  lines: number;
  /** Lines longer than the cap, analysed truncated. */
  truncatedLines: number;
  durationMs: number;
}

/** The result of {@link analyzeBundle}. */
export interface AnalysisResult {
  findings: NodeFinding[];
  summary: AnalysisSummary;
  facts: NodeFacts;
}

const GIB = 1024 ** 3;

function matchesFile(prefixes: readonly string[], path: string): boolean {
  return prefixes.some((prefix) => path.startsWith(prefix));
}

function subjectOf(match: RegExpExecArray, rule: LogRule): string | undefined {
  if (rule.subjectGroup === undefined) return undefined;
  return match[rule.subjectGroup] ?? match.slice(1).find((group) => group !== undefined);
}

function isoOf(time: { ms: number; absolute: boolean } | undefined): string | undefined {
  return time?.absolute ? new Date(time.ms).toISOString() : undefined;
}

function logNext(rule: LogRule, tracker: RuleTracker, bundleRef: string): NextStep[] {
  const around = isoOf(tracker.trigger?.time ?? tracker.first?.time);
  return [
    {
      tool: 'search_node_logs',
      arguments: {
        bundle: bundleRef,
        pattern: rule.contains[0],
        literal: true,
        files: [tracker.file],
        ...(around && { around, windowMinutes: 30 }),
      },
      why: 'See the lines around the first occurrences, with their context.',
    },
  ];
}

function packNext(pack: RulePack, bundleRef: string, node: NodeIdentity): NextStep[] {
  const steps: NextStep[] = [];
  if (pack === 'iptables' || pack === 'dns') {
    steps.push({
      tool: 'analyze_iptables',
      arguments: { bundle: bundleRef },
      why: 'See the full rule set analysis.',
    });
  }
  const document =
    pack === 'dns'
      ? 'dns-check'
      : pack === 'time-sync' || pack === 'container-runtime'
        ? 'node-status'
        : undefined;
  if (document && node.instanceId) {
    steps.push({
      tool: 'collect_node_diagnostics',
      arguments: { instanceId: node.instanceId, document },
      why: 'Check the live node with a read-only Automation document.',
    });
  }
  return steps;
}

function logFindings(
  rule: LogRule,
  trackers: RuleTracker[],
  node: NodeIdentity,
  bundleRef: string,
): NodeFinding | undefined {
  const fired = trackers.filter((t) => t.triggered).sort((a, b) => b.count - a.count);
  const best = fired[0];
  if (!best?.first) return undefined;
  const severity =
    rule.escalate && best.count >= rule.escalate.minOccurrences ? rule.escalate.severity : rule.severity;
  const evidence: QuotedEvidence[] = [];
  for (const occurrence of [best.first, best.trigger, best.last]) {
    if (occurrence && !evidence.some((e) => e.line === occurrence.line)) {
      evidence.push({ file: occurrence.file, line: occurrence.line, excerpt: occurrence.excerpt });
    }
  }
  const subjects = [...best.subjects.entries()].sort((a, b) => b[1] - a[1]);
  const firstSeen = isoOf(best.first.time);
  const lastSeen = isoOf(best.last?.time);
  const detail = [
    `Seen ${best.count} time${best.count === 1 ? '' : 's'} in ${best.file}`,
    firstSeen && lastSeen ? ` between ${firstSeen} and ${lastSeen}` : '',
    '.',
    subjects.length > 0
      ? ` Subjects: ${subjects
          .slice(0, 5)
          .map(([s, n]) => `${s} (${n})`)
          .join(', ')}.`
      : '',
  ].join('');
  return buildFinding({
    rule,
    node,
    severity,
    subject: subjects[0]?.[0],
    detail,
    evidence,
    occurrences: best.count,
    ...(firstSeen && { firstSeen }),
    ...(lastSeen && { lastSeen }),
    extraNext: [...logNext(rule, best, bundleRef), ...packNext(rule.pack, bundleRef, node)],
  });
}

function stateFindings(
  check: StateCheck,
  files: Map<string, string>,
  node: NodeIdentity,
  bundleRef: string,
): NodeFinding[] {
  return check.evaluate(files).map((issue) =>
    buildFinding({
      rule: check,
      node,
      severity: issue.severity ?? check.severity,
      ...(issue.subject && { subject: issue.subject }),
      detail: issue.detail,
      evidence: issue.evidence.map((e) => ({ ...e, excerpt: e.excerpt.slice(0, 400) })),
      occurrences: 1,
      extraNext: packNext(check.pack, bundleRef, node),
    }),
  );
}

/**
 * Analyses a collected bundle: streams every file line by line through the log rules whose files
 * it matches, keeps the small state files (sysctls, ps, iptables-save, df) for the state checks,
 * and returns findings (most severe first), a summary per pack and facts for comparisons. Memory
 * stays flat whatever the bundle size: lines are not kept, only counters and a few quoted excerpts.
 *
 * @example
 * const { findings, summary } = await analyzeBundle(await openBundle('eks_i-0abc.tar.gz', { roots: [process.cwd()] }));
 */
export async function analyzeBundle(
  source: BundleSource,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const packs = options.packs ? new Set(options.packs) : undefined;
  const rules = LOG_RULES.filter((rule) => !packs || packs.has(rule.pack));
  const checks = stateChecks(options.allowedIptablesChains).filter(
    (check) => !packs || packs.has(check.pack),
  );
  const wanted = new Set<string>([...FACT_FILES, 'sysctls/sysctl_all.txt', 'networking/iptables-save.txt']);
  for (const check of checks) for (const file of check.files) wanted.add(file);
  const maxBytes = options.maxBytes ?? 8 * GIB;
  const maxStateBytes = options.maxStateFileBytes ?? 16 * 1024 * 1024;
  const year = options.year ?? yearFromBundleName(source.name) ?? new Date().getUTCFullYear();
  // yearless lines from before New Year belong to the year before the collection (a given year is kept)
  const notAfter =
    options.year === undefined ? (collectionTimeFromBundleName(source.name) ?? Date.now()) : undefined;

  const trackers = new Map<LogRule, RuleTracker[]>();
  const stateFiles = new Map<string, string>();
  const lineVersions: Record<string, string> = {};
  let hostname: string | undefined;
  let files = 0;
  let collectorFiles = 0;
  let bytes = 0;
  let lines = 0;
  let truncatedLines = 0;

  for await (const file of source.files()) {
    files += 1;
    if (isCollectorPath(file.path)) collectorFiles += 1;
    bytes += file.size;
    if (bytes > maxBytes) {
      throw new NodeDiagnosticsError(
        NodeDiagnosticsErrorCode.BundleTooLarge,
        `the bundle holds more than ${Math.round(maxBytes / 1024 ** 2)} MiB uncompressed; analyse a smaller bundle or raise maxBytes`,
      );
    }
    const candidates = rules
      .filter((rule) => matchesFile(rule.files, file.path))
      .map((rule) => {
        const tracker = new RuleTracker(file.path, rule.minOccurrences ?? 1, rule.windowMinutes);
        const list = trackers.get(rule) ?? [];
        list.push(tracker);
        trackers.set(rule, list);
        return { rule, tracker };
      });
    // One scan of each line finds the rules whose literals it holds (most lines hold none).
    const index = new LiteralIndex(
      candidates.map((candidate) => ({ literals: candidate.rule.contains, value: candidate })),
    );
    const hooks = FACT_LINE_HOOKS.filter(
      (hook) => file.path.startsWith(hook.file) && !lineVersions[hook.key],
    );
    const keep = wanted.has(file.path) && file.size <= maxStateBytes;
    const wantsHost =
      hostname === undefined && (file.path === 'var_log/messages' || file.path === 'kubelet/kubelet.log');
    if (candidates.length === 0 && hooks.length === 0 && !keep && !wantsHost) continue;
    const kept: string[] = [];
    const result = await forEachLine(file.read(), (line, lineNumber) => {
      if (keep) kept.push(line);
      if (wantsHost && hostname === undefined) {
        const name = hostnameOf(line);
        if (name !== undefined) hostname = detach(name);
      }
      for (const hook of hooks) {
        if (!lineVersions[hook.key] && line.includes(hook.contains)) {
          const version = hook.pattern.exec(line)?.[1];
          if (version) lineVersions[hook.key] = detach(version);
        }
      }
      const found = index.match(line);
      if (!found) return undefined;
      for (const { rule, tracker } of found) {
        const match = rule.pattern.exec(line);
        if (!match) continue;
        tracker.record(lineNumber, line, parseLineTime(line, year, notAfter), subjectOf(match, rule));
      }
      return undefined;
    });
    lines += result.lines;
    truncatedLines += result.truncatedLines;
    if (keep) stateFiles.set(file.path, kept.join('\n'));
    options.onProgress?.({ files, bytes, path: file.path });
  }

  // No finding from no evidence is not a healthy node: an empty folder, a folder of something else,
  // or a bundle of symlinks only (never followed) would otherwise be reported "healthy".
  if (collectorFiles === 0) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleInvalid,
      `"${source.ref.slice(0, 200)}" holds no file the EKS log collector writes (${files} file${files === 1 ? '' : 's'} read, none under kubelet/, var_log/, kernel/, …); point at the bundle folder or the eks_<instance>_….tar.gz`,
    );
  }
  const node = identifyNode({
    ...(options.node !== undefined && { override: options.node }),
    ...(stateFiles.has('system/instance-id.txt') && {
      instanceIdFile: stateFiles.get('system/instance-id.txt'),
    }),
    ...(stateFiles.has('system/region.txt') && { regionFile: stateFiles.get('system/region.txt') }),
    bundleName: source.name,
    ...(hostname !== undefined && { hostname }),
  });
  const findings: NodeFinding[] = [];
  for (const [rule, list] of trackers) {
    const finding = logFindings(rule, list, node, source.ref);
    if (finding) findings.push(finding);
  }
  for (const check of checks) findings.push(...stateFindings(check, stateFiles, node, source.ref));
  findings.sort(
    (a, b) =>
      compareSeverity(a.severity, b.severity) || b.occurrences - a.occurrences || (a.rule < b.rule ? -1 : 1),
  );
  for (const finding of findings) {
    finding.relatedFindingIds = findings
      .filter((other) => other !== finding && other.category === finding.category)
      .slice(0, 10)
      .map((other) => other.id);
  }
  const { status, counts, packs: packSummaries } = summarizeFindings(findings);
  return {
    findings,
    summary: {
      node,
      bundle: { ref: source.ref, kind: source.kind, name: source.name },
      status,
      counts,
      packs: packSummaries.filter((p) => !packs || packs.has(p.pack)),
      files,
      bytes,
      lines,
      truncatedLines,
      durationMs: Math.round(now() - started),
    },
    facts: buildFacts(stateFiles, lineVersions),
  };
}
