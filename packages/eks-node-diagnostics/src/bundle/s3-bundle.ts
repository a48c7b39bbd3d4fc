import type { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { awsCallFailed, awsClientDefaults, cachedClient } from '../automation/client-options';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { archiveFiles } from './archive-bundle';
import type { BundleSource } from './bundle-source';

/** How to reach S3: a ready client, or a config to build one lazily (never both). */
export type S3ClientOptions =
  | { client: S3Client; clientConfig?: never }
  | { clientConfig?: S3ClientConfig; client?: never };

/** Splits `s3://bucket/key` into its parts; refuses anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.{0,1024})$/.exec(uri);
  if (!match || uri.includes('\0')) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleInvalid,
      `"${uri.slice(0, 200)}" is not an s3://bucket/key URI`,
    );
  }
  return { bucket: match[1] as string, key: match[2] as string };
}

async function s3Client(options: S3ClientOptions): Promise<S3Client> {
  if (options.client) return options.client;
  return cachedClient(options, async () => {
    const { S3Client } = await import('@aws-sdk/client-s3');
    return new S3Client({ ...awsClientDefaults(), ...(options.clientConfig ?? {}) });
  });
}

function awsError(error: unknown, what: string, call: string): NodeDiagnosticsError {
  const name = (error as { name?: string }).name ?? 'Error';
  if (name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket') {
    return new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleNotFound,
      `${what}: ${name}; check the bucket, key and region, and that the collection succeeded (get_collection_status)`,
      { cause: error },
    );
  }
  // throttled (SlowDown), denied, unreachable or failed on AWS's side: say which, and whether to retry
  return awsCallFailed(
    error,
    `S3 ${call} (${what})`,
    call === 'ListObjectsV2' ? 's3:ListBucket on the bucket' : 's3:GetObject on the key',
    { SlowDown: { what: 'S3 asked to slow down; wait a minute and retry.', retryable: true } },
  );
}

/** Listing pages read (1,000 keys each) before a prefix is judged too broad to pick the newest archive. */
const MAX_LIST_PAGES = 10;

/**
 * Finds the newest `.tar.gz` under a prefix (the collector uploads `eks_<instance>_<time>_<version>.tar.gz`
 * to the bucket root), or returns the key itself when it already names an archive. A prefix with more
 * than 10,000 objects is refused (NODE_DIAG_INVALID_INPUT) rather than answered from the pages read.
 */
export async function resolveS3BundleKey(client: S3Client, bucket: string, key: string): Promise<string> {
  if (/\.(?:tar\.gz|tgz)$/.test(key)) return key;
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  let newest: { key: string; time: number } | undefined;
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await client
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }))
      .catch((error: unknown) => {
        throw awsError(error, `listing s3://${bucket}/${key}`, 'ListObjectsV2');
      });
    for (const object of page.Contents ?? []) {
      if (!object.Key || !/\.(?:tar\.gz|tgz)$/.test(object.Key)) continue;
      const time = object.LastModified?.getTime() ?? 0;
      if (!newest || time > newest.time) newest = { key: object.Key, time };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    pages += 1;
  } while (token && pages < MAX_LIST_PAGES);
  if (token) {
    // the newest archive may be on a page not read: naming one would be a guess
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.InvalidInput,
      `more than ${MAX_LIST_PAGES * 1000} objects under s3://${bucket}/${key}: give a longer prefix (for example s3://${bucket}/eks_<instance id>) or the archive's key`,
    );
  }
  if (!newest) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleNotFound,
      `no .tar.gz under s3://${bucket}/${key}; wait for the collection to finish (get_collection_status)`,
    );
  }
  return newest.key;
}

/** A bundle in S3, streamed from GetObject through gunzip and the tar reader; nothing touches the disk. */
export function s3Bundle(uri: string, options: S3ClientOptions = {}): BundleSource {
  const { bucket, key } = parseS3Uri(uri);
  return {
    ref: uri,
    name: key.split('/').pop() || key,
    kind: 's3',
    async *files() {
      const client = await s3Client(options);
      const objectKey = await resolveS3BundleKey(client, bucket, key);
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      yield* archiveFiles(async () => {
        const response = await client
          .send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }))
          .catch((error: unknown) => {
            throw awsError(error, `reading s3://${bucket}/${objectKey}`, 'GetObject');
          });
        if (!response.Body)
          throw awsError(new Error('empty body'), `reading s3://${bucket}/${objectKey}`, 'GetObject');
        return response.Body as Readable;
      });
    },
  };
}
