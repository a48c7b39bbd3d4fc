import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';

/** How to reach SSM: a ready client, or a config to build one on first use (never both). */
export type SsmClientOptions =
  | { client: SSMClient; clientConfig?: never }
  | { clientConfig?: SSMClientConfig; client?: never };

/** How to reach EC2 (node name look-ups): a ready client, or a config (never both). */
export type Ec2ClientOptions =
  | { client: EC2Client; clientConfig?: never }
  | { clientConfig?: EC2ClientConfig; client?: never };

/** The SSM client, built lazily so that importing this package never loads the AWS SDK. */
export async function ssmClient(options: SsmClientOptions = {}): Promise<SSMClient> {
  if (options.client) return options.client;
  const { SSMClient } = await import('@aws-sdk/client-ssm');
  return new SSMClient(options.clientConfig ?? {});
}

/** The EC2 client, built lazily. */
export async function ec2Client(options: Ec2ClientOptions = {}): Promise<EC2Client> {
  if (options.client) return options.client;
  const { EC2Client } = await import('@aws-sdk/client-ec2');
  return new EC2Client(options.clientConfig ?? {});
}

/** Wraps an AWS SDK failure with our code; the SDK error stays the `cause`. */
export function awsCallFailed(error: unknown, call: string, permission: string): NodeDiagnosticsError {
  const name = (error as { name?: string }).name ?? 'Error';
  return new NodeDiagnosticsError(
    NodeDiagnosticsErrorCode.AwsCallFailed,
    `${call} failed (${name}). Check the AWS credentials and region the server uses, and that they allow ${permission}.`,
    { cause: error, data: { awsError: name, call } },
  );
}
