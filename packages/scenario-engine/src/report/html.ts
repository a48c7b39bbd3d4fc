import type { RunReport } from '../engine/run-types';
import type { ProbeSample } from '../probes/probe-sample';
import { escapeXml } from './escape';
import { timelineSvg } from './timeline-svg';

const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ms`);

/** A self-contained HTML report (inline CSS and SVG, no scripts or external resources). */
export function toHtml(report: RunReport, samples: readonly ProbeSample[]): string {
  const start = Date.parse(report.startedAt);
  const end = Date.parse(report.finishedAt);
  const colour = report.verdict === 'PASS' ? '#16a34a' : report.verdict === 'FAIL' ? '#dc2626' : '#d97706';
  const rows = report.faults
    .map(
      (f) =>
        `<tr data-fault="${escapeXml(f.id)}"><td>${escapeXml(f.id)}</td><td>${escapeXml(f.status)}</td><td>${escapeXml(f.detectedBy?.probe ?? '—')}</td><td class="mttd">${ms(f.mttdMs)}</td><td class="mttr">${ms(f.mttrMs)}</td><td>${escapeXml(f.recoveryFrom ?? '—')}</td></tr>`,
    )
    .join('\n');
  const observations = report.observations
    .map((o) => `<li class="${o.severity}"><code>${escapeXml(o.id)}</code> ${escapeXml(o.message)}</li>`)
    .join('\n');
  const evaluations = Object.entries(report.assistant)
    .flatMap(([step, r]) =>
      (r?.evaluations ?? []).map(
        (e) =>
          `<li>${e.passed ? 'PASS' : 'FAIL'} ${escapeXml(step)} ${escapeXml(e.evaluator)}: ${escapeXml(e.reason)}</li>`,
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(report.title)} — ${report.verdict}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
.verdict{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;color:#fff;background:${colour}}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}
li.error{color:#b91c1c}li.warning{color:#b45309}
</style>
</head>
<body>
<h1>${escapeXml(report.title)} <span class="verdict" id="verdict">${report.verdict}</span></h1>
<p>Run <code id="run-id">${escapeXml(report.runId)}</code> of <code>${escapeXml(report.scenarioId)}</code>, ${escapeXml(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s. ${escapeXml(report.reason)}</p>
<h2>Timeline</h2>
<figure>
${timelineSvg(samples, report.faults, start, end)}
<figcaption>Probe latency per sample (green: success, red: failure); shaded: fault active; lines: injection, detection, revert, recovery.</figcaption>
</figure>
<h2>Faults</h2>
<table id="faults"><thead><tr><th>fault</th><th>status</th><th>detected by</th><th>MTTD</th><th>MTTR</th><th>recovery from</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Evaluations</h2>
<ul>${evaluations || '<li>none</li>'}</ul>
<h2>Observations</h2>
<ul id="observations">${observations}</ul>
</body>
</html>
`;
}
