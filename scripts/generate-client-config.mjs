#!/usr/bin/env node
// Writes the client configuration of every Faultline MCP server: docs/clients.md (snippets for
// Claude Desktop, Claude Code, Kiro, Cursor and VS Code, stdio and HTTP, with one-click install
// links) and power/mcp.json (the Kiro Power's servers). Edit this file, not the outputs.
//
//   node scripts/generate-client-config.mjs           write the files
//   node scripts/generate-client-config.mjs --check   exit 1 when a committed file differs
//
// apps/cli/test/docs/client-config.test.ts runs --check and decodes every link back to its config.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The servers. `autoApprove` lists the tools a client may run without asking: exactly the tools
 * annotated `readOnlyHint: true` (the test checks this against each built server's --list-tools);
 * `null` while the server's tools are not settled, which approves nothing.
 */
export const SERVERS = [
  {
    id: 'fis-recommender',
    key: 'faultline-fis-recommender',
    title: 'Faultline FIS recommender',
    packageName: '@faultline/fis-recommender-mcp-server',
    summary: 'Findings → ranked AWS FIS experiments and deployable templates. No AWS credentials needed.',
    aws: false,
    autoApprove: ['recommend_fis_experiments', 'create_fis_template'],
  },
  {
    id: 'chaos-engineering',
    key: 'faultline-chaos-engineering',
    title: 'Faultline chaos engineering',
    packageName: '@faultline/chaos-engineering-mcp-server',
    summary:
      'The FIS catalog of a Region, deep template validation, guarded experiments, chaos scenarios with rollback. Offline tools need no credentials.',
    aws: true,
    autoApprove: [
      'get_valid_fis_actions',
      'describe_fis_action',
      'validate_fis_template',
      'get_experiment',
      'list_experiments',
      'list_experiment_templates',
      'get_experiment_template',
      'list_scenarios',
      'validate_scenario',
      'get_scenario_run',
    ],
  },
  {
    id: 'node-diagnostics',
    key: 'faultline-node-diagnostics',
    title: 'Faultline node diagnostics',
    packageName: '@faultline/node-diagnostics-mcp-server',
    summary: 'Evidence from an EKS worker node (SSM Automation, never a shell), analysed into findings.',
    aws: true,
    autoApprove: [
      'analyze_node_bundle',
      'analyze_iptables',
      'search_node_logs',
      'compare_nodes',
      'get_finding',
      'check_node_health',
      'get_collection_status',
    ],
  },
];

/** The placeholder endpoint of a server deployed over HTTP (see docs/remote.md). */
export const httpUrl = (server) => `https://${server.id}.example.com/mcp`;

/** The stdio configuration every client starts: `npx -y <package>`. */
export function stdioConfig(server) {
  return { command: 'npx', args: ['-y', server.packageName] };
}

/** Kiro's entry: stdio plus `disabled` and the read-only tools in `autoApprove` (as the seeds do). */
export function kiroConfig(server) {
  return { ...stdioConfig(server), disabled: false, autoApprove: server.autoApprove ?? [] };
}

/** Kiro: https://kiro.dev/launch/mcp/add?name=…&config=<URL-encoded JSON>. */
export function kiroLink(server) {
  return `https://kiro.dev/launch/mcp/add?name=${encodeURIComponent(server.key)}&config=${encodeURIComponent(JSON.stringify(kiroConfig(server)))}`;
}

/** Cursor: https://cursor.com/en/install-mcp?name=…&config=<base64 JSON>. */
export function cursorLink(server) {
  const config = Buffer.from(JSON.stringify(stdioConfig(server)), 'utf8').toString('base64');
  return `https://cursor.com/en/install-mcp?name=${encodeURIComponent(server.key)}&config=${encodeURIComponent(config)}`;
}

/** VS Code: https://insiders.vscode.dev/redirect/mcp/install?name=…&config=<URL-encoded JSON>. */
export function vscodeLink(server) {
  const config = { type: 'stdio', ...stdioConfig(server) };
  return `https://insiders.vscode.dev/redirect/mcp/install?name=${encodeURIComponent(server.key)}&config=${encodeURIComponent(JSON.stringify(config))}`;
}

const json = (value) => JSON.stringify(value, null, 2);
const block = (value) => `\`\`\`json\n${json(value)}\n\`\`\``;

function badges(server) {
  return [
    `[![Add to Kiro](https://kiro.dev/images/add-to-kiro.svg)](${kiroLink(server)})`,
    `[![Install in Cursor](https://cursor.com/deeplink/mcp-install-light.svg)](${cursorLink(server)})`,
    `[![Install in VS Code](https://img.shields.io/badge/Install_in-VS_Code-0098FF?style=flat-square&logo=visualstudiocode&logoColor=white)](${vscodeLink(server)})`,
  ].join(' ');
}

const first = SERVERS[0];

/** docs/clients.md, before formatting. */
export function clientsMarkdown() {
  const installs = SERVERS.map(
    (s) => `### ${s.id}\n\n\`${s.packageName}\`: ${s.summary}\n\n${badges(s)}`,
  ).join('\n\n');
  const many = (config) => ({ mcpServers: Object.fromEntries(SERVERS.map((s) => [s.key, config(s)])) });
  return `# Connect your MCP client

<!-- Generated by scripts/generate-client-config.mjs: edit the script, then run it. -->

Every Faultline server is an npm package started with \`npx\`, over stdio, by the client itself. Node.js
20 or later is the only requirement. The links below add a server in one click; the snippets do the
same by hand. For a server deployed over HTTP (a team endpoint, AWS DevOps Agent), see
[HTTP](#http-a-deployed-server).

## One-click install

${installs}

The Kiro links approve the read-only tools (annotation \`readOnlyHint: true\`) so they run without a
prompt; every other tool asks first, and \`start_experiment\` also needs \`confirm: true\`. AWS-facing
servers use the standard AWS credential chain: add \`"env": { "AWS_PROFILE": "…", "AWS_REGION": "…" }\`
to their entry, or start the client from a shell where they are set.

For Kiro, the [Kiro Power](../power/POWER.md) bundles the three servers with steering for the
workflows: in Kiro, open **Powers**, **Add Custom Power**, **Import power from a folder**, and pick
\`power/\`.

## stdio (the default)

### Claude Desktop

\`claude_desktop_config.json\` (Settings → Developer → Edit Config):

${block(many(stdioConfig))}

### Claude Code

\`\`\`bash
${SERVERS.map((s) => `claude mcp add ${s.key} -- npx -y ${s.packageName}`).join('\n')}
\`\`\`

### Kiro

\`.kiro/settings/mcp.json\` in a workspace, or \`~/.kiro/settings/mcp.json\` for every workspace:

${block(many(kiroConfig))}

### Cursor

\`.cursor/mcp.json\` in a project, or \`~/.cursor/mcp.json\`:

${block(many(stdioConfig))}

### VS Code

\`.vscode/mcp.json\` (note the top-level key is \`servers\`, not \`mcpServers\`):

${block({ servers: Object.fromEntries(SERVERS.map((s) => [s.key, { type: 'stdio', ...stdioConfig(s) }])) })}

### Check a server by hand

\`\`\`bash
npx -y ${first.packageName} --help
npx -y @modelcontextprotocol/inspector@0.15.0 --cli npx -y ${first.packageName} --method tools/list
\`\`\`

(Version 0.15 of the MCP Inspector is the last whose CLI runs on Node 20; later versions need Node
22.7.5.)

## HTTP: a deployed server

Started with \`--transport http --port 8000\` and authenticated with an API key from
\`FAULTLINE_API_KEYS\`, sent in the \`x-api-key\` header (see [remote mode](remote.md) for OAuth and
every option). Replace the example URL with your endpoint; keep the key out of the file: each
snippet reads it from the environment or asks for it.

### Claude Desktop

Claude Desktop starts local commands; \`mcp-remote\` bridges to a remote server:

${block({
  mcpServers: {
    [first.key]: {
      command: 'npx',
      args: ['-y', 'mcp-remote', httpUrl(first), '--header', 'x-api-key:${FAULTLINE_API_KEY}'],
      env: { FAULTLINE_API_KEY: '<your key>' },
    },
  },
})}

### Claude Code

\`\`\`bash
claude mcp add --transport http ${first.key} ${httpUrl(first)} --header "x-api-key: $FAULTLINE_API_KEY"
\`\`\`

### Kiro

${block({ mcpServers: { [first.key]: { url: httpUrl(first), headers: { 'x-api-key': '${FAULTLINE_API_KEY}' } } } })}

### Cursor

${block({ mcpServers: { [first.key]: { url: httpUrl(first), headers: { 'x-api-key': '${env:FAULTLINE_API_KEY}' } } } })}

### VS Code

Asks for the key once and keeps it in VS Code's secret storage:

${block({
  inputs: [
    { type: 'promptString', id: 'faultline-api-key', description: 'Faultline API key', password: true },
  ],
  servers: {
    [first.key]: {
      type: 'http',
      url: httpUrl(first),
      headers: { 'x-api-key': '${input:faultline-api-key}' },
    },
  },
})}

For the other servers change the name and the URL (${SERVERS.slice(1)
    .map((s) => `\`${httpUrl(s)}\``)
    .join(', ')}).

