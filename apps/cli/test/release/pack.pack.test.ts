// Installs the packed tarballs as a user would and runs them: `pnpm test:pack` (not part of the
// default vitest run: it needs the npm registry for third-party dependencies and takes ~30-60 s).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pnpmCommand,
  repoRoot,
  type WorkspacePackage,
  workspaceClosure,
  workspacePackages,
} from '../support/workspace';

/** The version of the MCP Inspector whose CLI still runs on Node 20 (0.16 and later need Node 22.7.5). */
const INSPECTOR = '@modelcontextprotocol/inspector@0.15.0';

/** What a user installs: the servers and the CLI; their workspace dependencies come along. */
const INSTALLED = [
  '@faultline/fis-recommender-mcp-server',
  '@faultline/chaos-engineering-mcp-server',
  '@faultline/node-diagnostics-mcp-server',
  '@faultline/scenario-engine',
  '@faultline/cli',
];

const publishable = workspacePackages().filter((p) => !p.manifest.private);
const built = publishable.filter((p) => existsSync(join(p.dir, 'dist')));
const installed = workspaceClosure(INSTALLED);

let work: string;
let packs: string;
let project: string;
const tarballs = new Map<string, string>();
const timings: Record<string, number> = {};

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

/** Environment of a user's shell: no AWS, quiet npm. */
const userEnv = {
  ...process.env,
  AWS_EC2_METADATA_DISABLED: 'true',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

function pack(pkg: WorkspacePackage): string {
  const pnpm = pnpmCommand();
  const before = new Set(readdirSync(packs));
  execFileSync(pnpm.command, [...pnpm.args, 'pack', '--pack-destination', packs], {
    cwd: pkg.dir,
    stdio: 'pipe',
    env: userEnv,
  });
  const created = readdirSync(packs).find((f) => !before.has(f) && f.endsWith('.tgz'));
  if (!created) throw new Error(`pnpm pack wrote no tarball for ${pkg.manifest.name}`);
  return join(packs, created);
}

function tarList(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
}

function tarManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'faultline-pack-'));
  packs = join(work, 'packs');
  project = join(work, 'project');
  mkdirSync(packs);
  mkdirSync(project);
  timed('pack', () => {
    for (const pkg of built) tarballs.set(pkg.manifest.name, pack(pkg));
  });
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "faultline-user", "private": true, "type": "module" }\n',
  );
  timed('npm install', () =>
    execFileSync(
      'npm',
      [
        'install',
        ...installed.map((p) => tarballs.get(p.manifest.name) as string),
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
      ],
      { cwd: project, stdio: 'pipe', env: userEnv },
    ),
  );
}, 240_000);

