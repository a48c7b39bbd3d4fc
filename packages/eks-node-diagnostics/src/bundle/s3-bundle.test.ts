import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBundle } from '../analyze/analyze-bundle';
import { generateBundle } from '../testing';
import { parseS3Uri, s3Bundle } from './s3-bundle';

const s3Mock = mockClient(S3Client);
const s3 = { client: new S3Client({ region: 'us-east-1' }) };
let dir: string;
let archive: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-s3-'));
  archive = (await generateBundle({ outDir: dir, sizeMb: 0.1, inject: ['kernel.oom-kill'] }))
    .archive as string;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  s3Mock.reset();
});

describe('s3Bundle', () => {
  it('streams the newest archive under a prefix from GetObject and analyses it', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [
        {
          Key: 'eks_i-0a1b2c3d4e5f60718_2026-11-01_0900-UTC_0.7.8.tar.gz',
          LastModified: new Date('2026-11-01T09:01:00Z'),
        },
        {
          Key: 'eks_i-0a1b2c3d4e5f60718_2026-11-02_1030-UTC_0.7.8.tar.gz',
          LastModified: new Date('2026-11-02T10:31:00Z'),
        },
      ],
    });
    s3Mock.on(GetObjectCommand).callsFake(async () => ({ Body: createReadStream(archive) }));
    const { findings } = await analyzeBundle(
      s3Bundle('s3://faultline-node-logs/eks_i-0a1b2c3d4e5f60718', s3),
    );
    expect(findings.map((f) => f.rule)).toEqual(['kernel.oom-kill']);
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'faultline-node-logs',
      Key: 'eks_i-0a1b2c3d4e5f60718_2026-11-02_1030-UTC_0.7.8.tar.gz',
    });
  });

  it.each([
    [
      'SlowDown',
      503,
      /^S3 ListObjectsV2 \(listing s3:\/\/faultline-node-logs\/eks_i-0a1b2c3d4e5f60718\) failed \(SlowDown: Please reduce your request rate\.\)\. S3 asked to slow down; wait a minute and retry\.$/,
      true,
    ],
    ['AccessDenied', 403, /was denied \(AccessDenied\): .*s3:ListBucket on the bucket/, false],
    ['TimeoutError', undefined, /could not reach the AWS endpoint .*retry/, true],
  ] as const)(
    'says what a %s from S3 means and whether to retry (not "check credentials" for all)',
    async (name, status, message, retryable) => {
      s3Mock.on(ListObjectsV2Command).rejects(
        Object.assign(new Error('Please reduce your request rate.'), {
          name,
          $metadata: { httpStatusCode: status, attempts: 3 },
        }),
      );
      const error = await analyzeBundle(
        s3Bundle('s3://faultline-node-logs/eks_i-0a1b2c3d4e5f60718', s3),
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'NODE_DIAG_AWS_CALL_FAILED',
        message: expect.stringMatching(message),
        data: { awsError: name, retryable },
      });
    },
  );

  it('refuses a prefix too broad to list whole, rather than guess the newest archive', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: 'eks_i-0aaa_2026.tar.gz', LastModified: new Date('2026-01-01') }],
      IsTruncated: true,
      NextContinuationToken: 'more',
    });
    await expect(analyzeBundle(s3Bundle('s3://faultline-node-logs/eks_', s3))).rejects.toMatchObject({
      code: 'NODE_DIAG_INVALID_INPUT',
      message: expect.stringMatching(
        /more than 10000 objects under s3:\/\/faultline-node-logs\/eks_: give a longer prefix/,
      ),
    });
    expect(s3Mock.commandCalls(ListObjectsV2Command)).toHaveLength(10);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('reports a missing object as BUNDLE_NOT_FOUND and refuses non-S3 URIs', async () => {
    s3Mock.on(GetObjectCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    await expect(analyzeBundle(s3Bundle('s3://faultline-node-logs/x.tar.gz', s3))).rejects.toMatchObject({
      code: 'NODE_DIAG_BUNDLE_NOT_FOUND',
    });
    expect(() => parseS3Uri('s3://UPPER/x')).toThrow(/not an s3/);
  });
});
