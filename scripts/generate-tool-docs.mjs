#!/usr/bin/env node
// Writes docs/tools/<server>.md from each built MCP server: it starts the server over stdio with
// a real MCP client, lists its tools (name, title, description, annotations, input and output JSON
// Schema as field tables), prompts and resources, and runs the example calls below. A server whose
// build is missing is skipped, saying so. Run after changing a tool; a test checks the pages.
//
//   node scripts/generate-tool-docs.mjs           write the pages
//   node scripts/generate-tool-docs.mjs --check   exit 1 when a committed page differs
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { biomeFormat, root } from './generate-client-config.mjs';

/**
 * The servers and their example calls. `abridge` keeps the part of the answer worth reading and
 * drops what changes between runs (times, ages).
 */
export const SERVERS = [
  {
    app: 'fis-recommender',
    packageName: '@faultline/fis-recommender-mcp-server',
    examples: {
      recommend_fis_experiments: {
        arguments: {
          finding: {
            id: 'finding-db-001',
            summary: 'Aurora writer failover took 90 s during peak load',
            type: 'DATABASE_ISSUE',
          },
          limit: 2,
        },
        abridge: (r) => ({
          findingId: r.findingId,
          count: r.count,
          recommendations: r.recommendations.map((x) => ({
            id: x.id,
            rank: x.rank,
            actionId: x.actionId,
            score: x.score,
            title: x.title,
            parameters: x.parameters,
            target: x.target,
            '…': '(rationale, hypothesis, stopCondition, blastRadius, permissions, placeholders)',
          })),
          analysis: '…',
        }),
      },
      create_fis_template: {
        arguments: {
          recommendation: { action: 'aws:ec2:stop-instances', duration: 'PT5M' },
          target_config: {
            tags: { 'FIS-Ready': 'True' },
            roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
            stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx',
          },
        },
        abridge: (r) => ({
          template: r.template,
          cloudformation: { template: '…', yaml: '…' },
          iamPolicy: '…',
          trustPolicy: '…',
          placeholders: r.placeholders,
          warnings: r.warnings,
        }),
      },
    },
  },
  {
    app: 'chaos-engineering',
    packageName: '@faultline/chaos-engineering-mcp-server',
    examples: {
      validate_fis_template: {
        arguments: {
          template: {
            description: 'Stop one tagged instance',
            roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
            stopConditions: [{ source: 'none' }],
            targets: {
              web: {
                resourceType: 'aws:ec2:instance',
                resourceTags: { 'FIS-Ready': 'True' },
                selectionMode: 'COUNT(1)',
              },
            },
            actions: {
              stop: {
                actionId: 'aws:ec2:stop-instance',
                parameters: { startInstancesAfterDuration: 'PT5M' },
                targets: { Instances: 'web' },
              },
            },
          },
          region: 'us-east-1',
        },
        abridge: (r) => ({
          valid: r.valid,
          errors: r.errors,
          warnings: r.warnings,
          invalidActions: r.invalidActions,
          invalidResourceTypes: r.invalidResourceTypes,
          shape: r.shape,
          region: r.region,
          '…': '(placeholders, validatedAt, catalogSource)',
        }),
      },
      list_scenarios: {
        arguments: {},
        abridge: (r) => ({
          count: r.count,
          scenarios: r.scenarios.slice(0, 2),
          '…': '(root, otherYamlFiles, skipped, truncated, runsDir, activeRuns)',
        }),
      },
      validate_scenario: {
        arguments: {
          yaml: 'meta:\n  id: checkout-latency\n  title: Latency on checkout\nsteady_state:\n  probes:\n    - name: health\n      type: http\n      url: not-a-url\nfault:\n  type: latency\n  target: checkout\n  latency_ms: 300\n',
        },
        abridge: (r) => r,
      },
      run_scenario: {
        arguments: { path: 'mcp-process-kill.yaml' },
        abridge: (r) => ({
          mode: r.mode,
          scenarioId: r.scenarioId,
          path: r.path,
          plan: {
            states: r.plan.states,
            faults: r.plan.faults,
            probes: r.plan.probes,
            commands: r.plan.commands.map((c) => ({ phase: c.phase, name: c.name, argv: ['…'] })),
            limits: r.plan.limits,
            '…': '(skippedStates, bindings, artifacts, killSwitch, warnings)',
          },
          next: r.next,
        }),
      },
      describe_fis_action: {
        arguments: { action_id: 'aws:ec2:stop-instances', region: 'us-east-1' },
        abridge: (r) => ({
          region: r.region,
          catalogSource: { kind: r.catalogSource.kind },
          action: {
            id: r.action.id,
            targets: r.action.targets,
            parameters: r.action.parameters?.map((p) => p.name),
            '…': '(description, limits, restrictions, permissions)',
          },
        }),
      },
    },
  },
  {
    app: 'node-diagnostics',
    packageName: '@faultline/node-diagnostics-mcp-server',
    examples: {},
  },
];

