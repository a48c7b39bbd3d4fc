import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from './server';

let client: Client;

beforeEach(async () => {
  const { server } = createServer({ logger: silentLogger });
  client = new Client({ name: 'test', version: '0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
});

afterEach(async () => {
  await client.close();
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function text(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

describe('fis-recommender server', () => {
  it('lists both tools with output schemas and explicit annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['create_fis_template', 'recommend_fis_experiments']);
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
      expect(tool.outputSchema).toBeDefined();
      expect(tool.annotations).toEqual({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
    }
  });

  it('recommends experiments for the Python server’s finding shape', async () => {
    const result = await call('recommend_fis_experiments', {
      finding: {
        id: 'finding-db-001',
        summary: 'Aurora writer failover took 90 s during peak load',
        type: 'DATABASE_ISSUE',
      },
    });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as {
      findingId: string;
      count: number;
      recommendations: Array<{ actionId: string }>;
    };
    expect(structured.findingId).toBe('finding-db-001');
    expect(structured.recommendations[0]?.actionId).toBe('aws:rds:failover-db-cluster');
    expect(JSON.parse(text(result))).toEqual(structured);
  });

  it('says what FIS cannot do instead of recommending an API fault that cannot reach DynamoDB', async () => {
    const result = await call('recommend_fis_experiments', {
      finding: { summary: 'DynamoDB throttling: ThrottlingException on the orders table during the sale.' },
    });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as {
      recommendations: Array<{ actionId: string; parameters: Record<string, string> }>;
      limitations: string[];
    };
    expect(structured.recommendations[0]).toMatchObject({
      actionId: 'aws:network:disrupt-connectivity',
      parameters: { scope: 'dynamodb' },
    });
    expect(structured.recommendations.map((r) => r.actionId)).not.toContain(
      'aws:fis:inject-api-throttle-error',
    );
    expect(structured.limitations[0]).toMatch(/^FIS cannot return throttling errors from dynamodb API calls/);
  });

  it('accepts a recommendation as is in create_fis_template (the chain works without translation)', async () => {
    const recommended = await call('recommend_fis_experiments', {
      finding: { summary: 'checkout pods OOMKilled every few minutes in prod', resources: [] },
    });
    const [top] = (recommended.structuredContent as { recommendations: unknown[] }).recommendations;
    const created = await call('create_fis_template', {
      recommendation: top,
      target_config: {
        roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
        stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx',
      },
    });
    expect(created.isError).toBeFalsy();
    const structured = created.structuredContent as {
      template: { actions: Record<string, { actionId: string }>; stopConditions: unknown[] };
      cloudformation: { yaml: string };
      placeholders: Array<{ text: string }>;
    };
    expect(Object.values(structured.template.actions)[0]?.actionId).toBe('aws:eks:pod-memory-stress');
    expect(structured.template.stopConditions).toEqual([
      {
        source: 'aws:cloudwatch:alarm',
        value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx',
      },
    ]);
    expect(structured.cloudformation.yaml).toContain('AWS::FIS::ExperimentTemplate');
    expect(structured.placeholders.map((p) => p.text)).toContain('<YOUR KUBERNETES SERVICE ACCOUNT>');
  });

  it('chains whole answers: plain text into recommend, the whole recommend answer into create', async () => {
    // Act: a finding as plain text, as an agent pastes it
    const recommended = await call('recommend_fis_experiments', {
      finding: 'Aurora writer failover took 90 s and the orders API returned 5xx the whole time',
    });
    expect(recommended.isError).toBeFalsy();
    const result = recommended.structuredContent as { recommendations: Array<{ actionId: string }> };
    expect(result.recommendations[0]?.actionId).toBe('aws:rds:failover-db-cluster');
    // the same finding sent as JSON text reads as the finding, not as a summary with braces in it
    const asJsonText = await call('recommend_fis_experiments', {
      finding: JSON.stringify({ id: 'INC-7', summary: 'Aurora writer failover took 90 s' }),
    });
    expect((asJsonText.structuredContent as { findingId: string }).findingId).toBe('INC-7');
    // Act: the whole answer goes to create_fis_template
    const created = await call('create_fis_template', { recommendation: recommended.structuredContent });
    // Assess: the top recommendation was built, and the answer says so
    expect(created.isError).toBeFalsy();
    const template = created.structuredContent as {
      template: { actions: Record<string, { actionId: string }> };
      warnings: string[];
    };
    expect(Object.values(template.template.actions)[0]?.actionId).toBe('aws:rds:failover-db-cluster');
    expect(template.warnings[0]).toMatch(
      /whole recommend_fis_experiments result: built its top recommendation/,
    );
  });

  it('accepts the Python server’s create_fis_template input', async () => {
    const created = await call('create_fis_template', {
      recommendation: {
        action: 'aws:ec2:stop-instances',
        duration: 'PT3M',
        description: 'Test instance failure recovery',
      },
      target_config: {
        resourceType: 'aws:ec2:instance',
        selectionMode: 'COUNT(1)',
        tags: { Environment: 'staging', Team: 'platform' },
        roleArn: 'arn:aws:iam::123456789012:role/FISRole',
      },
    });
    expect(created.isError).toBeFalsy();
    const template = (created.structuredContent as { template: Record<string, unknown> }).template;
    expect(template).toMatchObject({
      targets: {
        'Instances-Target-1': {
          resourceType: 'aws:ec2:instance',
          selectionMode: 'COUNT(1)',
          resourceTags: { Environment: 'staging', Team: 'platform' },
        },
      },
      roleArn: 'arn:aws:iam::123456789012:role/FISRole',
    });
  });

  describe('bad input gets a tool error that names the field, and the server keeps serving', () => {
    it.each([
      ['a missing finding', 'recommend_fis_experiments', {}, /finding/],
      ['a finding without text', 'recommend_fis_experiments', { finding: { id: 'x' } }, /summary/],
      ['a wrong type', 'recommend_fis_experiments', { finding: { summary: 42 } }, /finding\.summary/],
      [
        'an unknown action',
        'create_fis_template',
        { recommendation: { action: 'aws:ec2:stop-instance' } },
        /did you mean aws:ec2:stop-instances/,
      ],
      [
        'a misspelt target_config field',
        'create_fis_template',
        { recommendation: { action: 'aws:ec2:stop-instances' }, target_config: { roleARN: 'x' } },
        /target_config\.roleARN.*did you mean roleArn/,
      ],
      [
        'a duration out of range',
        'create_fis_template',
        { recommendation: { action: 'aws:ec2:stop-instances' }, target_config: { duration: 'PT13H' } },
        /target_config\.duration/,
      ],
      [
        'both resourceArns and tags (a FIS target takes one or the other)',
        'create_fis_template',
        {
          recommendation: { action: 'aws:ec2:stop-instances' },
          target_config: {
            resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0'],
            tags: { Environment: 'staging' },
          },
        },
        /FIS_INVALID_INPUT.*target_config\.resourceArns, target_config\.tags: give resourceArns or tags, not both/,
      ],
      [
        'a resource type the action does not take',
        'create_fis_template',
        {
          recommendation: { action: 'aws:rds:failover-db-cluster' },
          target_config: { resourceType: 'aws:ec2:instance' },
        },
        /target_config\.resourceType.*aws:rds:cluster/,
      ],
      [
        'an input over 1 MB',
        'recommend_fis_experiments',
        { finding: { summary: 'x', evidence: Array.from({ length: 60 }, () => 'y'.repeat(19_000)) } },
        /limit is 1048576 bytes/,
      ],
    ])('%s', async (_label, tool, args, pattern) => {
      const result = await call(tool, args);
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(pattern);
      expect(text(result)).not.toMatch(/\n\s+at /); // no stack trace
      const next = await call('recommend_fis_experiments', {
        finding: { summary: 'EBS volume latency spiked' },
      });
      expect(next.isError).toBeFalsy();
    });
  });

  it('serves the catalog as resources', async () => {
    const list = await client.readResource({ uri: 'fis://actions' });
    const body = JSON.parse((list.contents[0] as { text: string }).text) as { count: number };
    expect(body.count).toBeGreaterThanOrEqual(50);
    const one = await client.readResource({ uri: 'fis://actions/aws:ec2:stop-instances' });
    expect(JSON.parse((one.contents[0] as { text: string }).text).targets).toEqual({
      Instances: 'aws:ec2:instance',
    });
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain('fis://actions/{id}');
  });

  it('offers the finding_to_template prompt, treating the finding as data', async () => {
    const prompt = await client.getPrompt({
      name: 'finding_to_template',
      arguments: { finding: 'Redis failover dropped sessions' },
    });
    const message = prompt.messages[0]?.content;
    expect(message?.type === 'text' && message.text).toMatch(
      /<finding>\nRedis failover dropped sessions\n<\/finding>/,
    );
  });
});
