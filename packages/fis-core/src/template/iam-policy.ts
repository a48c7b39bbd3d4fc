import type { Catalog } from '../catalog/catalog';
import type { CatalogAction } from '../catalog/types';
import type { ExperimentTemplate, ExperimentTemplateAction, ExperimentTemplateTarget } from './types';

/** One statement of an IAM policy document. */
export interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** An IAM policy document. */
export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: IamStatement[];
}

const READ_ONLY = /^[a-z0-9-]+:(?:Describe|List|Get)[A-Za-z]*$/;

/** The ARN of any resource of a type, from its documented format: `arn:aws:ec2:*:*:instance/*`. */
export function wildcardArn(arnFormat: string | undefined): string | undefined {
  if (!arnFormat) return undefined;
  return arnFormat
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/<path\/><name>/, '*')
    .replace(/<[^>]+>/g, '*');
}

function arnService(arn: string): string | undefined {
  return arn.split(':')[2];
}

function sid(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '').slice(0, 100) || 'Statement';
}

function targetResources(catalog: Catalog, target: ExperimentTemplateTarget): string[] | undefined {
  if (target.resourceArns?.length) return target.resourceArns;
  const wildcard = wildcardArn(catalog.resourceType(target.resourceType)?.arnFormat);
  return wildcard ? [wildcard] : undefined;
}

function tagCondition(target: ExperimentTemplateTarget): IamStatement['Condition'] | undefined {
  if (target.resourceArns?.length || !target.resourceTags || Object.keys(target.resourceTags).length === 0) {
    return undefined;
  }
  return {
    StringEquals: Object.fromEntries(
      Object.entries(target.resourceTags).map(([k, v]) => [`aws:ResourceTag/${k}`, v]),
    ),
  };
}

/**
 * Mutating permissions that may still be granted on `Resource: "*"`, and why. Each one is either a
 * permission the Service Authorization Reference gives no resource type (so it can only be granted
 * on `*`, with a condition where one exists), or one whose resource cannot be known from the
 * template. Everything else is scoped to ARNs.
 */
export const UNSCOPED_PERMISSIONS: Readonly<Record<string, string>> = {
  'arc-zonal-shift:StartZonalShift':
    'aws:arc:start-zonal-autoshift: managed resources are ALBs, NLBs, Auto Scaling groups or EKS clusters picked at run time; the Service Authorization Reference lists no resource type or condition key to scope them by, and AWS publishes no managed policy for the action (fis-actions-reference)',
  'arc-zonal-shift:UpdateZonalShift':
    'aws:arc:start-zonal-autoshift: acts on the zonal shift FIS started (an id known only at run time); no resource type in the Service Authorization Reference',
  'arc-zonal-shift:CancelZonalShift':
    'aws:arc:start-zonal-autoshift: acts on the zonal shift FIS started (an id known only at run time); no resource type in the Service Authorization Reference',
  'elasticache:InterruptClusterAzPower':
    'aws:elasticache:interrupt-cluster-az-power (deprecated resource type aws:elasticache:redis-replicationgroup, no ARN format): "*" with the target tags as aws:ResourceTag condition, as in AWS\'s published elasticache-az-power-interruption experiment role policy',
  'fis:InjectApiInternalError':
    'aws:fis:inject-api-*: AWS\'s published policies (aurora-postgres-cluster-loadtest-failover) grant it on "*"; when the template sets the service parameter it is conditioned on fis:Service with ForAllValues (never denies if FIS sends no value)',
  'fis:InjectApiThrottleError':
    'aws:fis:inject-api-*: AWS\'s published policies grant it on "*"; conditioned on fis:Service when the template sets the service parameter',
  'fis:InjectApiUnavailableError':
    'aws:fis:inject-api-*: AWS\'s published policies grant it on "*"; conditioned on fis:Service when the template sets the service parameter',
  'ssm:CancelCommand':
    'aws:ssm:send-command and aws:ecs:task-*: no resource type and no condition key in the Service Authorization Reference; AWSFaultInjectionSimulatorEC2Access, ECSAccess and SSMAccess grant it on "*"',
};

const INJECT_API_ERROR = /^fis:InjectApi(?:InternalError|ThrottleError|UnavailableError)$/;
const NODEGROUP_ARN = /^arn:(aws[a-z-]*):eks:[a-z0-9-]+:\d{12}:nodegroup\/([^/]+)\/([^/]+)\/[^/]+$/;
const DOCUMENT_ARN = /^arn:(aws[a-z-]*):ssm:[a-z0-9-]*:\d{0,12}:document\/([A-Za-z0-9_.-]+)$/;

