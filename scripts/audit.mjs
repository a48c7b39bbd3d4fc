#!/usr/bin/env node
// pnpm audit (the dependency audit of docs/security.md): `pnpm audit --prod --audit-level high`.
//   exit 0  no high or critical advisory in production dependencies (lower ones are printed)
//   exit 1  a high or critical advisory: fix it (update, or a pnpm override) before releasing
//   exit 0  with a warning, when the audit endpoint cannot be reached or refuses the request
//           (offline, a registry mirror without the audit API); pass --strict (or set
//           FAULTLINE_AUDIT_STRICT=1) to fail instead, on release pipelines that must audit.
import { spawnSync } from 'node:child_process';

const strict = process.argv.includes('--strict') || process.env.FAULTLINE_AUDIT_STRICT === '1';
const run = spawnSync('pnpm', ['audit', '--prod', '--audit-level', 'high', '--json'], {
  encoding: 'utf8',
  timeout: 120_000,
  shell: process.platform === 'win32',
});

let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = undefined;
}

const unavailable = (why) => {
  const line = `audit: the advisory database could not be asked (${why}); production dependencies were NOT audited.`;
  if (strict) {
    console.error(`${line} Failing because of --strict.`);
    process.exit(1);
  }
  console.warn(`WARNING ${line} Run pnpm audit where the registry is reachable (CI does).`);
  process.exit(0);
};

if (run.error) unavailable(run.error.message);
const error = report?.error;
if (error) {
  const network =
    /ERR_PNPM_AUDIT_BAD_RESPONSE|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ERR_PNPM_FETCH|ERR_PNPM_META_FETCH|responded with [45]\d\d/i;
  if (network.test(`${error.code ?? ''} ${error.message ?? ''}`))
    unavailable(`${error.code}: ${error.message}`);
  console.error(`audit: pnpm audit failed: ${error.code ?? ''} ${error.message ?? JSON.stringify(error)}`);
  process.exit(1);
}
if (!report?.metadata) {
  if (run.status === 0) process.exit(0);
  unavailable(`no report (exit ${run.status}): ${(run.stderr || run.stdout || '').trim().slice(0, 300)}`);
}

const counts = report.metadata.vulnerabilities ?? {};
const advisories = Object.values(report.advisories ?? {});
for (const a of advisories) {
  const paths = (a.findings ?? []).flatMap((f) => f.paths ?? []).slice(0, 3);
  console.log(
    `${a.severity.toUpperCase()} ${a.module_name} ${a.vulnerable_versions}: ${a.title} (${a.url}) via ${paths.join(', ')}`,
  );
}
const blocking = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `audit: ${report.metadata.dependencies ?? '?'} production dependencies; advisories: ${JSON.stringify(counts)}`,
);
if (blocking > 0) {
  console.error(`audit: ${blocking} high or critical advisory(ies) in production dependencies; see above.`);
  process.exit(1);
}
