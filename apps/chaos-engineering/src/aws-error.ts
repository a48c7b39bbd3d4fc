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
  ServiceQuotaExceededException: 'an FIS quota is reached (for example 5 active experiments per account).',
  ThrottlingException: 'FIS throttled the request after retries; try again in a minute.',
  ExpiredTokenException: 'the AWS session token expired: refresh your credentials (e.g. aws sso login).',
  UnrecognizedClientException: 'the AWS credentials are not valid.',
};

/** Wraps an AWS SDK error in a {@link ChaosServerError} that says what failed and what to do; the SDK error stays as `cause`. */
export function awsCallFailed(operation: string, error: unknown): ChaosServerError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const guidance = GUIDANCE[name] ?? 'see the message from AWS.';
  return new ChaosServerError(
    ChaosServerErrorCode.AwsCallFailed,
    `${operation} failed (${name}): ${message}. ${guidance}`,
    {
      cause: error,
      data: { awsError: name, operation },
    },
  );
}