/** Text that renders as written: `<YOUR REGION>` would otherwise be read as an HTML tag. */
const escapeHtml = (text) =>
  String(text ?? '')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

const cell = (text) =>
  escapeHtml(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();

/** A JSON Schema type, in a few words: `string`, `integer 1–20`, `"a" \| "b"`, `object[]`, … */
export function typeOf(schema, inner = false) {
  if (!schema || typeof schema !== 'object') return 'any';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return [...new Set(union.map((s) => typeOf(s, inner)))].join(' or ');
  const types = [schema.type].flat().filter(Boolean);
  if (types.length === 0) return 'any';
  return types
    .map((type) => {
      if (type === 'array') {
        const items = typeOf(schema.items, true);
        return items.includes(' ') ? `(${items})[]` : `${items}[]`;
      }
      if (
        type === 'object' &&
        schema.additionalProperties &&
        typeof schema.additionalProperties === 'object' &&
        !schema.properties
      ) {
        return `map of ${typeOf(schema.additionalProperties, true)}`;
      }
      if (type === 'integer' || type === 'number') {
        const min = schema.minimum ?? schema.exclusiveMinimum;
        const max = schema.maximum ?? schema.exclusiveMaximum;
        return min !== undefined && max !== undefined ? `${type} ${min}–${max}` : type;
      }
      if (type === 'string' && !inner && schema.maxLength !== undefined && schema.maxLength < 10_000) {
        return `string (≤ ${schema.maxLength})`;
      }
      return type;
    })
    .join(' or ');
}

/** The fields of an object schema as rows, descending two levels into objects and arrays of objects. */
export function fieldRows(schema, prefix = '', depth = 0) {
  if (!schema?.properties) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const row = [
      `\`${path}\``,
      typeOf(property),
      required.has(name) ? 'yes' : 'no',
      cell(property.description),
    ];
    if (depth >= 1) return [row];
    const inner = property.type === 'array' ? property.items : property;
    const nested = inner?.properties
      ? fieldRows(inner, `${path}${property.type === 'array' ? '[]' : ''}.`, depth + 1)
      : [];
    return [row, ...nested];
  });
}

const table = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const yesNo = (value) => (value ? 'yes' : 'no');

function toolSection(tool, example) {
  const a = tool.annotations ?? {};
  const lines = [
    `## \`${tool.name}\``,
    '',
    `**${cell(tool.title ?? tool.annotations?.title ?? tool.name)}**`,
    '',
    escapeHtml(tool.description),
    '',
    `Annotations: \`readOnlyHint: ${a.readOnlyHint}\`, \`destructiveHint: ${a.destructiveHint}\`, \`idempotentHint: ${a.idempotentHint}\`, \`openWorldHint: ${a.openWorldHint}\`.`,
    '',
    '### Input',
    '',
  ];
  const input = fieldRows(tool.inputSchema);
  lines.push(input.length ? table(['Field', 'Type', 'Required', 'Description'], input) : 'No arguments.', '');
  lines.push('### Output (`structuredContent`)', '');
  const output = fieldRows(tool.outputSchema);
  lines.push(
    output.length
      ? table(['Field', 'Type', 'Always', 'Description'], output)
      : 'Text content only (no output schema).',
    '',
  );
  if (example) {
    lines.push(
      '### Example',
      '',
      'Call (arguments):',
      '',
      '```json',
      JSON.stringify(example.arguments, null, 2),
      '```',
      '',
      `Answer (\`structuredContent\`${example.abridged ? ', abridged' : ''}, from a run of this script):`,
      '',
      '```json',
      JSON.stringify(example.answer, null, 2),
      '```',
      '',
    );
  }
  return lines.join('\n');
}

async function connect(bin, home) {
  const require = createRequire(join(root, 'apps', 'fis-recommender', 'package.json'));
  const load = async (id) => import(pathToFileURL(require.resolve(id)).href);
  const { Client } = await load('@modelcontextprotocol/sdk/client/index.js');
  const { StdioClientTransport } = await load('@modelcontextprotocol/sdk/client/stdio.js');
  // A clean environment: no AWS credentials or profile, an empty cache, so every answer comes
  // from the bundled catalog and the pages do not depend on the machine that generated them.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, '--log-level', 'error'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(home, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
      AWS_REGION: 'us-east-1',
      // the chaos-engineering server's scenario examples read the repository's example scenarios
      FAULTLINE_SCENARIO_ROOT: join(root, 'examples', 'scenarios'),
      FAULTLINE_RUNS_DIR: join(home, 'runs'),
    },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'faultline-tool-docs', version: '0.0.0' });
  await client.connect(transport);
  return client;
}

