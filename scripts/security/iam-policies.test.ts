// Least privilege, checked against the source: the AWS API actions each server really calls (the
// SDK Command classes and paginators reachable from its entry, see aws-actions.ts) must be exactly
// what the IAM policies we ship grant it, no more and no less, with no wildcard action and `*`
// resources for reads only. Exceptions are listed below with the reason each is needed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calledActions, isReadAction } from './aws-actions';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// the YAML parser fis-core already depends on (no dependency of our own)
const YAML = createRequire(join(ROOT, 'packages', 'fis-core', 'package.json'))('yaml') as {
  parse(text: string, options: { customTags: unknown[] }): unknown;
};

/** Granted without a Command class of their own, and why. */
const DOCUMENTED_EXTRAS: Record<string, string> = {
  'iam:PassRole':
    'CreateExperimentTemplate (FIS) and StartAutomationExecution with AutomationAssumeRole (SSM) pass a role; scoped to that one role and service',
  'fis:TagResource':
    'CreateExperimentTemplate and StartExperiment are called with tags, which FIS authorizes as fis:TagResource',
};

const CFN_FUNCTIONS = [
  'If',
  'Not',
  'Equals',
  'And',
  'Or',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'GetAZs',
  'ImportValue',
  'Condition',
  'Ref',
];
const cfnTags = CFN_FUNCTIONS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return [
    { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => ({ [key]: seq.toJSON() }),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (map: { toJSON(): unknown }) => ({ [key]: map.toJSON() }),
    },
  ];
});

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}
interface Policy {
  name: string;
  /** The CloudFormation condition the policy is under, if any. */
  condition?: string;
  statements: Statement[];
}

/** Unwraps `Fn::If [cond, value, AWS::NoValue]`. */
function unwrapIf(value: unknown): { condition?: string; value: unknown } {
  const branches = (value as { 'Fn::If'?: [string, unknown, unknown] })?.['Fn::If'];
  return branches ? { condition: branches[0], value: branches[1] } : { value };
}

function taskRolePolicies(): Policy[] {
  const text = readFileSync(join(ROOT, 'docs', 'deploy', 'cloudformation', 'ecs-fargate.yaml'), 'utf8');
  const template = YAML.parse(text, { customTags: cfnTags }) as {
    Resources: Record<string, { Properties: { Policies?: unknown[] } }>;
  };
  return (template.Resources.TaskRole?.Properties.Policies ?? []).map((entry) => {
    const { condition, value } = unwrapIf(entry);
    const policy = value as { PolicyName: string; PolicyDocument: { Statement: unknown[] } };
    return {
      name: policy.PolicyName,
      ...(condition && { condition }),
      statements: policy.PolicyDocument.Statement.map((s) => unwrapIf(s).value as Statement),
    };
  });
}

function automationOperatorPolicy(): Statement[] {
  const text = readFileSync(
    join(ROOT, 'packages', 'eks-node-diagnostics', 'automation', 'cloudformation.yaml'),
    'utf8',
  );
  const template = YAML.parse(text, { customTags: cfnTags }) as {
    Resources: { FaultlineOperatorPolicy: { Properties: { PolicyDocument: { Statement: Statement[] } } } };
  };
  return template.Resources.FaultlineOperatorPolicy.Properties.PolicyDocument.Statement;
}

const actionsOf = (statements: Statement[]) =>
  new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
const sorted = (set: Iterable<string>) => [...set].sort();
const called = (app: string) => calledActions(ROOT, join(ROOT, 'apps', app, 'src', 'index.ts'));
const policies = taskRolePolicies();
const grantedTo = (condition: RegExp) =>
  policies.filter((p) => p.condition && condition.test(p.condition)).flatMap((p) => p.statements);

