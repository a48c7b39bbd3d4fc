import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(appRoot, '..', '..');
const bin = join(appRoot, 'dist', 'index.js');
const finding = join(repoRoot, 'examples', 'findings', '01-aurora-failover.json');

let work: string;

/** Runs the built bin as a user would, with no terminal (so no colours) and no AWS. */
function faultline(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: options.input ?? '',
    env: {
      PATH: process.env.PATH ?? '',
      AWS_EC2_METADATA_DISABLED: 'true',
      XDG_CACHE_HOME: join(work, 'cache'),
      ...options.env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  expect(existsSync(bin), 'run the build first (npm test does)').toBe(true);
  work = mkdtempSync(join(tmpdir(), 'faultline-cli-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('faultline recommend', () => {
  it('prints a ranked table for a finding file', () => {
    // Act
    const { code, stdout } = faultline(['recommend', finding]);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Finding INC-2291: Orders API 5xx during Aurora writer failover\n#\s+FIS action\s+score\s+why\n1\s+aws:rds:failover-db-cluster\s+0\.\d\d/,
    );
    expect(stdout).not.toContain('\u001b['); // no colours without a terminal
  });

  it('prints JSON for scripts, reading the finding from stdin', () => {
    const { code, stdout } = faultline(['recommend', '-', '--json', '--limit', '2'], {
      input: JSON.stringify({
        id: 'inc-9',
        summary: 'Kinesis consumers throttled: ProvisionedThroughputExceeded',
      }),
    });
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { findingId: string; recommendations: Array<{ actionId: string }> };
    expect(result.findingId).toBe('inc-9');
    expect(result.recommendations).toHaveLength(2);
    expect(result.recommendations[0]?.actionId).toBe('aws:kinesis:stream-provisioned-throughput-exception');
  });

  it('reads an incident write-up that is not JSON as the finding summary, from stdin or --summary', () => {
    const writeUp =
      'Checkout failed for 12 minutes: the Aurora writer failover took 90 s and pools kept dead connections.\n';
    const piped = faultline(['recommend', '-', '--json', '--limit', '1'], { input: writeUp });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain('stdin is not JSON: read as the summary of one finding');
    const fromStdin = JSON.parse(piped.stdout) as { recommendations: Array<{ actionId: string }> };
    expect(fromStdin.recommendations[0]?.actionId).toBe('aws:rds:failover-db-cluster');
    const flagged = faultline(['recommend', '--summary', writeUp.trim(), '--json', '--limit', '1']);
    expect(flagged.code).toBe(0);
    expect(JSON.parse(flagged.stdout)).toEqual(fromStdin);
    const both = faultline(['recommend', finding, '--summary', 'x']);
    expect(both).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/give a FINDING file or --summary, not both/),
    });
    const neither = faultline(['recommend']);
    expect(neither).toMatchObject({ code: 2, stderr: expect.stringMatching(/missing FINDING/) });
  });

  it('colours only when asked on a non-terminal, and never with NO_COLOR', () => {
    expect(faultline(['recommend', finding], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(
      faultline(['recommend', finding], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout,
    ).not.toContain('\u001b[');
  });

  it('exits 2 with a clear message for a missing file, bad JSON, an invalid finding and an unknown flag', () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{\n  "id": "x",\n  "summary": oops\n}\n');
    const cases: Array<[string[], string | undefined, RegExp]> = [
      [['recommend', 'missing.json'], undefined, /^error: cannot read finding missing\.json: no such file\n/],
      [['recommend', bad], undefined, /is not valid JSON at line 3, column 14: unexpected token 'o'/],
      [['recommend', '-'], '{"title": 42}', /^error: stdin: invalid finding: finding\./],
      [['recommend', '-'], '[]', /^error: stdin: the array holds no finding/],
      [
        ['recommend', finding, '--jsn'],
        undefined,
        /unknown option "--jsn" for "faultline recommend"; did you mean --json\?/,
      ],
      [
        ['recommend', finding, '--limit', '0'],
        undefined,
        /--limit: expected a whole number from 1 to 20, got "0"/,
      ],
      [['recomend', finding], undefined, /unknown command "recomend"; did you mean recommend\?/],
    ];
    for (const [args, input, message] of cases) {
      const { code, stdout, stderr } = faultline(args, input === undefined ? {} : { input });
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/\(see "faultline (help \w+|--help)"\)/);
      expect(stdout).toBe('');
    }
  });
});

