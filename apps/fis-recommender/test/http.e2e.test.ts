import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type StartedServer, startServer } from '@faultline/server-runtime/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityProvider, type TestIdentityProvider } from './support/jwks-server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'index.js');
const ACCEPT = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });

/** The arguments of the container's CMD (Dockerfile), with a free port instead of 8000. */
function containerArgs(): string[] {
  const dockerfile = readFileSync(join(root, '..', '..', 'Dockerfile'), 'utf8');
  const cmd = /^CMD exec node apps\/\$\{SERVER\}\/dist\/index\.js (.+)$/m.exec(dockerfile)?.[1];
  expect(cmd).toBe('--transport http --host 0.0.0.0 --port 8000');
  return (cmd as string).split(' ').map((arg) => (arg === '8000' ? '0' : arg));
}

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'http-e2e', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

const post = (url: string, headers: Record<string, string>, body = LIST) =>
  fetch(url, { method: 'POST', headers: { ...ACCEPT, ...headers }, body });

describe('the built server over HTTP, started as the container starts it, with every kind of credential', () => {
  let idp: TestIdentityProvider;
  let server: StartedServer;
  const key = { 'x-api-key': 'e2e-key-two' };
  const claims = { aud: 'faultline-fis', sub: 'devops-agent', client_id: 'devops-agent', scope: 'fis/read' };

  beforeAll(async () => {
    expect(existsSync(bin), 'run the build first (npm test does)').toBe(true);
    idp = await startIdentityProvider();
    server = await startServer([bin, ...containerArgs()], {
      FAULTLINE_API_KEYS: 'e2e-key-one,e2e-key-two',
      FAULTLINE_BEARER_TOKENS: 'e2e-static-token',
      FAULTLINE_JWKS_URL: idp.jwksUrl,
      FAULTLINE_JWT_ISSUER: idp.issuer,
      FAULTLINE_JWT_AUDIENCE: 'faultline-fis',
      FAULTLINE_JWT_SCOPES: 'fis/read',
      FAULTLINE_ALLOWED_ORIGINS: 'https://console.example.com',
    });
    server.url = server.url.replace('0.0.0.0', '127.0.0.1');
  }, 20_000);

  afterAll(async () => {
    await server?.stop();
    await idp?.close();
  });

  it('serves the same tools as over stdio', async () => {
    const http = await connect(server.url, key);
    const stdio = new Client({ name: 'stdio', version: '0' });
    await stdio.connect(
      new StdioClientTransport({ command: process.execPath, args: [bin], stderr: 'ignore' }),
    );
    const byName = (tools: Tool[]) => [...tools].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName((await http.listTools()).tools)).toEqual(byName((await stdio.listTools()).tools));
    expect(http.getServerVersion()?.name).toBe('faultline-fis-recommender');
    await Promise.all([http.close(), stdio.close()]);
  });

  it('walks a finding to a template with an API key', async () => {
    const client = await connect(server.url, key);
    const recommended = (await client.callTool({
      name: 'recommend_fis_experiments',
      arguments: { finding: { summary: 'Aurora writer failover took 90 s during peak load' } },
    })) as CallToolResult;
    const [top] = (recommended.structuredContent as { recommendations: Array<{ actionId: string }> })
      .recommendations;
    expect(top?.actionId).toBe('aws:rds:failover-db-cluster');
    const created = (await client.callTool({
      name: 'create_fis_template',
      arguments: { recommendation: top, target_config: { allowNoStopCondition: true } },
    })) as CallToolResult;
    expect(created.isError).toBeFalsy();
    await client.close();
  });

  it('accepts a static bearer token and a JWT signed by the JWKS on loopback', async () => {
    for (const token of ['e2e-static-token', await idp.sign(claims)]) {
      const client = await connect(server.url, { authorization: `Bearer ${token}` });
      expect((await client.listTools()).tools.length).toBe(2);
      await client.close();
    }
  });

  it('refuses a client without credentials: the SDK client fails to connect, with 401 and the metadata URL', async () => {
    await expect(connect(server.url, {})).rejects.toThrow(/401|authentication required/);
    const response = await post(server.url, {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      `resource_metadata="http://127.0.0.1:${server.port}/.well-known/oauth-protected-resource/mcp"`,
    );
    expect(await response.json()).toMatchObject({
      error: {
        message:
          'authentication required: send an API key in the x-api-key header or Authorization: Bearer <token>',
      },
    });
  });

  it.each([
    [
      'a wrong API key',
      async () => ({ 'x-api-key': 'guess' }),
      401,
      /API key in the x-api-key header is not valid/,
    ],
    [
      'an unknown bearer token',
      async () => ({ authorization: 'Bearer guess' }),
      401,
      /bearer token is not valid/,
    ],
    [
      'a JWT for another audience',
      async () => ({ authorization: `Bearer ${await idp.sign({ ...claims, aud: 'another-api' })}` }),
      401,
      /wrong audience/,
    ],
    [
      'an expired JWT',
      async () => ({
        authorization: `Bearer ${await idp.sign(claims, Math.floor(Date.now() / 1000) - 120)}`,
      }),
      401,
      /token has expired/,
    ],
    [
      'a JWT without the required scope',
      async () => ({ authorization: `Bearer ${await idp.sign({ ...claims, scope: 'other' })}` }),
      403,
      /lacks the scope fis\/read/,
    ],
  ])('refuses %s', async (_label, headers, status, message) => {
    const response = await post(server.url, await headers());
    expect(response.status).toBe(status);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer resource_metadata=/);
    expect(await response.text()).toMatch(message);
  });

  it('publishes RFC 9728 protected-resource metadata naming the authorization server', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/.well-known/oauth-protected-resource/mcp`);
    expect(await response.json()).toEqual({
      resource: `http://127.0.0.1:${server.port}/mcp`,
      authorization_servers: [idp.issuer],
      bearer_methods_supported: ['header'],
      resource_name: 'fis-recommender-mcp-server',
      scopes_supported: ['fis/read'],
    });
  });

  it('refuses a bad Origin with 403 even with a valid key, and accepts an allow-listed one', async () => {
    const bad = await post(server.url, { ...key, origin: 'https://evil.example.com' });
    expect(bad.status).toBe(403);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'Origin "https://evil.example.com" is not allowed (--allowed-origins)',
    );
    expect((await post(server.url, { ...key, origin: 'https://console.example.com' })).status).toBe(200);
  });

  it('refuses a body over 1 MB with 413 before reading it all', async () => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'recommend_fis_experiments',
        arguments: { finding: { summary: 'x'.repeat(1_100_000) } },
      },
    });
    const response = await post(server.url, key, body);
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than 1048576 bytes/);
  });

  it('tells the truth at /health and /ready (catalog source and age), and counts calls at /metrics behind auth', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Array<Record<string, unknown>> };
    expect(body.checks[0]).toMatchObject({ name: 'catalog', ok: true, source: 'bundled' });
    expect(body.checks[0]?.ageDays).toEqual(expect.any(Number));
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const metrics = await (await fetch(`${base}/metrics`, { headers: key })).text();
    expect(metrics).toMatch(/faultline_tool_calls_total\{tool="recommend_fis_experiments",outcome="ok"\} 1/);
    expect(metrics).toMatch(/faultline_http_requests_total\{route="mcp",status="401"\} \d+/);
  });

  it('never writes a key or token to its logs, and every log line is JSON', () => {
    const logs = server.stderr();
    for (const secret of ['e2e-key-one', 'e2e-key-two', 'e2e-static-token', 'eyJ'])
      expect(logs).not.toContain(secret);
    for (const line of logs.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(logs).toMatch(/"client":"api-key#2"/);
  });
});

