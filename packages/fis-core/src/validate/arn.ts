/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):([^:]*):(.+)$/s;

/**
 * Splits an ARN into its parts, or returns `undefined` when the text is not an ARN.
 *
 * @example
 * parseArn('arn:aws:iam::123456789012:role/FisRole')?.resource; // 'role/FisRole'
 */
export function parseArn(text: string): ParsedArn | undefined {
  if (text.length > 2048) return undefined;
  const match = ARN.exec(text);
  if (!match) return undefined;
  const [, partition, service, region, account, resource] = match;
  return {
    partition: partition!,
    service: service!,
    region: region!,
    account: account!,
    resource: resource!,
  };
}

/** 12 digits, as in `123456789012`. */
export const ACCOUNT_ID = /^\d{12}$/;

const ROLE_RESOURCE = /^role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** Why a role ARN is not acceptable, or `undefined` when it is a well-formed IAM role ARN. */
export type RoleArnProblem =
  | { kind: 'malformed'; message: string; suggestion?: string }
  | { kind: 'not-a-role'; message: string; suggestion?: string };

/**
 * Checks that `text` is the ARN of an IAM role (`arn:aws:iam::123456789012:role/<path/>Name`), and
 * says what it is instead when it is not.
 */
export function checkRoleArn(text: string): RoleArnProblem | undefined {
  const arn = parseArn(text);
  if (!arn) {
    const suggestion = /^[\w+=,.@-]{1,64}$/.test(text)
      ? `use the full ARN, e.g. arn:aws:iam::123456789012:role/${text}`
      : 'use arn:aws:iam::<12-digit account>:role/<role name>';
    return { kind: 'malformed', message: 'is not an ARN', suggestion };
  }
  if (arn.service === 'sts' && arn.resource.startsWith('assumed-role/')) {
    const roleName = arn.resource.split('/')[1] ?? '<role name>';
    return {
      kind: 'not-a-role',
      message: 'is an STS assumed-role session ARN, not the ARN of the role itself',
      suggestion: `use arn:${arn.partition}:iam::${arn.account}:role/${roleName} (add the role's path if it has one)`,
    };
  }
  if (arn.service !== 'iam') {
    return {
      kind: 'not-a-role',
      message: `is an ARN of service ${arn.service}, not an IAM role`,
      suggestion: 'use the ARN of an IAM role that trusts fis.amazonaws.com',
    };
  }
  const kind = arn.resource.split('/')[0] ?? '';
  if (kind !== 'role') {
    const what: Record<string, string> = {
      user: 'an IAM user',
      group: 'an IAM group',
      policy: 'an IAM policy',
      'instance-profile': 'an instance profile',
      root: 'the account root user',
    };
    const name = arn.resource.split('/').pop() ?? 'FisExperimentRole';
    const suggestion =
      kind === 'instance-profile'
        ? `use the ARN of the role in the profile, e.g. arn:${arn.partition}:iam::${arn.account}:role/${name}`
        : `use the ARN of an IAM role that trusts fis.amazonaws.com, e.g. arn:${arn.partition}:iam::${arn.account}:role/FisExperimentRole`;
    return {
      kind: 'not-a-role',
      message: `is the ARN of ${what[kind] ?? `an IAM ${kind}`}, not of a role`,
      suggestion,
    };
  }
  if (arn.region !== '') {
    return {
      kind: 'malformed',
      message: `names region ${arn.region}, but IAM ARNs have an empty region field`,
      suggestion: `use arn:${arn.partition}:iam::${arn.account}:${arn.resource}`,
    };
  }
  if (!ACCOUNT_ID.test(arn.account)) {
    return {
      kind: 'malformed',
      message: `has account ${JSON.stringify(arn.account)}, which is not 12 digits`,
    };
  }
  if (!ROLE_RESOURCE.test(arn.resource)) {
    return {
      kind: 'malformed',
      message:
        'has a role name or path with characters IAM does not allow (letters, digits and +=,.@_- only; names up to 64)',
    };
  }
  return undefined;
}

const ALARM = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/;

/** True for a CloudWatch alarm ARN (`arn:aws:cloudwatch:<region>:<account>:alarm:<name>`). */
export function isAlarmArn(text: string): boolean {
  return text.length >= 20 && text.length <= 2048 && ALARM.test(text);
}

const LOG_GROUP = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:*\s]+(?::\*)?$/;

/** True for a CloudWatch Logs log-group ARN, with or without the trailing `:*`. */
export function isLogGroupArn(text: string): boolean {
  return text.length >= 20 && text.length <= 2048 && LOG_GROUP.test(text);
}