/**
 * ec2:TerminateInstances of aws:eks:terminate-nodegroup-instances: on instances, as in
 * AWSFaultInjectionSimulatorEKSAccess, limited by the tags EKS puts on the instances of a managed
 * node group (eks:cluster-name, eks:nodegroup-name) when the template names the node groups.
 */
function nodegroupInstancesStatement(
  name: string,
  permission: string,
  targets: ExperimentTemplateTarget[],
): IamStatement | undefined {
  const nodegroups = targets.filter((t) => t.resourceType === 'aws:eks:nodegroup');
  if (permission !== 'ec2:TerminateInstances' || nodegroups.length === 0) return undefined;
  const clusters = new Set<string>();
  const names = new Set<string>();
  let known = true;
  for (const target of nodegroups) {
    if (target.resourceArns?.length) {
      for (const arn of target.resourceArns) {
        const match = typeof arn === 'string' ? NODEGROUP_ARN.exec(arn) : null;
        if (!match) known = false;
        else {
          clusters.add(match[2] as string);
          names.add(match[3] as string);
        }
      }
    } else {
      const tags = target.resourceTags ?? {};
      const cluster = tags['eks:cluster-name'];
      const nodegroup = tags['eks:nodegroup-name'];
      if (cluster === undefined && nodegroup === undefined) known = false;
      if (cluster !== undefined) clusters.add(cluster);
      if (nodegroup !== undefined) names.add(nodegroup);
    }
  }
  const equals: Record<string, string | string[]> = {};
  const list = (set: Set<string>) => ([...set].length === 1 ? ([...set][0] as string) : [...set].sort());
  // every target must pin its instances; a node group selected by its own tags does not tell which
  // instances are its own (node group tags are not propagated to the instances)
  const everyTargetHas = (key: 'eks:cluster-name' | 'eks:nodegroup-name') =>
    nodegroups.every((t) => t.resourceArns?.length || t.resourceTags?.[key] !== undefined);
  if (known && clusters.size && everyTargetHas('eks:cluster-name')) {
    equals['aws:ResourceTag/eks:cluster-name'] = list(clusters);
  }
  if (known && names.size && everyTargetHas('eks:nodegroup-name')) {
    equals['aws:ResourceTag/eks:nodegroup-name'] = list(names);
  }
  return {
    Sid: sid(`${name}-nodegroup-instances`),
    Effect: 'Allow',
    Action: [permission],
    Resource: ['arn:aws:ec2:*:*:instance/*'],
    ...(Object.keys(equals).length && { Condition: { StringEquals: equals } }),
  };
}

/**
 * ssm:StartAutomationExecution / ssm:StopAutomationExecution of aws:ssm:start-automation-execution,
 * as in AWS's published experiment role policies (document, automation-definition of that document,
 * automation-execution) and AWSFaultInjectionSimulatorSSMAccess when the document is not known.
 */
function automationStatement(
  name: string,
  permission: string,
  templateAction: ExperimentTemplateAction,
): IamStatement | undefined {
  if (permission === 'ssm:StopAutomationExecution') {
    return {
      Sid: sid(`${name}-automation-stop`),
      Effect: 'Allow',
      Action: [permission],
      Resource: ['arn:aws:ssm:*:*:automation-execution/*'],
    };
  }
  if (permission !== 'ssm:StartAutomationExecution') return undefined;
  const documentArn = templateAction.parameters?.documentArn;
  const match = typeof documentArn === 'string' ? DOCUMENT_ARN.exec(documentArn) : null;
  const partition = match?.[1] ?? 'aws';
  const document = match?.[2] ?? '*';
  return {
    Sid: sid(`${name}-automation-start`),
    Effect: 'Allow',
    Action: [permission],
    Resource: [
      `arn:${partition}:ssm:*:*:document/${document}`,
      `arn:${partition}:ssm:*:*:automation-definition/${document}:*`,
      `arn:${partition}:ssm:*:*:automation-execution/*`,
    ],
  };
}