describe('faultline template and validate', () => {
  it('goes from recommend --json to files on disk that validate', () => {
    // Prepare
    const recommendations = faultline(['recommend', finding, '--json']).stdout;
    writeFileSync(join(work, 'recs.json'), recommendations);

    // Act
    const created = faultline([
      'template',
      '--recommendation',
      'recs.json',
      '--role-arn',
      'arn:aws:iam::123456789012:role/FisRole',
      '--alarm-arn',
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx',
      '--out',
      'out',
    ]);

    // Assess
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Wrote 6 files to out/:');
    const template = JSON.parse(readFileSync(join(work, 'out', 'experiment-template.json'), 'utf8'));
    expect(Object.values(template.actions as Record<string, { actionId: string }>)[0]?.actionId).toBe(
      'aws:rds:failover-db-cluster',
    );
    expect(readFileSync(join(work, 'out', 'cloudformation.yaml'), 'utf8')).toContain(
      'AWS::FIS::ExperimentTemplate',
    );
    expect(JSON.parse(readFileSync(join(work, 'out', 'iam-policy.json'), 'utf8'))).toHaveProperty(
      'Statement',
    );

    for (const file of ['out/experiment-template.json', 'out/cloudformation.yaml']) {
      const checked = faultline(['validate', file]);
      expect(checked.code, checked.stdout).toBe(0);
      expect(checked.stdout).toMatch(/^✓ out\/\S+ is a valid /);
    }
  });

  it('prints the template on stdout and the placeholders to fill on stderr without --out', () => {
    const { code, stdout, stderr } = faultline([
      'template',
      '--action',
      'aws:ec2:stop-instances',
      '--duration',
      'PT5M',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      actions: { 'ec2-stop-instances': { actionId: 'aws:ec2:stop-instances' } },
    });
    expect(stderr).toContain('fill <YOUR FIS EXPERIMENT ROLE NAME>');
    expect(stderr).toContain('set --alarm-arn (or waive with --allow-no-stop-condition)');
  });

  it('names the flag at fault, with a did-you-mean', () => {
    const unknown = faultline(['template', '--action', 'aws:ec2:stop-instance']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--action: unknown FIS action "aws:ec2:stop-instance"; did you mean aws:ec2:stop-instances?',
    );
    const range = faultline(['template', '--action', 'aws:ec2:stop-instances', '--duration', 'PT13H']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('--duration: PT13H is outside the range of aws:ec2:stop-instances');
    const neither = faultline(['template']);
    expect(neither.stderr).toContain(
      'give --recommendation FILE (from "faultline recommend --json") or --action ID',
    );
  });

  it('reports an invalid template with paths and suggestions, and exits 1', () => {
    // Prepare
    const yaml = [
      'description: Stop one instance',
      'roleArn: arn:aws:iam::123456789012:role/FisRole',
      'stopConditions:',
      '  - source: none',
      'targets:',
      '  web:',
      '    resourceType: aws:ec2:instance',
      '    resourceTags: { Chaos: ready }',
      '    selectionMode: COUNT(1)',
      'actions:',
      '  stop:',
      '    actionId: aws:ec2:stop-instance',
      '    targets: { Instances: web }',
    ].join('\n');
    writeFileSync(join(work, 'broken.yaml'), yaml);

    // Act
    const text = faultline(['validate', 'broken.yaml']);
    const json = faultline(['validate', 'broken.yaml', '--json']);

    // Assess
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      /^✗ broken\.yaml is not a valid FIS template \(API template\): 1 error, \d+ warnings?/,
    );
    expect(text.stdout).toMatch(/error {3}\/actions\/stop\/actionId {2}UNKNOWN_ACTION/);
    expect(text.stdout).toContain('→ did you mean aws:ec2:stop-instances?');
    expect(json.code).toBe(1);
    const result = JSON.parse(json.stdout) as {
      valid: boolean;
      errors: Array<{ path: string; suggestion?: string }>;
    };
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatchObject({ path: '/actions/stop/actionId' });
  });

  it('exits 1 on warnings with --strict, and 2 when the file cannot be read', () => {
    faultline(['template', '--action', 'aws:ec2:stop-instances', '--out', 'strict']);
    expect(faultline(['validate', 'strict/experiment-template.json']).code).toBe(0);
    expect(faultline(['validate', 'strict/experiment-template.json', '--strict']).code).toBe(1);
    const missing = faultline(['validate', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read template nope.yaml: no such file');
    expect(faultline(['validate', '-'], { input: 'actions: [' }).code).toBe(1);
  });
});

describe('faultline catalog, help, scenario and diagnose', () => {
  it('lists the bundled catalog, filtered, as text and JSON', () => {
    const text = faultline(['catalog', 'lambda']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^action\s+targets\s+description\n/);
    expect(text.stdout).toContain('aws:lambda:invocation-add-delay');
    const json = JSON.parse(faultline(['catalog', '--json']).stdout) as { status: string; count: number };
    expect(json.status).toBe('bundled');
    expect(json.count).toBeGreaterThan(50);
  });

  it('refuses a Region that is not one', () => {
    const { code, stderr } = faultline(['catalog', '--region', 'moon-1']);
    expect(code).toBe(2);
    expect(stderr).toContain('--region: "moon-1" is not an AWS Region name');
  });

  it('prints help and the version, and exits 0', () => {
    const help = faultline(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(faultline(['help', 'validate']).stdout).toContain('faultline validate TEMPLATE');
    expect(faultline(['--version']).stdout).toBe(
      `${(JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
  });

  it('hands "scenario" to the scenario engine', () => {
    const list = faultline(['scenario', 'list', join(repoRoot, 'examples', 'scenarios')]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('mcp-latency');
  });

  it('diagnoses a node log bundle: findings with evidence, exit 1 when the node is not healthy', () => {
    const bundle = join(repoRoot, 'packages', 'eks-node-diagnostics', 'src', '__fixtures__', 'oom-node');
    const text = faultline(['diagnose', bundle]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Node \S+: degraded, /);
    expect(text.stdout).toContain('kernel.oom-kill');
    expect(text.stdout).toContain('fix: ');
    const json = JSON.parse(faultline(['diagnose', bundle, '--json']).stdout) as {
      summary: { status: string };
      findings: Array<{ id: string; rule: string }>;
    };
    expect(json.findings.map((f) => f.rule)).toContain('kernel.oom-kill');
    // A node finding is a finding: it goes to recommend as is.
    const oom = json.findings.find((f) => f.rule === 'kernel.oom-kill');
    const recommended = faultline(['recommend', '-', '--json'], { input: JSON.stringify(oom) });
    expect(recommended.code).toBe(0);
    expect(JSON.parse(recommended.stdout).findingId).toBe(oom?.id);
    const missing = faultline(['diagnose', 'no-such-bundle']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read bundle no-such-bundle: no such file or folder');
  });
});