### AWS DevOps Agent

DevOps Agent calls servers over HTTPS with an API key, OAuth client credentials or a bearer token:
deploy a server, register it as an MCP capability provider and allow its read-only tools, as
[Connecting Faultline servers to AWS DevOps Agent](deploy/devops-agent.md) describes step by step.
`;
}

/** power/mcp.json: the three servers, as Kiro reads them. */
export function powerMcpJson() {
  return `${json({ mcpServers: Object.fromEntries(SERVERS.map((s) => [s.key, kiroConfig(s)])) })}\n`;
}

/** Formats text as Biome would format the file at `path` (Biome formats Markdown and JSON here). */
export function biomeFormat(path, text) {
  const biome = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'biome.cmd' : 'biome');
  const result = spawnSync(biome, ['format', `--stdin-file-path=${path}`], {
    cwd: root,
    input: text,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`biome format ${path} failed: ${result.stderr}`);
  return result.stdout;
}

/** The generated files: path relative to the root → content. */
export function outputs() {
  return {
    'docs/clients.md': biomeFormat('docs/clients.md', clientsMarkdown()),
    'power/mcp.json': biomeFormat('power/mcp.json', powerMcpJson()),
  };
}

/** Writes the outputs, or with `check` lists the ones that differ from the committed files. */
export function generate({ check = false } = {}) {
  const stale = [];
  for (const [path, text] of Object.entries(outputs())) {
    const file = join(root, path);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(path);
    if (!check) writeFileSync(file, text);
  }
  return stale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const stale = generate({ check });
  if (check && stale.length) {
    console.error(`out of date: ${stale.join(', ')}; run node scripts/generate-client-config.mjs`);
    process.exit(1);
  }
  console.log(
    stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'client configuration up to date',
  );
}