/** fis:InjectApi*Error: on `*` (see UNSCOPED_PERMISSIONS), conditioned on the service injected into. */
function injectApiErrorStatement(
  name: string,
  permission: string,
  templateAction: ExperimentTemplateAction,
): IamStatement | undefined {
  if (!INJECT_API_ERROR.test(permission)) return undefined;
  const service = templateAction.parameters?.service;
  return {
    Sid: sid(`${name}-inject-api-error`),
    Effect: 'Allow',
    Action: [permission],
    Resource: '*',
    ...(typeof service === 'string' &&
      /^[a-z0-9-]+$/.test(service) && {
        // ForAllValues: restricts the service when FIS sends the key, never denies when it does not
        Condition: { 'ForAllValues:StringEquals': { 'fis:Service': [service] } },
      }),
  };
}

/**
 * s3:PutObject / s3:DeleteObject of the aws:lambda:invocation-* actions: FIS writes the fault
 * configuration to the location in the function's AWS_FIS_CONFIGURATION_LOCATION, which the
 * template does not carry; granted on S3 objects only (narrow it to that bucket and prefix).
 */
function lambdaConfigStatement(
  name: string,
  action: CatalogAction,
  permission: string,
): IamStatement | undefined {
  if (
    !action.id.startsWith('aws:lambda:') ||
    (permission !== 's3:PutObject' && permission !== 's3:DeleteObject')
  ) {
    return undefined;
  }
  return {
    Sid: sid(`${name}-lambda-config`),
    Effect: 'Allow',
    Action: [permission],
    Resource: ['arn:aws:s3:::*/*'],
  };
}

/**
 * A tag-selected target whose resource type has no documented ARN format, for a permission of the
 * same service: `*` with the tag selection as condition (AWS's elasticache-az-power-interruption
 * policy does exactly this for elasticache:InterruptClusterAzPower).
 */
function taggedTarget(
  catalog: Catalog,
  permission: string,
  targets: ExperimentTemplateTarget[],
): ExperimentTemplateTarget | undefined {
  const service = permission.split(':')[0];
  return targets.find(
    (t) =>
      !t.resourceArns?.length &&
      tagCondition(t) !== undefined &&
      !catalog.resourceType(t.resourceType)?.arnFormat &&
      t.resourceType.split(':')[1] === service,
  );
}

/**
 * Adds a statement, merging it into one with the same Sid, resources and condition (Sids must be
 * unique in a policy), or giving it a numbered Sid.
 */
function addStatement(statements: IamStatement[], statement: IamStatement): void {
  const same = (s: IamStatement) =>
    JSON.stringify([s.Resource, s.Condition]) === JSON.stringify([statement.Resource, statement.Condition]);
  const existing = statements.find((s) => s.Sid === statement.Sid && same(s));
  if (existing) {
    const actions = (a: IamStatement['Action']) => (Array.isArray(a) ? a : [a]);
    const merged = [...new Set([...actions(existing.Action), ...actions(statement.Action)])].sort();
    existing.Action = Array.isArray(existing.Action) || merged.length > 1 ? merged : (merged[0] as string);
    return;
  }
  let sidText = statement.Sid;
  for (let n = 2; sidText && statements.some((s) => s.Sid === sidText); n++) sidText = `${statement.Sid}${n}`;
  statements.push({ ...statement, ...(sidText && { Sid: sidText }) });
}

/**
 * What ssm:SendCommand runs on. The aws:ecs:task-* actions send their commands to the SSM Agent
 * sidecar of each task, which registers as a managed instance (mi-…), not to an EC2 instance: AWS's
 * AWSFaultInjectionSimulatorECSAccess policy and its ecs-fargate-az-impairment role grant it on
 * `managed-instance/*`. aws:ssm:send-command targets EC2 instances.
 */
function sendCommandNodes(action: CatalogAction): string {
  return action.id.startsWith('aws:ecs:task-')
    ? 'arn:aws:ssm:*:*:managed-instance/*'
    : 'arn:aws:ec2:*:*:instance/*';
}

function specialStatement(action: CatalogAction, permission: string): IamStatement | undefined {
  if (permission === 'ec2:InjectApiError' || permission === 'kinesis:InjectApiError') {
    const service = permission.split(':')[0] as string;
    return {
      Sid: sid(`${action.id}-inject`),
      Effect: 'Allow',
      Action: permission,
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { [`${service}:FisActionId`]: [action.id] } },
    };
  }
  if (permission === 'ssm:SendCommand') {
    return {
      Sid: sid(`${action.id}-send`),
      Effect: 'Allow',
      Action: permission,
      Resource: [sendCommandNodes(action), 'arn:aws:ssm:*:*:document/*'],
    };
  }
  return undefined;
}

