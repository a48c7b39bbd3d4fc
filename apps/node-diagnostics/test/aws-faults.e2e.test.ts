// The node-diagnostics tools over MCP, with the REAL SSM client (the server's defaults) pointed at a
// fake SSM on 127.0.0.1 that throttles, fails or never answers. The caller gets a tool error with a
// stable code and what to do next; a collection whose status cannot be read is never reported done.
import { silentLogger, toolErrorOf } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AWS_FAULTS, FAKE_CREDENTIALS, type FakeAws, startFakeAws } from '../../../scripts/testing/fake-aws';
import { FindingStore } from '../src/finding-store';
import { createServer } from '../src/server';

const EXECUTION = '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61';
let fake: FakeAws | undefined;
let client: Client | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connect(): Promise<Client> {
  const clientConfig = { endpoint: fake?.url, region: 'us-east-1', credentials: FAKE_CREDENTIALS };
  const { server } = createServer({
    logger: silentLogger,
    bundleRoots: [process.cwd()],
    aws: { ssm: { clientConfig }, ec2: { clientConfig }, s3: { clientConfig } },
    collection: { s3Bucket: 'faultline-logs' },
    findings: new FindingStore(),
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  client = new Client({ name: 'test', version: '1' });
  await client.connect(b);
  return client;
}

const errorOf = (r: CallToolResult) => toolErrorOf(r);

describe('node-diagnostics tools when SSM misbehaves', () => {
  it('collect_node_diagnostics, SSM throttling past the retries: a NODE_DIAG_AWS_CALL_FAILED tool error saying to retry, after 3 requests', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws(() => AWS_FAULTS.throttling('awsJson1_1'));
    const result = (await (
      await connect()
    ).callTool({
      name: 'collect_node_diagnostics',
      arguments: { instanceId: 'i-0a1b2c3d4e5f60718' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(errorOf(result)).toMatchObject({
      code: 'NODE_DIAG_AWS_CALL_FAILED',
      message: expect.stringMatching(/throttled by AWS after 3 attempts.*retry/i),
      awsError: 'ThrottlingException',
      attempts: 3,
      retryable: true,
    });
    expect(fake.count('StartAutomationExecution')).toBe(3);
  });

  it('collect_node_diagnostics with wait, status reads throttled: the error carries the executionId and done: false', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws((r) =>
      r.operation === 'StartAutomationExecution'
        ? { json: { AutomationExecutionId: EXECUTION } }
        : AWS_FAULTS.throttling('awsJson1_1'),
    );
    const c = await connect();
    // the tool polls every 5 s at first; fake timers are not possible across the real SDK, so the
    // first poll is the one that fails and the tolerance is what keeps it short
    const result = (await c.callTool(
      { name: 'collect_node_diagnostics', arguments: { instanceId: 'i-0a1b2c3d4e5f60718', wait: true } },
      undefined,
      { timeout: 60_000 },
    )) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(errorOf(result)).toMatchObject({
      code: 'NODE_DIAG_AWS_CALL_FAILED',
      executionId: EXECUTION,
      done: false,
      message: expect.stringMatching(/was started, but its status could not be read.*get_collection_status/),
    });
    expect(JSON.stringify(result)).not.toMatch(/"succeeded":true|"status":"Success"/);
  }, 60_000);

  it('get_collection_status on a silent endpoint: answers within the time limits with a retryable error', async () => {
    vi.stubEnv('FAULTLINE_AWS_TIMEOUT_MS', '200');
    vi.spyOn(Math, 'random').mockReturnValue(0);
    fake = await startFakeAws(() => ({ hang: true }));
    const startedAt = Date.now();
    const result = (await (
      await connect()
    ).callTool({
      name: 'get_collection_status',
      arguments: { executionId: EXECUTION },
    })) as CallToolResult;
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(errorOf(result)).toMatchObject({
      code: 'NODE_DIAG_AWS_CALL_FAILED',
      awsError: 'TimeoutError',
      attempts: 3,
      retryable: true,
    });
  });
});
