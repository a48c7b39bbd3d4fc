import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { quoteLine } from '../text/quote-line';

/** How to reach SSM: a ready client, or a config to build one on first use (never both). */
export type SsmClientOptions =
  | { client: SSMClient; clientConfig?: never }
  | { clientConfig?: SSMClientConfig; client?: never };

/** How to reach EC2 (node name look-ups): a ready client, or a config (never both). */
export type Ec2ClientOptions =
  | { client: EC2Client; clientConfig?: never }
  | { clientConfig?: EC2ClientConfig; client?: never };

/** How long an AWS client waits for a connection (ms) before the attempt fails and is retried. */
export const AWS_CONNECTION_TIMEOUT_MS = 3000;
/** How long an AWS client waits on a silent request (ms) before the attempt fails and is retried. */
export const AWS_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Retry and time-limit settings of every AWS client this package builds: 3 attempts with the SDK's
 * standard retries (backoff with jitter on throttling, 5xx and time-outs) and time limits, so a
 * silent endpoint cannot hold a tool call for ever. `AWS_MAX_ATTEMPTS` and `AWS_RETRY_MODE` (the
 * SDK's own variables) win when set, and `FAULTLINE_AWS_TIMEOUT_MS` sets the request limit.
 */
export function awsClientDefaults(env: Readonly<Record<string, string | undefined>> = process.env) {
  const timeout = Number(env.FAULTLINE_AWS_TIMEOUT_MS);
  const requestTimeout = Number.isInteger(timeout) && timeout > 0 ? timeout : AWS_REQUEST_TIMEOUT_MS;
  return {
    ...(!env.AWS_MAX_ATTEMPTS && { maxAttempts: 3 }),
    ...(!env.AWS_RETRY_MODE && { retryMode: 'standard' }),
    requestHandler: {
      connectionTimeout: Math.min(AWS_CONNECTION_TIMEOUT_MS, requestTimeout),
      requestTimeout,
    },
  };
}

// One client per options object: a client per call would leak its sockets.
const built = new WeakMap<object, Promise<unknown>>();

/** The client of an options object, built once (lazily, so importing this package never loads the SDK). */
export function cachedClient<T>(options: object, build: () => Promise<T>): Promise<T> {
  let client = built.get(options) as Promise<T> | undefined;
  if (!client) {
    client = build();
    built.set(options, client);
    client.catch(() => built.delete(options));
  }
  return client;
}

/** The SSM client: the given one, or one built once per options object with {@link awsClientDefaults}. */
export async function ssmClient(options: SsmClientOptions = {}): Promise<SSMClient> {
  if (options.client) return options.client;
  return cachedClient(options, async () => {
    const { SSMClient } = await import('@aws-sdk/client-ssm');
    return new SSMClient({ ...awsClientDefaults(), ...(options.clientConfig ?? {}) });
  });
}

/** The EC2 client, built once per options object. */
export async function ec2Client(options: Ec2ClientOptions = {}): Promise<EC2Client> {
  if (options.client) return options.client;
  return cachedClient(options, async () => {
    const { EC2Client } = await import('@aws-sdk/client-ec2');
    return new EC2Client({ ...awsClientDefaults(), ...(options.clientConfig ?? {}) });
  });
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ThrottledException',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'AuthFailure',
]);

/**
 * Wraps an AWS SDK failure with our code and a message that says what happened and what to do
 * (throttled, denied, unreachable, or failed on AWS's side, with the attempts made); the SDK error
 * stays the `cause`, and `data` carries `awsError`, `call`, `httpStatusCode`, `attempts` and
 * `retryable` (worth trying again later).
 */
export function awsCallFailed(
  error: unknown,
  call: string,
  permission: string,
  /** What to do about service errors of this call, by AWS error name (AWS's own message is quoted before it). */
  advice: Readonly<Record<string, { what: string; retryable?: boolean }>> = {},
): NodeDiagnosticsError {
  const e = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; attempts?: number };
  };
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const after = attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : '';
  let message: string;
  let retryable = false;
  // AWS's message says which parameter or document is wrong: quoted on one line, capped, redacted
  const said = quoteLine(e.message ?? '', 300).trim();
  const known = Object.hasOwn(advice, name) ? advice[name] : undefined;
  if (known) {
    retryable = known.retryable === true;
    message = `${call} failed (${name}${said && said !== name ? `: ${said}` : ''}). ${known.what}`;
  } else if (THROTTLING.has(name) || status === 429) {
    retryable = true;
    message = `${call} was throttled by AWS${after} (${name}); nothing was changed by this call. Wait a minute and retry.`;
  } else if (DENIED.has(name) || status === 403) {
    message = `${call} was denied (${name}): the server's AWS credentials need ${permission}, in this account and region.`;
  } else if (name === 'CredentialsProviderError') {
    message = `${call} failed: no AWS credentials resolved for the server (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an IAM role).`;
  } else if (
    name === 'TimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|socket hang up/i.test(e.message ?? '')
  ) {
    retryable = true;
    message = `${call} could not reach the AWS endpoint${after} (${name}: ${e.message ?? ''}): check the network path to AWS (proxy, VPC endpoint) and retry.`;
  } else if (status !== undefined && status >= 500) {
    retryable = true;
    message = `${call} failed on AWS's side${after} (${name}, HTTP ${status}). Retry later.`;
  } else {
    message = `${call} failed (${name}${status ? `, HTTP ${status}` : ''}${said && said !== name ? `: ${said}` : ''}). Check the input, the AWS credentials and region the server uses, and that they allow ${permission}.`;
  }
  return new NodeDiagnosticsError(NodeDiagnosticsErrorCode.AwsCallFailed, message, {
    cause: error,
    data: {
      awsError: name,
      call,
      ...(status !== undefined && { httpStatusCode: status }),
      ...(attempts !== undefined && { attempts }),
      retryable,
    },
  });
}
