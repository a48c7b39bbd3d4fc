import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recommend } from '@faultline/fis-core';
import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatStats,
  fuzzTool,
  type ToolFuzzStats,
} from '../../../packages/server-runtime/test/support/tool-fuzz';
import { createServer } from '../src/server';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const findings = readdirSync(join(repo, 'examples/findings'))
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) => JSON.parse(readFileSync(join(repo, 'examples/findings', f), 'utf8')) as Record<string, unknown>,
  );

/** Inputs tried per tool: the whole file stays well under 60 s on a loaded 2-core machine. */
const RUNS = 1500;

let client: Client;
const stats: ToolFuzzStats[] = [];
const started = performance.now();

beforeAll(async () => {
  const { server } = createServer({ logger: silentLogger });
  client = new Client({ name: 'fuzz', version: '0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
});

afterAll(async () => {
  await client.close();
  console.log(formatStats('fis-recommender', stats, performance.now() - started));
});

function seeds(tool: string): Array<Record<string, unknown>> {
  if (tool === 'recommend_fis_experiments') {
    return [
      ...findings.map((finding) => ({ finding, limit: 3, region: 'eu-west-1' })),
      { finding: { id: 'f-1', summary: 'Aurora writer failover took 90 s', type: 'DATABASE_ISSUE' } },
    ];
  }
  if (tool === 'create_fis_template') {
    const [top] = recommend(findings[0] as never).recommendations;
    return [
      {
        recommendation: top,
        target_config: {
          roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
          stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx',
        },
      },
      { recommendation: { action: 'aws:ec2:stop-instances', duration: 'PT3M' } },
    ];
  }
  return [];
}

describe('fis-recommender: every tool survives bad input', () => {
  it('answers every generated input of every listed tool in bounded time, without leaking internals', async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(2);
    for (const tool of tools) {
      stats.push(
        await fuzzTool(tool, {
          client,
          numRuns: RUNS,
          seeds: seeds(tool.name),
          privatePaths: [repo],
        }),
      );
    }
    expect(stats.every((s) => s.runs === RUNS)).toBe(true);
  }, 120_000);
});
