// An upstream dependency goes down while the chaos-engineering server runs over HTTP on loopback:
// /ready turns 503 and names it, the tools that do not need it keep answering, the ones that do
// answer a coded error quickly, and /ready turns 200 again by itself when the dependency is back.
// Two dependencies: the AWS FIS endpoint (a fake FIS on 127.0.0.1, stopped and restarted on the same
// port) and the catalog cache directory (made unwritable by a file in its place, then restored).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type StartedServer, startServer } from '@faultline/server-runtime/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeAws,
  type FakeAwsRequest,
  fakeAwsEnv,
  startFakeAws,
} from '../../../scripts/testing/fake-aws';

const root = fileURLToPath(new URL('..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const TEMPLATE = {
  description: 'stop one tagged instance',
  roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
  stopConditions: [
    { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:x' },
  ],
  targets: {
    one: {
      resourceType: 'aws:ec2:instance',
      resourceTags: { 'FIS-Ready': 'True' },
      selectionMode: 'COUNT(1)',
    },
  },
  actions: { stop: { actionId: 'aws:ec2:stop-instances', targets: { Instances: 'one' } } },
};

const fis = (r: FakeAwsRequest) =>
  r.operation === 'ListActions'
    ? { json: { actions: [{ id: 'aws:ec2:stop-instances', description: 'Stop' }] } }
    : { json: { experiments: [] } };

let fake: FakeAws;
let fisPort: number;
let server: StartedServer;
let base: string;
let home: string;
let client: Client;

beforeAll(async () => {
  fake = await startFakeAws(fis);
  fisPort = fake.port;
  home = mkdtempSync(join(tmpdir(), 'faultline-ready-'));
  server = await startServer(
    ['--import', TSX, join(root, 'src', 'index.ts'), '--transport', 'http', '--port', '0'],
    {
      ...fakeAwsEnv(fake.url),
      AWS_ENDPOINT_URL_FIS: fake.url,
      FAULTLINE_AWS_TIMEOUT_MS: '300',
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_STATE_HOME: join(home, 'state'),
      FAULTLINE_SCENARIO_ROOT: home,
    },
    root,
  );
  base = `http://127.0.0.1:${server.port}`;
  client = new Client({ name: 'readiness-e2e', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await fake?.close();
  rmSync(home, { recursive: true, force: true });
});

interface Ready {
  status: number;
  body: { status: string; reason?: string; checks: Array<{ name: string; ok: boolean; reason?: string }> };
}
const ready = async (): Promise<Ready> => {
  const response = await fetch(`${base}/ready`);
  return { status: response.status, body: (await response.json()) as Ready['body'] };
};
async function readyUntil(status: number, timeoutMs = 15_000): Promise<Ready> {
  const deadline = Date.now() + timeoutMs;
  let last = await ready();
  while (last.status !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await ready();
  }
  return last;
}
const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args }, undefined, { timeout: 30_000 })) as CallToolResult;
const timed = async <T>(f: () => Promise<T>) => {
  const started = Date.now();
  const value = await f();
  return { value, ms: Date.now() - started };
};

describe('chaos-engineering over HTTP while a dependency goes down and comes back', () => {
  it('is ready with every dependency up', async () => {
    const r = await readyUntil(200);
    expect(r.status).toBe(200);
    expect(r.body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['catalog', true],
      ['catalog_cache', true],
      ['aws_fis', true],
    ]);
  });

  it('FIS endpoint down: /ready is 503 naming it; offline tools answer; live tools fail fast with a code; back up: 200 by itself', async () => {
    // Act 1: the dependency goes down
    await fake.close();
    const down = await readyUntil(503);
    // Assess 1
    expect(down.status).toBe(503);
    expect(down.body.reason).toMatch(/^aws_fis: the AWS FIS endpoint is unreachable \(/);
    const validate = await timed(() => call('validate_fis_template', { template: TEMPLATE }));
    expect(validate.value.isError).toBeFalsy();
    expect(validate.value.structuredContent).toMatchObject({ valid: expect.any(Boolean) });
    expect(validate.ms).toBeLessThan(2000);
    const actions = await call('get_valid_fis_actions', {});
    expect(actions.isError).toBeFalsy();
    const live = await timed(() => call('list_experiments', {}));
    expect(live.value.isError).toBe(true);
    expect(live.value.content[0]).toMatchObject({ text: expect.stringMatching(/^CHAOS_AWS_CALL_FAILED: /) });
    expect(live.ms).toBeLessThan(10_000);
    // Act 2: the dependency comes back on the same port
    fake = await startFakeAws(fis, fisPort);
    const up = await readyUntil(200);
    // Assess 2: nobody restarted anything
    expect(up.status).toBe(200);
    expect(up.body.checks.find((c) => c.name === 'aws_fis')).toMatchObject({ ok: true });
    const again = await call('list_experiments', {});
    expect(again.isError).toBeFalsy();
  }, 60_000);

  it('catalog cache directory unwritable: /ready is 503 naming it; tools keep working; writable again: 200 by itself', async () => {
    // Act 1: a file takes the place of the cache directory
    const cacheDir = join(home, 'cache', 'faultline');
    rmSync(cacheDir, { recursive: true, force: true });
    writeFileSync(cacheDir, 'not a directory');
    const down = await readyUntil(503);
    // Assess 1
    expect(down.status).toBe(503);
    expect(down.body.reason).toMatch(
      /catalog_cache: the catalog cache directory cannot be written \((EEXIST|ENOTDIR)\)/,
    );
    const validate = await call('validate_fis_template', { template: TEMPLATE });
    expect(validate.isError).toBeFalsy();
    const refreshed = await call('refresh_valid_fis_actions_cache', {});
    expect(refreshed.isError).toBeFalsy();
    expect(JSON.stringify(refreshed.structuredContent)).toMatch(/could not write the catalog cache/);
    // Act 2: the directory is back
    rmSync(cacheDir, { force: true });
    const up = await readyUntil(200);
    expect(up.status).toBe(200);
  }, 60_000);
});

describe('chaos-engineering with --ready-optional aws_fis', () => {
  it('stays in the load balancer while FIS is down: /ready 200 "degraded", naming FIS', async () => {
    const gone = await startFakeAws(fis);
    await gone.close(); // nothing listens on its port any more
    const optional = await startServer(
      [
        '--import',
        TSX,
        join(root, 'src', 'index.ts'),
        '--transport',
        'http',
        '--port',
        '0',
        '--ready-optional',
        'aws_fis',
      ],
      {
        ...fakeAwsEnv(gone.url),
        AWS_ENDPOINT_URL_FIS: gone.url,
        FAULTLINE_AWS_TIMEOUT_MS: '300',
        XDG_CACHE_HOME: join(home, 'cache-optional'),
        XDG_STATE_HOME: join(home, 'state-optional'),
        FAULTLINE_SCENARIO_ROOT: home,
      },
      root,
    );
    try {
      const response = await fetch(`http://127.0.0.1:${optional.port}/ready`);
      const body = (await response.json()) as Ready['body'] & { degraded?: string[] };
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ status: 'degraded', degraded: ['aws_fis'] });
      expect(body.reason).toMatch(/^aws_fis: the AWS FIS endpoint is unreachable/);
      expect(body.checks.find((c) => c.name === 'aws_fis')).toMatchObject({ ok: false, optional: true });
    } finally {
      await optional.stop();
    }
  }, 60_000);
});
