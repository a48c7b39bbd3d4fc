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
import { type Occurrence, RuleTracker } from './rule-tracker';
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

function logNext(rule: LogRule, view: TrackerView, bundleRef: string): NextStep[] {
  const around = isoOf(view.trigger?.time ?? view.first.time);
  // the literal the first quoted line holds: a rule with several (two wordings of one message)
  // would otherwise send the search after a wording this file does not use
  const literal = rule.contains.find((l) => view.first.excerpt.includes(l)) ?? rule.contains[0];
  return [
    {
      tool: 'search_node_logs',
      arguments: {
        bundle: bundleRef,
        pattern: literal,
        literal: true,
        files: [view.file],
        ...(around && { around, windowMinutes: 30 }),
      },
      why: 'See the lines around the first occurrences, with their context.',
    },
  ];
}

/** What one file says about a rule: its occurrences, or those of the subjects that reached the threshold. */
interface TrackerView {
  file: string;
  count: number;
  first: Occurrence;
  trigger?: Occurrence;
  last?: Occurrence;
  /** Subjects, most frequent first. */
  subjects: Array<[string, number]>;
  cleared: ReadonlyMap<string, Occurrence>;
  escalated: boolean;
}

function byCount(a: [string, number], b: [string, number]): number {
  return b[1] - a[1];
}

function viewOf(tracker: RuleTracker): TrackerView | undefined {
  if (!tracker.triggered || !tracker.first) return undefined;
  if (!tracker.bySubject) {
    return {
      file: tracker.file,
      count: tracker.count,
      first: tracker.first,
      ...(tracker.trigger && { trigger: tracker.trigger }),
      ...(tracker.last && { last: tracker.last }),
      subjects: [...tracker.subjects.entries()].sort(byCount),
      cleared: tracker.cleared,
      escalated: tracker.escalated,
    };
  }
  // per subject: only the subjects that reached the threshold count (the hourly job is not rapid)
  const fired = [...tracker.bySubject.entries()]
    .filter(([, t]) => t.triggered)
    .sort((a, b) => b[1].count - a[1].count);
  const top = fired[0]?.[1];
  if (!top?.first) return undefined;
  return {
    file: tracker.file,
    count: fired.reduce((sum, [, t]) => sum + t.count, 0),
    first: top.first,
    ...(top.trigger && { trigger: top.trigger }),
    ...(top.last && { last: top.last }),
    subjects: fired.map(([subject, t]): [string, number] => [subject, t.count]),
    cleared: new Map(),
    escalated: fired.some(([, t]) => t.escalated),
  };
}

function where(occurrence: Occurrence): string {
  const at = isoOf(occurrence.time);
  return `${at ? `at ${at} ` : ''}(${occurrence.file}:${occurrence.line})`;
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
  // One file speaks for the rule, never a sum: the same kernel line sits in dmesg.current,
  // dmesg.human.current, messages and faultline/dmesg.txt. The file with the most occurrences
  // wins; on a tie, the one with wall-clock times (dmesg --ctime over raw dmesg), then the one
  // the rule lists first (plugin.log, where the kubelet only quotes the plugin).
  const views = trackers.flatMap((tracker) => viewOf(tracker) ?? []);
  const wallClock = (view: TrackerView) => (view.first.time?.absolute ? 1 : 0);
  const listed = (view: TrackerView) => rule.files.findIndex((prefix) => view.file.startsWith(prefix));
  views.sort((a, b) => b.count - a.count || wallClock(b) - wallClock(a) || listed(a) - listed(b));
  const best = views[0];
  if (!best) return undefined;
  // a condition that a later line cleared (NodeHasNoDiskPressure after NodeHasDiskPressure)
  const active = best.subjects.filter(([subject]) => !best.cleared.has(subject));
  const cleared = best.subjects.filter(([subject]) => best.cleared.has(subject));
  const resolved = rule.resolvedBy !== undefined && best.subjects.length > 0 && active.length === 0;
  let severity = best.escalated && rule.escalate ? rule.escalate.severity : rule.severity;
  if (resolved && rule.resolvedBy) severity = rule.resolvedBy.severity;
  const evidence: QuotedEvidence[] = [];
  const clearing = cleared.flatMap(([subject]) => best.cleared.get(subject) ?? []);
  for (const occurrence of [best.first, best.trigger, best.last, ...clearing.slice(0, 2)]) {
    if (occurrence && !evidence.some((e) => e.line === occurrence.line)) {
      evidence.push({ file: occurrence.file, line: occurrence.line, excerpt: occurrence.excerpt });
    }
  }
  const subject = (resolved ? best.subjects : active)[0]?.[0];
  const titles = rule.subjectTitles;
  const titled =
    subject !== undefined && titles && Object.hasOwn(titles, subject) ? titles[subject] : undefined;
  const listSubjects = best.subjects.length > 0 && (!rule.subjectTitles || best.subjects.length > 1);
  const firstSeen = isoOf(best.first.time);
  const lastSeen = isoOf(best.last?.time);
  const detail = [
    `Seen ${best.count} time${best.count === 1 ? '' : 's'} in ${best.file}`,
    firstSeen && lastSeen ? ` between ${firstSeen} and ${lastSeen}` : '',
    '.',
    listSubjects
      ? ` Subjects: ${best.subjects
          .slice(0, 5)
          .map(([s, n]) => `${s} (${n})`)
          .join(', ')}.`
      : '',
    cleared.length > 0
      ? ` Cleared: ${cleared
          .slice(0, 5)
          .map(([s]) => `${s} ${where(best.cleared.get(s) as Occurrence)}`)
          .join(
            ', ',
          )}${resolved ? '' : `; still reported at the end of the log: ${active.map(([s]) => s).join(', ')}`}.`
      : '',
  ].join('');
  return buildFinding({
    rule,
    node,
    severity,
    ...((resolved || titled) && { title: resolved ? rule.resolvedBy?.title : titled }),
    subject,
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
        const tracker = new RuleTracker(file.path, {
          minOccurrences: rule.minOccurrences ?? 1,
          ...(rule.windowMinutes !== undefined && { windowMinutes: rule.windowMinutes }),
          ...(rule.escalate && { escalate: rule.escalate }),
          ...(rule.perSubject && { perSubject: true }),
        });
        const list = trackers.get(rule) ?? [];
        list.push(tracker);
        trackers.set(rule, list);
        return { rule, tracker };
      });
    // One scan of each line finds the rules whose literals it holds (most lines hold none).
    const index = new LiteralIndex(
      candidates.map((candidate) => ({
        literals: candidate.rule.resolvedBy
          ? [...candidate.rule.contains, ...candidate.rule.resolvedBy.contains]
          : candidate.rule.contains,
        value: candidate,
      })),
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
        if (match) {
          tracker.record(lineNumber, line, parseLineTime(line, year, notAfter), subjectOf(match, rule));
        } else if (rule.resolvedBy) {
          const cleared = rule.resolvedBy.pattern.exec(line)?.[1];
          const clears = rule.resolvedBy.clears;
          const subject =
            cleared !== undefined && Object.hasOwn(clears, cleared) ? clears[cleared] : undefined;
          if (subject !== undefined)
            tracker.clear(lineNumber, line, parseLineTime(line, year, notAfter), subject);
        }
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
