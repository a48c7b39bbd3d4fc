import type { RunReport } from '../engine/run-types';

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value} ms`;

/** A Markdown summary of a run (for PR comments and job summaries). */
export function toMarkdown(report: RunReport): string {
  const lines = [
    `# ${report.title} — ${report.verdict}`,
    '',
    `Run \`${report.runId}\` of scenario \`${report.scenarioId}\`${report.control ? ' (control run)' : ''}, ${report.startedAt}, ${(report.durationMs / 1000).toFixed(1)} s.`,
    '',
    `**Verdict: ${report.verdict}** — ${report.reason}`,
    '',
    '## Faults',
    '',
    '| fault | status | detected by | MTTD | MTTR | recovery from |',
    '| --- | --- | --- | ---: | ---: | --- |',
    ...report.faults.map(
      (f) =>
        `| ${f.id} | ${f.status}${f.reason ? ` (${f.reason})` : ''} | ${f.detectedBy ? `${f.detectedBy.probe}${f.detectedBy.error ? `: ${f.detectedBy.error}` : ''}` : '—'} | ${ms(f.mttdMs)} | ${ms(f.mttrMs)} | ${f.recoveryFrom ?? '—'} |`,
    ),
    '',
    '## Steady state',
    '',
    '| probe | before: ok | success | p95 | after: ok | success | p95 |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: |',
    ...Object.keys({ ...report.steadyState.precheck, ...report.steadyState.verify }).map((p) => {
      const a = report.steadyState.precheck[p];
      const b = report.steadyState.verify[p];
      const cell = (r: typeof a) =>
        r
          ? `${r.ok ? 'yes' : 'no'} | ${(r.successRate * 100).toFixed(0)}% | ${ms(r.percentileMs)}`
          : '— | — | —';
      return `| ${p} | ${cell(a)} | ${cell(b)} |`;
    }),
  ];
  for (const [step, result] of Object.entries(report.assistant)) {
    if (!result) continue;
    lines.push(
      '',
      `## Assistant ${step}`,
      '',
      result.error ? `Error: ${result.error}` : `> ${(result.turn?.text ?? '').replace(/\n/g, '\n> ')}`,
      '',
    );
    for (const e of result.evaluations)
      lines.push(`- ${e.passed ? 'PASS' : 'FAIL'} ${e.evaluator} (score ${e.score.toFixed(2)}): ${e.reason}`);
  }
  if (report.commands.length > 0) {
    lines.push(
      '',
      '## Commands',
      '',
      '| phase | name | status | exit | output |',
      '| --- | --- | --- | ---: | --- |',
    );
    for (const c of report.commands)
      lines.push(
        `| ${c.phase} | ${c.name} | ${c.status}${c.reason ? ` (${c.reason})` : ''} | ${c.exitCode ?? '—'} | ${c.output} |`,
      );
  }
  lines.push('', '## Observations', '');
  for (const o of report.observations) lines.push(`- \`${o.id}\` ${o.severity}: ${o.message}`);
  return `${lines.join('\n')}\n`;
}
