import type { Catalog } from '../catalog/catalog';
import type { CatalogAction } from '../catalog/types';
import type { ExperimentTemplate, ExperimentTemplateTarget } from './types';

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
      Resource: ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ssm:*:*:document/*'],
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
      const special = specialStatement(action, iamAction);
      if (special) {
        statements.push(special);
        continue;
      }
      const target = targets.find((t) => {
        const resources = targetResources(catalog, t);
        return resources?.some((arn) => arnService(arn) === iamAction.split(':')[0]);
      });
      if (!target) {
        loose.add(iamAction);
        continue;
      }
      const resources = targetResources(catalog, target) as string[];
      const condition = tagCondition(target);
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
