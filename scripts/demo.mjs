#!/usr/bin/env node
// The main job on embedded defaults (no AWS account): start the built fis-recommender and
// chaos-engineering MCP servers over stdio with real MCP clients, send the example findings, print
// ranked recommendations, write each top recommendation's template (API JSON, CloudFormation JSON
// and YAML, IAM policy), validate every template written, analyse an EKS node log bundle
// offline with the node-diagnostics server, feeding its top finding back to the recommender, and
// run the process-kill chaos scenario for real through the chaos-engineering server's run_scenario.
//   node scripts/demo.mjs [--out DIR] [--quiet]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const outIndex = args.indexOf('--out');
const outDir = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, 'demo-output'));
const say = (text = '') => process.stdout.write(`${text}\n`);

const require = createRequire(join(root, 'apps', 'fis-recommender', 'package.json'));
const load = async (id) => import(pathToFileURL(require.resolve(id)).href);
const { Client } = await load('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = await load('@modelcontextprotocol/sdk/client/stdio.js');

async function connect(app, env = {}, logLevel = 'warn') {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(root, 'apps', app, 'dist', 'index.js'), '--log-level', logLevel],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', ...env },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'faultline-demo', version: '0.1.0' });
  const started = performance.now();
  await client.connect(transport);
  const { tools } = await client.listTools();
  const info = client.getServerVersion();
  say(
    `  ${info.name} ${info.version} over stdio: ${tools.length} tools, ready in ${Math.round(performance.now() - started)} ms`,
  );
  return client;
}

const findingsDir = join(root, 'examples', 'findings');
const findings = readdirSync(findingsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, finding: JSON.parse(readFileSync(join(findingsDir, file), 'utf8')) }));

say(
  'Faultline demo: incident findings → ranked AWS FIS experiments → validated templates (no AWS account needed)',
);
const scenarioRoot = join(root, 'examples', 'scenarios');
const recommender = await connect('fis-recommender');
// The same server validates templates and, later, runs a chaos scenario from examples/scenarios/
// (its audit line "scenario run started" is a warning: errors only, to keep the output readable).
const validator = await connect(
  'chaos-engineering',
  { FAULTLINE_SCENARIO_ROOT: scenarioRoot, FAULTLINE_RUNS_DIR: join(outDir, 'scenario-runs') },
  'error',
);
say(`\n${findings.length} example findings from ${relative(root, findingsDir)}/\n`);

const truncate = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const pad = (text, n) => truncate(String(text), n).padEnd(n);
const issues = (list) => list.map((e) => `${e.path}: ${e.message}`).join('; ');
let written = 0;
let failures = 0;
mkdirSync(outDir, { recursive: true });