describe('the ECS task role grants each server exactly the AWS actions its code calls', () => {
  it('fis-recommender calls no AWS API and gets no policy', () => {
    expect(sorted(called('fis-recommender').keys())).toEqual([]);
    for (const p of policies) expect(p.condition, p.name).toMatch(/Chaos|NodeDiagnostics/);
  });

  it('chaos-engineering: the read policy is exactly the reads it calls; the write policy exactly the writes, plus the documented extras', () => {
    const actions = called('chaos-engineering');
    const reads = sorted([...actions.keys()].filter(isReadAction));
    const writes = sorted([...actions.keys()].filter((a) => !isReadAction(a)));
    const readPolicy = policies.filter((p) => p.condition === 'IsChaos').flatMap((p) => p.statements);
    const writePolicy = policies.filter((p) => p.condition === 'ChaosMayWrite').flatMap((p) => p.statements);
    expect(sorted(actionsOf(readPolicy))).toEqual(reads);
    expect(sorted([...actionsOf(writePolicy)].filter((a) => !(a in DOCUMENTED_EXTRAS)))).toEqual(writes);
    expect(sorted(actionsOf(writePolicy))).toEqual(sorted([...writes, 'fis:TagResource', 'iam:PassRole']));
    // for the record: what the server calls, and from where
    expect(reads).toEqual([
      'fis:GetAction',
      'fis:GetExperiment',
      'fis:GetExperimentTemplate',
      'fis:GetTargetResourceType',
      'fis:ListActions',
      'fis:ListExperimentTemplates',
      'fis:ListExperiments',
      'fis:ListTargetResourceTypes',
    ]);
    expect(writes).toEqual([
      'fis:CreateExperimentTemplate',
      'fis:DeleteExperimentTemplate',
      'fis:StartExperiment',
      'fis:StopExperiment',
    ]);
  });

  it('node-diagnostics: reads (S3 bundles, executions, node names) when read-only; starting a collection only when it may write', () => {
    const actions = called('node-diagnostics');
    const reads = sorted([...actions.keys()].filter(isReadAction));
    const writes = sorted([...actions.keys()].filter((a) => !isReadAction(a)));
    const readPolicy = grantedTo(/^(IsNodeDiagnostics|NodeDiagnosticsReadsBundles)$/);
    const writePolicy = grantedTo(/^NodeDiagnosticsMayWrite$/);
    expect(sorted(actionsOf(readPolicy))).toEqual(reads);
    expect(sorted(actionsOf(writePolicy))).toEqual(writes);
    expect([...reads, ...writes].sort()).toEqual([
      'ec2:DescribeInstances',
      's3:GetObject',
      's3:ListBucket',
      'ssm:GetAutomationExecution',
      'ssm:StartAutomationExecution',
    ]);
  });

  it('no action is a wildcard, writes are never on "*", and PassRole is bound to one role and one service', () => {
    for (const p of policies) {
      for (const s of p.statements) {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        for (const a of actions) expect(a, p.name).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        if (s.Resource === '*')
          for (const a of actions) expect(isReadAction(a), `${p.name}: ${a} on *`).toBe(true);
        if (actions.includes('iam:PassRole')) {
          expect(s.Resource).not.toBe('*');
          expect(JSON.stringify(s.Condition)).toMatch(/iam:PassedToService/);
        }
      }
    }
  });
});

describe('the node-diagnostics automation stack (packages/eks-node-diagnostics/automation)', () => {
  it('its operator policy is exactly what node-diagnostics calls, plus passing the automation role', () => {
    const statements = automationOperatorPolicy();
    expect(sorted(actionsOf(statements))).toEqual(
      sorted([...called('node-diagnostics').keys(), 'iam:PassRole']),
    );
    for (const s of statements) {
      if (s.Resource === '*')
        for (const a of Array.isArray(s.Action) ? s.Action : [s.Action])
          expect(isReadAction(a), a).toBe(true);
    }
  });
});

describe('the experiment roles fis-core generates (create_fis_template)', () => {
  it('grant, for every action of the catalog, exactly its documented permissions: no wildcard action, mutating calls scoped or conditioned', async () => {
    const core = (await import(
      pathToFileURL(join(ROOT, 'packages', 'fis-core', 'dist', 'index.js')).href
    )) as typeof import('../../packages/fis-core/src/index');
    const catalog = core.bundledCatalog();
    const unscoped = new Set<string>();
    for (const action of catalog.data.actions) {
      const targets = Object.fromEntries(
        Object.keys(action.targets ?? {}).map((key) => [key, `t-${key}`.replace(/[^A-Za-z0-9-]/g, '')]),
      );
      const template = {
        description: action.id,
        roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
        stopConditions: [{ source: 'none' }],
        targets: Object.fromEntries(
          Object.entries(action.targets ?? {}).map(([key, resourceType]) => [
            targets[key],
            { resourceType, resourceTags: { 'FIS-Ready': 'True' }, selectionMode: 'COUNT(1)' },
          ]),
        ),
        actions: { one: { actionId: action.id, targets } },
      };
      const policy = core.experimentRolePolicy(catalog, template as never);
      const granted = new Set(
        policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
      );
      const documented = new Set(action.permissions.filter((p) => !p.conditional).map((p) => p.action));
      expect(sorted(granted), action.id).toEqual(sorted(documented));
      for (const s of policy.Statement) {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        for (const a of actions) expect(a, action.id).not.toContain('*');
        if (s.Resource === '*' && !s.Condition)
          for (const a of actions) if (!isReadAction(a) && a !== 'tag:GetResources') unscoped.add(a);
      }
    }
    // Mutating permissions left on "*": FIS documents no resource type for them (the API has none),
    // so they cannot be scoped by ARN. The list is pinned so that a new one is a reviewed change.
    for (const a of unscoped) expect(core.UNSCOPED_PERMISSIONS, a).toHaveProperty([a]);
    expect(sorted(unscoped)).toMatchSnapshot();
  });
});
