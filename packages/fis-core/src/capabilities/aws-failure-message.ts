/** IAM actions the live catalog lookup needs. */
export const FIS_CATALOG_PERMISSIONS = [
  'fis:ListActions',
  'fis:GetAction',
  'fis:ListTargetResourceTypes',
  'fis:GetTargetResourceType',
] as const;

const FALLBACK = 'the cached or bundled catalog is used instead';

/** Summary of an AWS SDK error, for `FisCoreError.data`. */
export interface AwsFailureDetail {
  operation: string;
  region: string;
  errorName?: string;
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** Reads the fields of an AWS SDK (smithy) error without depending on its classes. */
export function awsFailureDetail(error: unknown, operation: string, region: string): AwsFailureDetail {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
  };
  const detail: AwsFailureDetail = { operation, region };
  if (typeof e.name === 'string') detail.errorName = e.name;
  const meta = e.$metadata;
  if (meta && typeof meta.httpStatusCode === 'number') detail.httpStatusCode = meta.httpStatusCode;
  if (meta && typeof meta.requestId === 'string') detail.requestId = meta.requestId;
  if (meta && typeof meta.attempts === 'number') detail.attempts = meta.attempts;
  return detail;
}

/**
 * A message for a failed FIS catalog call, written for the person or model reading it: what
 * failed, why if known, and what to do next.
 */
export function awsFailureMessage(error: unknown, detail: AwsFailureDetail): string {
  const name = detail.errorName ?? '';
  const raw = error instanceof Error ? error.message : String(error);
  const where = `${detail.operation} in ${detail.region}`;

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(raw)) {
    return `no AWS credentials resolved for ${where}: set AWS_PROFILE (after \`aws configure\` or \`aws sso login\`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is available; or hand in the output of \`aws fis list-actions\` as agent data. Until then ${FALLBACK}.`;
  }
  if (
    ['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired'].includes(name) ||
    /expired/i.test(raw)
  ) {
    return `the AWS credentials for ${where} have expired (${name || raw}): refresh them (e.g. \`aws sso login\`) and retry with refresh: true; ${FALLBACK}.`;
  }
  if (
    [
      'AccessDeniedException',
      'AccessDenied',
      'UnauthorizedOperation',
      'UnrecognizedClientException',
      'InvalidSignatureException',
    ].includes(name) ||
    detail.httpStatusCode === 403
  ) {
    return `AWS denied ${where} (${name || 'HTTP 403'}: ${raw}): the caller needs ${FIS_CATALOG_PERMISSIONS.join(', ')} on "*", and valid credentials for this account; ${FALLBACK}.`;
  }
  if (
    ['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'Throttling'].includes(
      name,
    ) ||
    detail.httpStatusCode === 429
  ) {
    const attempts = detail.attempts ? ` after ${detail.attempts} attempts` : '';
    return `FIS throttled ${where}${attempts}: retry in a minute (or raise maxAttempts in the client config); ${FALLBACK}.`;
  }
  if (
    name === 'TimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|socket hang up/i.test(raw)
  ) {
    return `could not reach the FIS endpoint for ${where} (${raw}): check the network, proxy settings and that FIS is offered in this region; ${FALLBACK}.`;
  }
  const status = detail.httpStatusCode ? `, HTTP ${detail.httpStatusCode}` : '';
  return `${where} failed (${name || 'Error'}${status}: ${raw}); ${FALLBACK}.`;
}
