#!/usr/bin/env node
// The main job on embedded defaults (no AWS account): start the built fis-recommender MCP server
// over stdio with a real MCP client, send the example findings, print ranked recommendations, and
// write each top recommendation's template (API JSON, CloudFormation JSON and YAML, IAM policy).
//   node scripts/demo.mjs [--out DIR] [--quiet]
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const outIndex = args.indexOf('--out');
const outDir = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, 'demo-output'));
const say = (text = '') => process.stdout.write(`${text}\n`);

const serverRoot = join(root, 'apps', 'fis-recommender');
const require = createRequire(join(serverRoot, 'package.json'));
const load = async (id) => import(pathToFileURL(require.resolve(id)).href);
const { Client } = await load('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = await load('@modelcontextprotocol/sdk/client/stdio.js');

const findingsDir = join(root, 'examples', 'findings');
const findings = readdirSync(findingsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, finding: JSON.parse(readFileSync(join(findingsDir, file), 'utf8')) }));

const transport = new StdioClientTransport({
  command: process.execPath,
  args: [join(serverRoot, 'dist', 'index.js'), '--log-level', 'warn'],
  stderr: 'inherit',
});
const client = new Client({ name: 'faultline-demo', version: '0.1.0' });
const started = performance.now();
await client.connect(transport);
const { tools } = await client.listTools();
const info = client.getServerVersion();
say(
  `Faultline demo: ${info.name} ${info.version} over stdio, tools: ${tools.map((t) => t.name).join(', ')} (${Math.round(performance.now() - started)} ms to connect)`,
);
say(`${findings.length} example findings from ${relative(root, findingsDir)}/; no AWS account needed.\n`);

const truncate = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const pad = (text, n) => truncate(String(text), n).padEnd(n);
let written = 0;
mkdirSync(outDir, { recursive: true });

for (const { file, finding } of findings) {
  const result = await client.callTool({
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
  const created = await client.callTool({
    name: 'create_fis_template',
    arguments: { recommendation: top, target_config: {} },
  });
  if (created.isError) throw new Error(`create_fis_template failed for ${file}: ${created.content[0]?.text}`);
  const { template, cloudformation, iamPolicy, trustPolicy, placeholders, warnings } =
    created.structuredContent;
  const dir = join(outDir, findingId);
  mkdirSync(dir, { recursive: true });
  const files = {
    'experiment-template.json': `${JSON.stringify(template, null, 2)}\n`,
    'cloudformation.json': `${JSON.stringify(cloudformation.template, null, 2)}\n`,
    'cloudformation.yaml': cloudformation.yaml,
    'iam-policy.json': `${JSON.stringify(iamPolicy, null, 2)}\n`,
    'trust-policy.json': `${JSON.stringify(trustPolicy, null, 2)}\n`,
    'placeholders.json': `${JSON.stringify({ placeholders, warnings }, null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  written += 1;
  say(
    `  → ${relative(process.cwd(), dir)}/ (${Object.keys(files).length} files; ${placeholders.length} placeholder(s) to fill)\n`,
  );
}

await client.close();
say(`Wrote ${written} experiment template(s) to ${relative(process.cwd(), outDir) || '.'}/.`);
say(
  'Next: fill the placeholders, deploy cloudformation.yaml, and review the IAM policy before any experiment runs.',
);
