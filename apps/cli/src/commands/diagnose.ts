import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { NodeFinding } from '@faultline/eks-node-diagnostics';
import { type CommandSpec, listOption } from '../args';
import type { CommandContext } from '../context';
import { ExitCode, UsageError } from '../errors';
import { table, truncate } from '../style';

export const diagnoseCommand: CommandSpec = {
  name: 'diagnose',
  summary: 'Analyse an EKS worker node’s log bundle (eks-log-collector) into findings, offline',
  positionals: [
    {
      name: 'BUNDLE',
      required: true,
      help: 'the bundle: a folder, a .tar.gz as eks-log-collector.sh writes it, or s3://bucket/key',
    },
  ],
  options: [
    {
      name: 'pack',
      value: 'PACK',
      repeatable: true,
      help: 'Only this rule pack, e.g. kernel, dns (repeatable)',
    },
    {
      name: 'node',
      value: 'NAME',
      help: 'Name the node in findings (default: the instance id in the bundle)',
    },
  ],
  notes: [
    'Exit 0 when the node is healthy (no finding above low), 1 when findings of medium severity or',
    'above were found, 2 when the bundle cannot be read. s3:// bundles use the standard AWS credentials.',
    'Pass a finding from --json output to "faultline recommend" to find the FIS experiment that tests it.',
  ],
};

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `faultline diagnose BUNDLE`: findings from a node's log bundle, with evidence and remediation. */
export async function runDiagnose(ctx: CommandContext): Promise<number> {
  const ref = ctx.positionals[0] as string;
  const { analyzeBundle, NodeDiagnosticsError, openBundle } = await import('@faultline/eks-node-diagnostics');
  const node = ctx.string('node');
  const packs = listOption(ctx.options, 'pack');
  let source: Awaited<ReturnType<typeof openBundle>>;
  try {
    if (ref.startsWith('s3://')) {
      ctx.progress(`Reading ${ref} from S3…`);
      source = await openBundle(ref, { roots: [] });
    } else {
      const path = resolve(ctx.io.cwd, ref);
      await stat(path).catch(() => {
        throw new UsageError(`cannot read bundle ${ref}: no such file or folder`, 'diagnose');
      });
      source = await openBundle(basename(path), { roots: [dirname(path)] });
    }
  } catch (error) {
    if (NodeDiagnosticsError.isInstance(error)) throw new UsageError(`${ref}: ${error.message}`, 'diagnose');
    throw error;
  }
  let lastReport = Date.now();
  let result: Awaited<ReturnType<typeof analyzeBundle>>;
  try {
    result = await analyzeBundle(source, {
      ...(node !== undefined && { node }),
      ...(packs.length > 0 && { packs: packs as never }),
      onProgress: ({ files, bytes }) => {
        const now = Date.now();
        if (now - lastReport < 1000) return;
        lastReport = now;
        ctx.progress(`Analysed ${files} files (${mb(bytes)})…`);
      },
    });
  } catch (error) {
    if (NodeDiagnosticsError.isInstance(error)) throw new UsageError(`${ref}: ${error.message}`, 'diagnose');
    throw error;
  }
  const { findings, summary } = result;
  const failed = summary.status !== 'healthy';
  if (ctx.json) {
    ctx.printJson({ summary, findings });
    return failed ? ExitCode.Failed : ExitCode.Ok;
  }
  const { out } = ctx;
  const colour = (severity: string) =>
    severity === 'critical' || severity === 'high'
      ? out.red(severity)
      : severity === 'medium'
        ? out.yellow(severity)
        : out.dim(severity);
  const counts = SEVERITY_ORDER.filter((s) => summary.counts[s as keyof typeof summary.counts] > 0)
    .map((s) => `${summary.counts[s as keyof typeof summary.counts]} ${s}`)
    .join(', ');
  const status =
    summary.status === 'healthy'
      ? out.green('healthy')
      : summary.status === 'degraded'
        ? out.yellow('degraded')
        : out.red('unhealthy');
  ctx.print(
    `${out.bold(`Node ${summary.node.id}`)}: ${status}${counts ? `, ${counts}` : ''} (${summary.files} files, ${mb(summary.bytes)}, ${summary.durationMs} ms)`,
  );
  if (findings.length === 0) return ExitCode.Ok;
  const sorted = [...findings].sort(
    (a: NodeFinding, b: NodeFinding) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  ctx.print(
    table(
      ['severity', 'rule', 'finding', 'title'],
      sorted.map((f) => [colour(f.severity), f.rule, f.id, f.title]),
      out,
      [8, 40, 20, 90],
    ),
  );
  for (const finding of sorted) {
    const [evidence] = finding.evidence;
    ctx.print(`\n${out.bold(finding.title)} ${out.dim(`(${finding.id}, seen ${finding.occurrences}×)`)}`);
    if (evidence)
      ctx.print(
        `  ${out.dim(evidence.location ?? evidence.source ?? '')}  ${truncate(evidence.excerpt ?? '', 120)}`,
      );
    ctx.print(`  ${out.green('fix:')} ${finding.remediation}`);
  }
  ctx.progress(
    'Next: faultline diagnose BUNDLE --json | jq ".findings[0]" > finding.json && faultline recommend finding.json',
  );
  return failed ? ExitCode.Failed : ExitCode.Ok;
}