/** The page of one server, or undefined when it is not built. */
export async function serverPage(server) {
  const bin = join(root, 'apps', server.app, 'dist', 'index.js');
  if (!existsSync(bin)) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'faultline-tool-docs-'));
  const client = await connect(bin, home);
  try {
    const info = client.getServerVersion();
    const { tools } = await client.listTools();
    tools.sort((a, b) => a.name.localeCompare(b.name));
    const capabilities = client.getServerCapabilities() ?? {};
    const prompts = capabilities.prompts ? (await client.listPrompts()).prompts : [];
    const resources = capabilities.resources ? (await client.listResources()).resources : [];
    const templates = capabilities.resources ? (await client.listResourceTemplates()).resourceTemplates : [];
    const sections = [];
    for (const tool of tools) {
      const spec = server.examples[tool.name];
      let example;
      if (spec) {
        const result = await client.callTool({ name: tool.name, arguments: spec.arguments });
        if (result.isError)
          throw new Error(`${server.app} ${tool.name} example failed: ${result.content?.[0]?.text}`);
        example = {
          arguments: spec.arguments,
          answer: spec.abridge(result.structuredContent),
          abridged: true,
        };
      }
      sections.push(toolSection(tool, example));
    }
    const overview = table(
      ['Tool', 'Title', 'Read-only', 'Destructive', 'Idempotent', 'Open world'],
      tools.map((t) => [
        `[\`${t.name}\`](#${t.name})`,
        cell(t.title),
        yesNo(t.annotations?.readOnlyHint),
        yesNo(t.annotations?.destructiveHint),
        yesNo(t.annotations?.idempotentHint),
        yesNo(t.annotations?.openWorldHint),
      ]),
    );
    const extras = [];
    if (prompts.length) {
      extras.push(
        '## Prompts',
        '',
        table(
          ['Prompt', 'Arguments', 'Description'],
          prompts.map((p) => [
            `\`${p.name}\``,
            (p.arguments ?? []).map((arg) => `\`${arg.name}\`${arg.required ? '' : '?'}`).join(', ') || '-',
            cell(p.description),
          ]),
        ),
        '',
      );
    }
    if (resources.length || templates.length) {
      extras.push(
        '## Resources',
        '',
        table(
          ['URI', 'Name', 'Description'],
          [
            ...resources.map((r) => [`\`${r.uri}\``, cell(r.name), cell(r.description)]),
            ...templates.map((r) => [`\`${r.uriTemplate}\``, cell(r.name), cell(r.description)]),
          ],
        ),
        '',
      );
    }
    return `# ${server.app} tools

<!-- Generated by scripts/generate-tool-docs.mjs from the built server: run it after changing a tool. -->

\`${info.name}\` (\`npx -y ${server.packageName}\`). Every tool, as the server lists it to a client
over MCP: title, description (what the model reads), annotations, and the input and output JSON
Schemas as field tables. The examples are real calls made while generating this page.

${overview}

${sections.join('\n')}
${extras.join('\n')}`;
  } finally {
    await client.close();
    rmSync(home, { recursive: true, force: true });
  }
}

/** Writes the pages, or with `check` lists those that differ. Servers without a build are skipped. */
export async function generate({ check = false, log = console.log } = {}) {
  const stale = [];
  mkdirSync(join(root, 'docs', 'tools'), { recursive: true });
  for (const server of SERVERS) {
    const path = `docs/tools/${server.app}.md`;
    const page = await serverPage(server);
    if (page === undefined) {
      log(`skipped ${server.app}: apps/${server.app}/dist/index.js is not built (run pnpm build)`);
      continue;
    }
    const text = biomeFormat(path, page);
    const file = join(root, path);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    stale.push(path);
    if (!check) writeFileSync(file, text);
  }
  return stale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const stale = await generate({ check });
  if (check && stale.length) {
    console.error(`out of date: ${stale.join(', ')}; run node scripts/generate-tool-docs.mjs`);
    process.exit(1);
  }
  console.log(stale.length ? `${check ? 'stale' : 'wrote'}: ${stale.join(', ')}` : 'tool pages up to date');
}