describe('limits and profiles of the built server', () => {
  it('answers a burst past the rate limit with 429 and Retry-After', async () => {
    const server = await startServer(
      [bin, '--transport', 'http', '--port', '0', '--rate-limit', '60', '--rate-burst', '5'],
      { FAULTLINE_API_KEYS: 'burst-key' },
    );
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => post(server.url, { 'x-api-key': 'burst-key' })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = responses.find((r) => r.status === 429);
    expect(limited?.headers.get('retry-after')).toBe('1');
    expect(await limited?.text()).toMatch(/rate limit of 60 requests per minute \(burst 5\)/);
    await server.stop();
  }, 20_000);

  it('states all four annotations on every tool, and --read-only lists exactly the read-only ones', async () => {
    const full = await startServer([bin, '--transport', 'http', '--port', '0']);
    const readOnly = await startServer([bin, '--transport', 'http', '--port', '0', '--read-only']);
    const all = (await (await connect(full.url, {})).listTools()).tools;
    for (const tool of all) {
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
        expect(typeof tool.annotations?.[hint], `${tool.name}.${hint}`).toBe('boolean');
      }
    }
    const listed = (await (await connect(readOnly.url, {})).listTools()).tools.map((t) => t.name);
    expect(listed).toEqual(all.filter((t) => t.annotations?.readOnlyHint === true).map((t) => t.name));
    await Promise.all([full.stop(), readOnly.stop()]);
  }, 20_000);
});
