import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { generateBundle } from '@faultline/eks-node-diagnostics/testing';
import type { FindingInput } from '@faultline/findings';
import { recommend } from '@faultline/fis-core';
import { silentLogger, toolErrorOf } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FindingStore } from './finding-store';
import { createServer } from './server';

const ssmMock = mockClient(SSMClient);
let root: string;
let client: Client;
let sick: string;
let good: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faultline-nd-server-'));
  const a = await generateBundle({
    outDir: root,
    sizeMb: 0.1,
    instanceId: 'i-0bbbbbbbbbbbbbbbb',
    inject: ['kernel.oom-kill', 'kernel.conntrack-table-full', 'iptables.unexpected-reject'],
  });
  const b = await generateBundle({
    outDir: root,
    sizeMb: 0.1,
    instanceId: 'i-0aaaaaaaaaaaaaaaa',
    archive: false,
  });
  sick = a.archive as string;
  good = b.folder;
  await symlink('/etc', join(root, 'etc-link'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  const { server } = createServer({
    logger: silentLogger,
    bundleRoots: [root],
    aws: { ssm: { client: new SSMClient({ region: 'us-east-1' }) }, ec2: {}, s3: {} },
    collection: { s3Bucket: 'faultline-node-logs' },
    findings: new FindingStore(),
  });
  client = new Client({ name: 'test', version: '0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
});

afterEach(async () => {
  ssmMock.reset();
  await client.close();
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function errorCode(result: CallToolResult): string | undefined {
  return toolErrorOf(result)?.code;
}

describe('node-diagnostics server', () => {
  it('lists every tool with a title, described inputs, an output schema and all four annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'analyze_iptables',
      'analyze_node_bundle',
      'check_node_health',
      'collect_node_diagnostics',
      'compare_nodes',
      'get_collection_status',
      'get_finding',
      'search_node_logs',
    ]);
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(tool.outputSchema).toBeDefined();
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual([
        'destructiveHint',
        'idempotentHint',
        'openWorldHint',
        'readOnlyHint',
      ]);
      expect(tool.annotations?.destructiveHint).toBe(false);
      expect(tool.annotations?.readOnlyHint).toBe(tool.name !== 'collect_node_diagnostics');
    }
    expect(tools.find((t) => t.name === 'collect_node_diagnostics')?.annotations?.openWorldHint).toBe(true);
  });

  it('analyses a local .tar.gz without AWS credentials, and the findings chain into the FIS recommender', async () => {
    const result = await call('analyze_node_bundle', { bundle: sick });
    expect(result.isError).toBeFalsy();
    const { findings, summary } = result.structuredContent as {
      findings: Array<{
        id: string;
        rule: string;
        severity: string;
        next: Array<{ tool: string; arguments: Record<string, unknown> }>;
      }>;
      summary: { status: string; node: { id: string } };
    };
    expect(summary).toMatchObject({ status: 'unhealthy', node: { id: 'i-0bbbbbbbbbbbbbbbb' } });
    expect(findings.map((f) => f.rule).sort()).toEqual([
      'iptables.unexpected-reject',
      'kernel.conntrack-table-full',
      'kernel.oom-kill',
    ]);
    expect(findings[0]).toMatchObject({ rule: 'iptables.unexpected-reject', severity: 'critical' });
    const oom = findings.find((f) => f.rule === 'kernel.oom-kill');
    const step = oom?.next.find((n) => n.tool === 'recommend_fis_experiments');
    expect(recommend(step?.arguments.finding as FindingInput).recommendations[0]?.actionId).toBe(
      'aws:eks:pod-memory-stress',
    );

    const fetched = await call('get_finding', { id: oom?.id });
    expect((fetched.structuredContent as { finding: { id: string } }).finding.id).toBe(oom?.id);
    const search = oom?.next.find((n) => n.tool === 'search_node_logs');
    const lines = await call('search_node_logs', search?.arguments ?? {});
    expect((lines.structuredContent as { matches: unknown[] }).matches.length).toBeGreaterThan(0);
  });

  it('summarises health per pack', async () => {
    const healthy = await call('check_node_health', { bundle: good });
    expect(healthy.structuredContent).toMatchObject({
      status: 'healthy',
      counts: { critical: 0, high: 0, medium: 0 },
    });
    const sickHealth = await call('check_node_health', { bundle: sick });
    const packs = (sickHealth.structuredContent as { packs: Array<{ pack: string; status: string }> }).packs;
    expect(packs.find((p) => p.pack === 'iptables')?.status).toBe('unhealthy');
    expect(packs.find((p) => p.pack === 'dns')?.status).toBe('healthy');
  });

  it('keeps bundle paths inside the root: .., NUL bytes, absolute paths and symlinks are refused', async () => {
    for (const bundle of ['../../etc', 'a\0b', '/etc', 'etc-link']) {
      const result = await call('analyze_node_bundle', { bundle });
      expect(result.isError, bundle).toBe(true);
      expect(errorCode(result), bundle).toBe('NODE_DIAG_PATH_NOT_ALLOWED');
    }
    expect(errorCode(await call('check_node_health', { bundle: 'nope.tar.gz' }))).toBe(
      'NODE_DIAG_BUNDLE_NOT_FOUND',
    );
  });

  it('bounds user patterns: a catastrophic regex runs in linear time, backreferences are refused', async () => {
    const started = performance.now();
    const result = await call('search_node_logs', { bundle: good, pattern: '(a+)+$', maxMatches: 5 });
    expect(result.isError).toBeFalsy();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(errorCode(await call('search_node_logs', { bundle: good, pattern: '(a)\\1' }))).toBe(
      'NODE_DIAG_PATTERN_REJECTED',
    );
  });

  it('compares a suspect node with a known-good one and finds the planted DROP rule', async () => {
    const result = await call('compare_nodes', { suspect: sick, knownGood: good });
    expect(result.isError).toBeFalsy();
    const comparison = result.structuredContent as {
      iptables: { onlyOnSuspect: string[] };
      differenceFindings: Array<{ rule: string; severity: string }>;
    };
    expect(comparison.iptables.onlyOnSuspect).toEqual([expect.stringMatching(/--dport 53 .*-j DROP/)]);
    expect(comparison.differenceFindings).toContainEqual(
      expect.objectContaining({ rule: 'compare.iptables-drift', severity: 'high' }),
    );
  });

  it('analyses pasted iptables-save output', async () => {
    const result = await call('analyze_iptables', {
      iptablesSave: '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 443 -j REJECT\nCOMMIT\n',
    });
    const { findings } = result.structuredContent as { findings: Array<{ rule: string; severity: string }> };
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'iptables.unexpected-reject', severity: 'critical' }),
    ]);
  });

  it('starts a collection through SSM Automation and follows it to the bundle', async () => {
    ssmMock
      .on(StartAutomationExecutionCommand)
      .resolves({ AutomationExecutionId: '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61' });
    const started = await call('collect_node_diagnostics', { instanceId: 'i-0a1b2c3d4e5f60718' });
    expect(started.structuredContent).toMatchObject({
      executionId: '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61',
      documentName: 'AWSSupport-CollectEKSInstanceLogs',
      s3Prefix: 's3://faultline-node-logs/eks_i-0a1b2c3d4e5f60718',
      next: [{ tool: 'get_collection_status' }],
    });
    ssmMock.on(GetAutomationExecutionCommand).resolves({
      AutomationExecution: {
        AutomationExecutionId: '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61',
        DocumentName: 'AWSSupport-CollectEKSInstanceLogs',
        AutomationExecutionStatus: 'Success',
        Parameters: { EKSInstanceId: ['i-0a1b2c3d4e5f60718'], LogDestination: ['faultline-node-logs'] },
        StepExecutions: [{ StepName: 'runLogCollector', Action: 'aws:runCommand', StepStatus: 'Success' }],
      },
    });
    const status = await call('get_collection_status', {
      executionId: '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61',
    });
    expect(status.structuredContent).toMatchObject({
      succeeded: true,
      bundle: 's3://faultline-node-logs/eks_i-0a1b2c3d4e5f60718',
      next: [
        {
          tool: 'analyze_node_bundle',
          arguments: { bundle: 's3://faultline-node-logs/eks_i-0a1b2c3d4e5f60718' },
        },
      ],
    });
    expect(errorCode(await call('collect_node_diagnostics', {}))).toBe('NODE_DIAG_INVALID_INPUT');
  });

  it('a tag run names no bundle prefix, and maxConcurrency 0 is refused before SSM is called', async () => {
    expect(
      errorCode(
        await call('collect_node_diagnostics', {
          tags: { 'eks:nodegroup-name': ['ng-a'] },
          maxConcurrency: '0',
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(ssmMock.commandCalls(StartAutomationExecutionCommand)).toHaveLength(0);
    ssmMock
      .on(StartAutomationExecutionCommand)
      .resolves({ AutomationExecutionId: '4f2a6b1e-93c8-4d2f-a5c1-2b7e0d9f8a61' });
    const started = await call('collect_node_diagnostics', {
      tags: { 'eks:nodegroup-name': ['ng-a'] },
      maxErrors: '0',
    });
    expect(started.isError).toBeFalsy();
    expect(started.structuredContent).not.toHaveProperty('s3Prefix');
  });

  it('says when a finding id is unknown', async () => {
    expect(errorCode(await call('get_finding', { id: 'fnd_0000000000000000' }))).toBe(
      'NODE_DIAG_FINDING_NOT_FOUND',
    );
  });
});
