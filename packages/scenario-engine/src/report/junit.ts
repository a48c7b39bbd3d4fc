import type { RunReport } from '../engine/run-types';
import { escapeXml } from './escape';

interface Case {
  name: string;
  ok: boolean;
  skipped?: string;
  message?: string;
}

/** JUnit XML for CI: one test case per steady-state check, fault, evaluation and command. */
export function toJUnit(report: RunReport): string {
  const cases: Case[] = [];
  for (const [probe, r] of Object.entries(report.steadyState.precheck))
    cases.push({ name: `precheck ${probe}`, ok: r.ok, message: r.reasons.join('; ') });
  for (const f of report.faults) {
    if (f.status === 'skipped') {
      cases.push({ name: `fault ${f.id}`, ok: true, skipped: f.reason });
      continue;
    }
    cases.push({
      name: `fault ${f.id} detected`,
      ok: f.mttdMs !== null,
      message: f.mttdMs === null ? 'not detected' : undefined,
    });
    cases.push({
      name: `fault ${f.id} recovered`,
      ok: f.mttrMs !== null,
      message: f.mttrMs === null ? 'no recovery measured' : undefined,
    });
  }
  for (const [step, result] of Object.entries(report.assistant)) {
    for (const e of result?.evaluations ?? [])
      cases.push({ name: `${step} ${e.evaluator}`, ok: e.passed, message: e.reason });
    if (result?.error) cases.push({ name: `${step} assistant`, ok: false, message: result.error });
  }
  for (const c of report.commands)
    cases.push({
      name: `${c.phase} command ${c.name}`,
      ok: c.status === 'dry-run' || (c.status === 'ran' && c.exitCode === 0),
      message: c.reason ?? `exit ${c.exitCode}`,
    });
  for (const [probe, r] of Object.entries(report.steadyState.verify))
    cases.push({ name: `verify ${probe}`, ok: r.ok, message: r.reasons.join('; ') });
  cases.push({
    name: 'verdict',
    ok: report.verdict === 'PASS',
    message: `${report.verdict}: ${report.reason}`,
  });
  const failures = cases.filter((c) => !c.ok).length;
  const skipped = cases.filter((c) => c.skipped).length;
  const seconds = (report.durationMs / 1000).toFixed(3);
  const body = cases
    .map((c) => {
      const open = `    <testcase classname="${escapeXml(report.scenarioId)}" name="${escapeXml(c.name)}">`;
      if (c.skipped) return `${open}<skipped message="${escapeXml(c.skipped)}"/></testcase>`;
      if (!c.ok) return `${open}<failure message="${escapeXml(c.message ?? 'failed')}"/></testcase>`;
      return `${open}</testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="faultline-scenario" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}">
  <testsuite name="${escapeXml(report.scenarioId)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}" timestamp="${report.startedAt}">
    <properties><property name="runId" value="${escapeXml(report.runId)}"/><property name="verdict" value="${report.verdict}"/></properties>
${body}
  </testsuite>
</testsuites>
`;
}
