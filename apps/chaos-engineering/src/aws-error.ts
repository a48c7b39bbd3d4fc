import { ChaosServerError, ChaosServerErrorCode } from './errors';

const GUIDANCE: Record<string, string> = {
  CredentialsProviderError:
    'no AWS credentials resolved: set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) in the server’s environment. Offline tools (validate_fis_template, get_valid_fis_actions) keep working.',
  AccessDeniedException:
    'the credentials lack the FIS permission for this call; see docs/chaos-engineering.md for the policy.',
  ResourceNotFoundException: 'no such resource in this Region: check the id and the region argument.',
  ValidationException: 'FIS rejected the request: the message says which field.',
  ConflictException:
    'the resource is in a state that does not allow this (for example the experiment already ended).',
  ServiceQuotaExceededException:
    'an FIS quota is reached (for example the active experiments per account): wait for or stop a running experiment (list_experiments, stop_experiment), or ask for a higher quota in Service Quotas.',
  ThrottlingException: 'FIS throttled the request after retries; try again in a minute.',
  ExpiredTokenException: 'the AWS session token expired: refresh your credentials (e.g. aws sso login).',
  UnrecognizedClientException: 'the AWS credentials are not valid.',
  TimeoutError:
    'the FIS endpoint did not answer in time, after retries: check the network path to AWS (proxy, VPC endpoint) and try again.',
};

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|socket hang up/i;

/**
 * AWS messages name the caller (`User: arn:aws:sts::123456789012:assumed-role/Role/alice@example.com is
 * not authorized…`): the account id and the session name (often a person’s e-mail) are not the
 * model’s to see. Account ids in ARNs become `<account-id>`, session names `<session>`; the role stays.
 */
export function redactAccount(message: string): string {
  return message
    .replace(/(arn:aws[\w-]*:[\w-]*:[\w-]*:)\d{12}(?=:)/g, '$1<account-id>')
    .replace(/(:assumed-role\/[\w+=,.@-]+\/)[^\s"',]+/g, '$1<session>')
    .replace(/\b(account|Account)( id)?:? \d{12}\b/g, '$1$2 <account-id>');
}

/**
 * Wraps an AWS SDK error in a {@link ChaosServerError} that says what failed and what to do; the SDK
 * error stays as `cause`. `data` carries the AWS error name, the HTTP status and the attempts the
 * SDK made, and `retryable` (throttling, 5xx, time-outs, network: worth trying again later).
 */
export function awsCallFailed(operation: string, error: unknown): ChaosServerError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = redactAccount(error instanceof Error ? error.message : String(error)).replace(
    /[.\s]+$/,
    '',
  );
  const meta = (error as { $metadata?: { httpStatusCode?: number; attempts?: number } })?.$metadata;
  const status = meta?.httpStatusCode;
  const network = name === 'TimeoutError' || NETWORK.test(message);
  const retryable =
    network ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    /Throttl|TooManyRequests/.test(name);
  const guidance =
    GUIDANCE[name] ??
    (network
      ? GUIDANCE.TimeoutError
      : status !== undefined && status >= 500
        ? `FIS failed on its side (HTTP ${status}) after retries; try again later.`
        : 'see the message from AWS.');
  const after = meta?.attempts && meta.attempts > 1 ? ` after ${meta.attempts} attempts` : '';
  return new ChaosServerError(
    ChaosServerErrorCode.AwsCallFailed,
    `${operation} failed${after} (${name}): ${message}. ${guidance}`,
    {
      cause: error,
      data: {
        awsError: name,
        operation,
        ...(status !== undefined && { httpStatusCode: status }),
        ...(meta?.attempts !== undefined && { attempts: meta.attempts }),
        retryable,
      },
    },
  );
}
