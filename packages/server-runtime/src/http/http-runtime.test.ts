import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger';
import { Metrics } from '../metrics';
import { defaultOptions } from '../options';
import { createHttpRuntime, type HttpRuntime } from './http-runtime';

let runtime: HttpRuntime | undefined;
afterEach(async () => {
  await runtime?.shutdown();
  runtime = undefined;
});

function start(authenticator: NonNullable<Parameters<typeof createHttpRuntime>[0]['authenticator']>) {
  const lines: Array<Record<string, unknown>> = [];
  const logger: Logger = { log: (level, message, fields) => lines.push({ level, message, ...fields }) };
  const options = defaultOptions();
  options.http.port = 0;
  options.http.shutdownTimeoutMs = 100;
  runtime = createHttpRuntime({
    description: { bin: 't', packageName: 't', version: '0', summary: '', capabilities: [] },
    factory: () => ({ server: new McpServer({ name: 't', version: '0' }) }),
    options,
    logger,
    metrics: new Metrics({ server: 't', version: '0' }),
    knownTools: new Set(),
    authenticator,
  });
  return { runtime, lines };
}

describe('the HTTP runtime', () => {
  it('logs an unexpected failure with its request id, keeping "request failed" as the message', async () => {
    const { runtime, lines } = start(async () => {
      throw new RangeError('boom');
    });
    const { url } = await runtime.listen();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: '{}',
    });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
      'INTERNAL_ERROR',
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'request failed',
        requestId: 'req-42',
        error: 'RangeError',
        detail: 'boom',
      }),
    );
  });
});