for (const { file, finding } of findings) {
  const result = await recommender.callTool({
    name: 'recommend_fis_experiments',
    arguments: { finding, limit: 3 },
  });
  if (result.isError)
    throw new Error(`recommend_fis_experiments failed for ${file}: ${result.content[0]?.text}`);
  const { findingId, recommendations } = result.structuredContent;
  say(`▸ ${file}  (finding ${findingId})`);
  say(`  “${truncate(finding.title ?? finding.summary, 100)}”`);
  say(`  ${pad('#', 2)} ${pad('FIS action', 50)} ${pad('score', 6)} why`);
  for (const r of recommendations) {
    const why = r.rationale.find((line) => line.includes('reproduces')) ?? r.rationale[0] ?? '';
    say(
      `  ${pad(r.rank, 2)} ${pad(r.actionId, 50)} ${pad(r.score.toFixed(2), 6)} ${quiet ? '' : truncate(why, 90)}`,
    );
  }
  const top = recommendations[0];
  if (!top) {
    say('  (no recommendation)\n');
    continue;
  }
  const created = await recommender.callTool({
    name: 'create_fis_template',
    arguments: { recommendation: top },
  });
  if (created.isError) throw new Error(`create_fis_template failed for ${file}: ${created.content[0]?.text}`);
  const { template, cloudformation, iamPolicy, trustPolicy, placeholders, warnings } =
    created.structuredContent;
  const checked = await validator.callTool({ name: 'validate_fis_template', arguments: { template } });
  const cfnChecked = await validator.callTool({
    name: 'validate_fis_template',
    arguments: { template: cloudformation.yaml },
  });
  const api = checked.structuredContent;
  const cfn = cfnChecked.structuredContent;
  const valid = !checked.isError && !cfnChecked.isError && api.valid && cfn.valid;
  if (!valid) {
    failures += 1;
    say(`  ✗ template: ${checked.isError ? checked.content[0]?.text : issues(api.errors)}`);
    say(`  ✗ CloudFormation: ${cfnChecked.isError ? cfnChecked.content[0]?.text : issues(cfn.errors)}`);
  }
  const dir = join(outDir, findingId);
  mkdirSync(dir, { recursive: true });
  const files = {
    'experiment-template.json': `${JSON.stringify(template, null, 2)}\n`,
    'cloudformation.json': `${JSON.stringify(cloudformation.template, null, 2)}\n`,
    'cloudformation.yaml': cloudformation.yaml,
    'iam-policy.json': `${JSON.stringify(iamPolicy, null, 2)}\n`,
    'trust-policy.json': `${JSON.stringify(trustPolicy, null, 2)}\n`,
    'placeholders.json': `${JSON.stringify({ placeholders, warnings }, null, 2)}\n`,
    'validation.json': `${JSON.stringify({ template: api, cloudformation: cfn }, null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  written += 1;
  say(
    `  → ${relative(process.cwd(), dir)}/ (${Object.keys(files).length} files): ${valid ? 'valid' : 'INVALID'} ` +
      `(API and CloudFormation), ${api.warnings?.length ?? 0} warning(s), ${placeholders.length} placeholder(s) to fill\n`,
  );
}

// Node diagnostics: analyse a worker-node log bundle offline, then feed its top finding back to the recommender.
const bundleRoot = join(root, 'packages', 'eks-node-diagnostics', 'src', '__fixtures__');
const diagnostics = await connect('node-diagnostics', { FAULTLINE_BUNDLE_ROOT: bundleRoot });
const analysed = await diagnostics.callTool({
  name: 'analyze_node_bundle',
  arguments: { bundle: 'oom-node' },
});
if (analysed.isError) throw new Error(`analyze_node_bundle failed: ${analysed.content[0]?.text}`);
const nodeFindings = analysed.structuredContent.findings;
say(`\n▸ node bundle ${relative(root, join(bundleRoot, 'oom-node'))}/: ${nodeFindings.length} finding(s)`);
for (const f of nodeFindings.slice(0, 5))
  say(`  ${pad(f.severity, 8)} ${pad(f.id, 22)} ${truncate(f.title, 70)}`);
if (nodeFindings[0]) {
  const chained = await recommender.callTool({
    name: 'recommend_fis_experiments',
    arguments: { finding: nodeFindings[0], limit: 1 },
  });
  const next = chained.structuredContent?.recommendations?.[0];
  say(
    `  → recommend_fis_experiments(${nodeFindings[0].id}): ${next ? `${next.actionId} (score ${next.score.toFixed(2)})` : 'none'}\n`,
  );
}
await diagnostics.close();

// Chaos scenario: the chaos-engineering server runs examples/scenarios/mcp-process-kill.yaml for real
// (it starts the built fis-recommender, SIGKILLs it, measures detection and recovery, cleans up).
const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
say(
  `▸ chaos scenario ${relative(root, join(scenarioRoot, 'mcp-process-kill.yaml'))} through run_scenario (confirm: true)`,
);
process.stdout.write('  ');
const ran = await validator.callTool(
  {
    name: 'run_scenario',
    arguments: { path: 'mcp-process-kill.yaml', confirm: true, bindings: { port: await freePort() } },
  },
  undefined,
  {
    timeout: 120_000,
    onprogress: ({ message = '' }) => {
      const state = /^[A-Z_]+/.exec(message)?.[0];
      if (state) process.stdout.write(`${state === 'INIT' ? '' : ' → '}${state}`);
    },
  },
);
process.stdout.write('\n');
let scenarioReport;
let scenarioFailed = false;
if (ran.isError) {
  const message = ran.content[0]?.text ?? '';
  // The operator's kill switch (~/.faultline/kill-switch) forbids faults: respected, not a failure.
  if (/kill switch/.test(message)) say(`  skipped: ${message}`);
  else {
    scenarioFailed = true;
    say(`  ✗ run_scenario: ${message}`);
  }
} else {
  const { run } = ran.structuredContent;
  for (const f of run.faults) {
    say(
      `  ${f.id}: detected after ${f.mttdMs ?? '-'} ms (MTTD), recovered after ${f.mttrMs ?? '-'} ms (MTTR)`,
    );
  }
  scenarioReport = run.reports.html;
  say(
    `  → ${run.verdict} in ${(run.durationMs / 1000).toFixed(1)} s, run ${run.runId}; report: ${relative(process.cwd(), scenarioReport ?? run.runDir)}\n`,
  );
  if (run.verdict !== 'PASS') {
    scenarioFailed = true;
    say(`  ✗ ${run.reason}`);
  }
}
await recommender.close();
await validator.close();
say(
  `Wrote ${written} experiment template(s) to ${relative(process.cwd(), outDir) || '.'}/; ${written - failures} of ${written} valid.`,
);
if (scenarioReport)
  say(`Chaos scenario report (open in a browser): ${relative(process.cwd(), scenarioReport)}`);
say(
  'Next: fill the placeholders, deploy cloudformation.yaml, and review the IAM policy before any experiment runs.',
);
if (failures || scenarioFailed) process.exitCode = 1;