afterAll(() => {
  console.log(`pack test timings (ms): ${JSON.stringify(timings)}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pnpm pack', () => {
  it('packs every built library and server', () => {
    const skipped = publishable.filter((p) => !built.includes(p)).map((p) => p.manifest.name);
    if (skipped.length) console.log(`not built, not packed: ${skipped.join(', ')}`);
    expect(built.map((p) => p.manifest.name)).toEqual(expect.arrayContaining(INSTALLED));
  });

  it.each(built.map((p) => [p.manifest.name, p] as const))(
    '%s: dist, manifest, no sources or tests, no workspace: ranges',
    (name, pkg) => {
      const tarball = tarballs.get(name) as string;
      const files = tarList(tarball);
      expect(files).toContain('package/package.json');
      expect(files.some((f) => f.startsWith('package/dist/') && f.endsWith('.js'))).toBe(true);
      expect(
        files.filter((f) => /\/(src|test|bench|scripts)\//.test(f) && !f.startsWith('package/dist/')),
      ).toEqual([]);
      expect(files.filter((f) => /\.test\.[jt]s$/.test(f))).toEqual([]);
      const manifest = tarManifest(tarball);
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('catalog:');
      for (const target of Object.values(pkg.manifest.bin ?? {})) {
        expect(files).toContain(`package/${target}`);
      }
    },
  );
});

describe('installed from the tarballs with npm, in an empty folder', () => {
  it('runs fis-recommender-mcp-server through npx over stdio with the SDK client', async () => {
    const transport = new StdioClientTransport({
      command: 'npx',
      args: ['--no-install', 'fis-recommender-mcp-server'],
      cwd: project,
      env: userEnv as Record<string, string>,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'pack-smoke', version: '0' });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['create_fis_template', 'recommend_fis_experiments']);
      const answer = await client.callTool({
        name: 'recommend_fis_experiments',
        arguments: { finding: { id: 'inc-1', summary: 'Aurora writer failover took 90 s' } },
      });
      expect(answer.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  }, 60_000);

  /** Runs the MCP Inspector CLI (an independent client) against an installed server's bin. */
  const inspect = (bin: string, args: string[], env: NodeJS.ProcessEnv = userEnv) =>
    spawnSync('npx', ['--yes', INSPECTOR, '--cli', join(project, 'node_modules', '.bin', bin), ...args], {
      cwd: project,
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });

  it.each([
    ['fis-recommender-mcp-server', 'recommend_fis_experiments'],
    ['chaos-engineering-mcp-server', 'validate_fis_template'],
    ['node-diagnostics-mcp-server', 'analyze_node_bundle'],
  ])(
    '%s answers tools/list to the MCP Inspector CLI, an independent client',
    (bin, tool) => {
      const result = timed(`inspector ${bin}`, () => inspect(bin, ['--method', 'tools/list']));
      expect(result.status, result.stderr).toBe(0);
      const { tools } = JSON.parse(result.stdout) as {
        tools: Array<{ name: string; outputSchema?: object }>;
      };
      expect(tools.map((t) => t.name)).toContain(tool);
      expect(tools.every((t) => t.outputSchema)).toBe(true);
    },
    150_000,
  );

  it('chains a tools/call of each server through the MCP Inspector CLI: node finding → recommendation → template → validation', () => {
    // Prepare: a bundle root holding a copy of the repository's sample node bundle
    const bundles = join(work, 'bundles');
    cpSync(
      join(repoRoot, 'packages/eks-node-diagnostics/src/__fixtures__/oom-node'),
      join(bundles, 'oom-node'),
      {
        recursive: true,
      },
    );
    // Act 1: node-diagnostics finds something on the node
    const analysed = inspect(
      'node-diagnostics-mcp-server',
      ['--method', 'tools/call', '--tool-name', 'analyze_node_bundle', '--tool-arg', 'bundle=oom-node'],
      { ...userEnv, FAULTLINE_BUNDLE_ROOT: bundles },
    );
    expect(analysed.status, analysed.stderr).toBe(0);
    const analysis = JSON.parse(analysed.stdout) as {
      isError?: boolean;
      structuredContent: { findings: Array<{ id: string; severity: string }> };
    };
    expect(analysis.isError).toBeFalsy();
    const finding = analysis.structuredContent.findings[0];
    expect(finding?.id).toMatch(/^fnd_/);
    // Act 2: the finding goes to fis-recommender as it came out
    const recommended = inspect('fis-recommender-mcp-server', [
      '--method',
      'tools/call',
      '--tool-name',
      'recommend_fis_experiments',
      '--tool-arg',
      `finding=${JSON.stringify(finding)}`,
    ]);
    expect(recommended.status, recommended.stderr).toBe(0);
    const recommendations = JSON.parse(recommended.stdout) as {
      isError?: boolean;
      structuredContent: { findingId: string; recommendations: Array<{ actionId: string }> };
    };
    expect(recommendations.isError).toBeFalsy();
    expect(recommendations.structuredContent.findingId).toBe(finding?.id);
    const top = recommendations.structuredContent.recommendations[0];
    expect(top).toBeDefined();
    // Act 3: the top recommendation becomes a template, which chaos-engineering validates
    const created = inspect('fis-recommender-mcp-server', [
      '--method',
      'tools/call',
      '--tool-name',
      'create_fis_template',
      '--tool-arg',
      `recommendation=${JSON.stringify(top)}`,
    ]);
    expect(created.status, created.stderr).toBe(0);
    const template = (JSON.parse(created.stdout) as { structuredContent: { template: object } })
      .structuredContent.template;
    const validated = inspect('chaos-engineering-mcp-server', [
      '--method',
      'tools/call',
      '--tool-name',
      'validate_fis_template',
      '--tool-arg',
      `template=${JSON.stringify(template)}`,
    ]);
    expect(validated.status, validated.stderr).toBe(0);
    const validation = JSON.parse(validated.stdout) as {
      isError?: boolean;
      structuredContent: { errors: Array<{ code: string }>; placeholders: unknown[] };
    };
    expect(validation.isError).toBeFalsy();
    // a fresh template still names placeholders (role, alarm) but has no error of its own making
    expect(validation.structuredContent.errors.filter((e) => !/PLACEHOLDER/.test(e.code))).toEqual([]);
    expect(validation.structuredContent.placeholders.length).toBeGreaterThan(0);
  }, 150_000);

  it('runs faultline-scenario from the installed engine: a valid scenario passes, a broken one gets line:column', () => {
    const example = join(repoRoot, 'examples', 'scenarios', 'mcp-process-kill.yaml');
    const valid = spawnSync('npx', ['--no-install', 'faultline-scenario', 'validate', example], {
      cwd: project,
      encoding: 'utf8',
      env: userEnv,
    });
    expect(valid.status, valid.stderr + valid.stdout).toBe(0);
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, 'meta:\n  id: broken\nsteady_state:\n  probes: 7\n');
    const invalid = spawnSync('npx', ['--no-install', 'faultline-scenario', 'validate', broken], {
      cwd: project,
      encoding: 'utf8',
      env: userEnv,
    });
    expect(invalid.status).toBe(2);
    expect(invalid.stdout + invalid.stderr).toMatch(/\b4:\d+\b/);
  }, 60_000);

  it('runs the faultline CLI through npx', () => {
    const finding = join(repoRoot, 'examples', 'findings', '01-aurora-failover.json');
    const result = spawnSync('npx', ['--no-install', 'faultline', 'recommend', finding, '--json'], {
      cwd: project,
      encoding: 'utf8',
      env: userEnv,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).recommendations[0].actionId).toBe('aws:rds:failover-db-cluster');
  }, 60_000);

  it('type-checks a consumer of every installed library against its dist .d.ts (skipLibCheck: false)', () => {
    // Prepare: one import of each library's entry points, compiled as an ESM (NodeNext) consumer.
    const libraries = installed.filter((p) => p.manifest.exports && !p.manifest.bin);
    writeFileSync(
      join(project, 'consumer.ts'),
      readFileSync(join(repoRoot, 'apps/cli/test/release/consumer.fixture.ts'), 'utf8'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(repoRoot, 'node_modules', '@types')],
        },
        files: ['consumer.ts'],
      }),
    );

    // Act
    const result = timed('tsc', () =>
      spawnSync(
        process.execPath,
        [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project],
        {
          encoding: 'utf8',
        },
      ),
    );

    // Assess
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
    const imported = readFileSync(join(project, 'consumer.ts'), 'utf8');
    for (const library of libraries) expect(imported).toContain(`from '${library.manifest.name}'`);
  }, 120_000);
});
