import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../support/workspace';

const clients = readFileSync(join(repoRoot, 'docs', 'clients.md'), 'utf8');

/** What each server's install link must configure, written out here independently of the generator. */
const SERVERS = [
  {
    key: 'faultline-fis-recommender',
    app: 'fis-recommender',
    packageName: '@faultline/fis-recommender-mcp-server',
  },
  {
    key: 'faultline-chaos-engineering',
    app: 'chaos-engineering',
    packageName: '@faultline/chaos-engineering-mcp-server',
  },
  {
    key: 'faultline-node-diagnostics',
    app: 'node-diagnostics',
    packageName: '@faultline/node-diagnostics-mcp-server',
  },
];

function links(prefix: string): URL[] {
  const escaped = prefix.replace(/[.?/]/g, '\\$&');
  return [...clients.matchAll(new RegExp(`\\]\\((${escaped}[^)\\s]+)\\)`, 'g'))].map(
    (m) => new URL(m[1] as string),
  );
}

/** The read-only tools of a built server, from its --list-tools. */
function readOnlyTools(app: string): string[] | undefined {
  const bin = join(repoRoot, 'apps', app, 'dist', 'index.js');
  if (!existsSync(bin)) return undefined;
  const result = spawnSync(process.execPath, [bin, '--list-tools'], { encoding: 'utf8' });
  const tools = JSON.parse(result.stdout) as Array<{ name: string; toolClass: string }>;
  return tools.filter((t) => t.toolClass === 'read-only').map((t) => t.name);
}

describe('docs/clients.md and power/mcp.json', () => {
  it('are what scripts/generate-client-config.mjs generates', () => {
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'generate-client-config.mjs'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has Kiro links whose URL-encoded config decodes to npx -y <package> with the read-only tools approved', () => {
    const found = links('https://kiro.dev/launch/mcp/add?');
    expect(found.map((url) => url.searchParams.get('name'))).toEqual(SERVERS.map((s) => s.key));
    found.forEach((url, index) => {
      const server = SERVERS[index]!;
      const config = JSON.parse(url.searchParams.get('config') ?? '') as Record<string, unknown>;
      expect(config).toMatchObject({ command: 'npx', args: ['-y', server.packageName], disabled: false });
      const readOnly = readOnlyTools(server.app);
      const approved = config.autoApprove as string[];
      if (readOnly && approved.length > 0) expect([...approved].sort()).toEqual([...readOnly].sort());
      expect(Object.keys(config).sort()).toEqual(['args', 'autoApprove', 'command', 'disabled']);
    });
  });

  it('has Cursor links whose base64 config decodes to npx -y <package>', () => {
    const found = links('https://cursor.com/en/install-mcp?');
    expect(found.map((url) => url.searchParams.get('name'))).toEqual(SERVERS.map((s) => s.key));
    found.forEach((url, index) => {
      const decoded = Buffer.from(url.searchParams.get('config') ?? '', 'base64').toString('utf8');
      expect(JSON.parse(decoded)).toEqual({ command: 'npx', args: ['-y', SERVERS[index]!.packageName] });
    });
  });

  it('has VS Code links whose URL-encoded config decodes to a stdio server', () => {
    const found = links('https://insiders.vscode.dev/redirect/mcp/install?');
    expect(found.map((url) => url.searchParams.get('name'))).toEqual(SERVERS.map((s) => s.key));
    found.forEach((url, index) => {
      expect(JSON.parse(url.searchParams.get('config') ?? '')).toEqual({
        type: 'stdio',
        command: 'npx',
        args: ['-y', SERVERS[index]!.packageName],
      });
    });
  });

  it('has snippets that are valid JSON, with the HTTP ones sending x-api-key', () => {
    const blocks = [...clients.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBe(8);
    for (const block of blocks) expect(() => JSON.parse(block)).not.toThrow();
    const http = blocks.filter((b) => b.includes('https://'));
    expect(http.length).toBeGreaterThanOrEqual(4);
    for (const block of http) expect(block).toContain('x-api-key');
  });
});

describe('the Kiro Power', () => {
  const powerDir = join(repoRoot, 'power');
  const power = readFileSync(join(powerDir, 'POWER.md'), 'utf8');

  it('has frontmatter with name, displayName, description and keywords', () => {
    const lines = power.split('\n');
    const end = lines.indexOf('---', 1);
    expect(lines[0]).toBe('---');
    const frontmatter = parseYaml(lines.slice(1, end).join('\n')) as Record<string, unknown>;
    expect(frontmatter.name).toMatch(/^[a-z0-9-]+$/);
    expect(typeof frontmatter.displayName).toBe('string');
    expect(String(frontmatter.description).length).toBeGreaterThan(40);
    expect(frontmatter.keywords).toEqual(expect.arrayContaining(['chaos engineering', 'fis']));
  });

  it('starts the three servers with npx, as the install links do', () => {
    const mcp = JSON.parse(readFileSync(join(powerDir, 'mcp.json'), 'utf8')) as {
      mcpServers: Record<string, { command: string; args: string[] }>;
    };
    expect(Object.keys(mcp.mcpServers)).toEqual(SERVERS.map((s) => s.key));
    for (const server of SERVERS) {
      expect(mcp.mcpServers[server.key]).toMatchObject({ command: 'npx', args: ['-y', server.packageName] });
    }
  });

  it('names each steering file it ships, and ships each one it names', () => {
    const files = readdirSync(join(powerDir, 'steering')).sort();
    expect(files).toEqual([
      'diagnosing-a-node.md',
      'finding-to-experiment.md',
      'running-a-scenario.md',
      'validate-before-deploy.md',
    ]);
    const named = [...power.matchAll(/`([a-z-]+\.md)`/g)].map((m) => m[1]).sort();
    expect(named).toEqual(files);
  });
});