/**
 * The least-privilege policy for the role FIS assumes to run a template: read-only calls on `*`,
 * mutating calls scoped to the targets' ARNs (or their type's ARN pattern, with the template's tag
 * selection as a condition), and the special conditions FIS documents for API-error injection.
 * Permissions the catalog marks as conditional are left out and reported by `createTemplate` as
 * warnings.
 */
export function experimentRolePolicy(catalog: Catalog, template: ExperimentTemplate): IamPolicyDocument {
  const readOnly = new Set<string>();
  const statements: IamStatement[] = [];
  const scoped = new Map<string, IamStatement>();
  for (const [name, templateAction] of Object.entries(template.actions)) {
    const action = catalog.action(templateAction.actionId);
    if (!action) continue;
    const targets = Object.values(templateAction.targets ?? {})
      .map((targetName) => template.targets?.[targetName])
      .filter((t): t is ExperimentTemplateTarget => t !== undefined);
    const loose = new Set<string>();
    for (const permission of action.permissions) {
      if (permission.conditional) continue;
      const iamAction = permission.action;
      if (READ_ONLY.test(iamAction) || iamAction === 'tag:GetResources') {
        readOnly.add(iamAction);
        continue;
      }
      const special =
        specialStatement(action, iamAction) ??
        nodegroupInstancesStatement(name, iamAction, targets) ??
        automationStatement(name, iamAction, templateAction) ??
        injectApiErrorStatement(name, iamAction, templateAction) ??
        lambdaConfigStatement(name, action, iamAction);
      if (special) {
        addStatement(statements, special);
        continue;
      }
      const target = targets.find((t) => {
        const resources = targetResources(catalog, t);
        return resources?.some((arn) => arnService(arn) === iamAction.split(':')[0]);
      });
      const tagged = target ? undefined : taggedTarget(catalog, iamAction, targets);
      if (!target && !tagged) {
        loose.add(iamAction);
        continue;
      }
      const resources = target ? (targetResources(catalog, target) as string[]) : '*';
      const condition = tagCondition((target ?? tagged) as ExperimentTemplateTarget);
      const key = JSON.stringify([resources, condition]);
      const existing = scoped.get(key);
      if (existing) {
        const list = new Set([...(existing.Action as string[]), iamAction]);
        existing.Action = [...list].sort();
      } else {
        const statement: IamStatement = {
          Sid: sid(`${name}-targets`),
          Effect: 'Allow',
          Action: [iamAction],
          Resource: resources,
          ...(condition && { Condition: condition }),
        };
        scoped.set(key, statement);
      }
    }
    if (loose.size) {
      statements.push({
        Sid: sid(`${name}-other`),
        Effect: 'Allow',
        Action: [...loose].sort(),
        Resource: '*',
      });
    }
  }
  if (template.logConfiguration?.cloudWatchLogsConfiguration) {
    statements.push({
      Sid: 'ExperimentLogsToCloudWatch',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogDelivery',
        'logs:DescribeLogGroups',
        'logs:DescribeResourcePolicies',
        'logs:PutResourcePolicy',
      ],
      Resource: '*',
    });
  }
  if (template.logConfiguration?.s3Configuration) {
    statements.push({
      Sid: 'ExperimentLogsToS3',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: `arn:aws:s3:::${template.logConfiguration.s3Configuration.bucketName}/*`,
    });
  }
  const all = [...scoped.values(), ...statements];
  if (readOnly.size) {
    all.unshift({ Sid: 'ReadOnlyDiscovery', Effect: 'Allow', Action: [...readOnly].sort(), Resource: '*' });
  }
  return { Version: '2012-10-17', Statement: all };
}

/**
 * A trust policy letting FIS, and only FIS experiments of one account, assume the role. `account`
 * and `sourceArn` are strings, or CloudFormation intrinsics in a template.
 */
export function trustPolicyDocument(account: unknown, sourceArn: unknown): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'fis.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': sourceArn },
        },
      },
    ],
  };
}

/** The trust policy that lets FIS, and only FIS experiments of this account, assume the role. */
export function experimentRoleTrustPolicy(accountId: string, region = '*'): Record<string, unknown> {
  return trustPolicyDocument(accountId, `arn:aws:fis:${region}:${accountId}:experiment/*`);
}
