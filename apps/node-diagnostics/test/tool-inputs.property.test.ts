import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { generateBundle } from '@faultline/eks-node-diagnostics/testing';
import { silentLogger } from '@faultline/server-runtime';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatStats,
  fuzzTool,
  type ToolFuzzStats,
} from '../../../packages/server-runtime/test/support/tool-fuzz';
import { FindingStore } from '../src/finding-store';
import { createServer } from '../src/server';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Inputs tried per tool; the bundle tools read a real 0.1 MB bundle on most calls. */
const RUNS = 500;

// No AWS call may leave this process: SSM and EC2 are mocked, S3 is a stub that finds nothing.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
const ssmMock = mockClient(SSMClient);
const ec2Mock = mockClient(EC2Client);
const s3 = {
  send: async () => {
    throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
  },
};
const EXECUTION = '0f0e0d0c-0b0a-4909-8807-060504030201';

let root: string;
let archive: string;
let folder: string;
let client: Client;
let findingId = 'nf-unknown';
const stats: ToolFuzzStats[] = [];
const started = performance.now();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faultline-nd-fuzz-'));
  const sick = await generateBundle({
    outDir: root,
    sizeMb: 0.1,
    instanceId: 'i-0bbbbbbbbbbbbbbbb',
    inject: ['kernel.oom-kill', 'iptables.unexpected-reject'],
  });
  const good = await generateBundle({
    outDir: root,
    sizeMb: 0.1,
    instanceId: 'i-0aaaaaaaaaaaaaaaa',
    archive: false,
  });
  archive = basename(sick.archive as string);
  folder = basename(good.folder);
  await symlink('/etc', join(root, 'etc-link'));
  ssmMock.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: EXECUTION });
  ssmMock.on(GetAutomationExecutionCommand).resolves({
    AutomationExecution: {
      AutomationExecutionId: EXECUTION,
      DocumentName: 'AWSSupport-CollectEKSInstanceLogs',
      AutomationExecutionStatus: 'Success',
      Parameters: { LogDestination: ['faultline-node-logs'], EKSInstanceId: ['i-0bbbbbbbbbbbbbbbb'] },
      StepExecutions: [{ StepName: 'collect', StepStatus: 'Success' }],
    },
  });
  ec2Mock.on(DescribeInstancesCommand).resolves({
    Reservations: [
      { Instances: [{ InstanceId: 'i-0bbbbbbbbbbbbbbbb', PrivateDnsName: 'ip-10-0-1-23.ec2.internal' }] },
    ],
  });
  const { server } = createServer({
    logger: silentLogger,
    bundleRoots: [root],
    aws: {
      ssm: { client: new SSMClient({ region: 'us-east-1' }) },
      ec2: { client: new EC2Client({ region: 'us-east-1' }) },
      s3: { client: s3 as never },
    },
    collection: { s3Bucket: 'faultline-node-logs' },
    findings: new FindingStore(),
  });
  client = new Client({ name: 'fuzz', version: '0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([client.connect(clientTransport), server.connect(serverTransport)]);
  const analysed = await client.callTool({ name: 'analyze_node_bundle', arguments: { bundle: archive } });
  findingId =
    (analysed.structuredContent as { findings: Array<{ id: string }> }).findings[0]?.id ?? findingId;
});

afterAll(async () => {
  await client.close();
  ssmMock.restore();
  ec2Mock.restore();
  await rm(root, { recursive: true, force: true });
  console.log(formatStats('node-diagnostics', stats, performance.now() - started));
});

function seeds(tool: Tool): Array<Record<string, unknown>> {
  switch (tool.name) {
    case 'analyze_node_bundle':
      return [
        { bundle: archive, minSeverity: 'medium', limit: 5 },
        { bundle: folder, packs: ['kernel'] },
      ];
    case 'check_node_health':
      return [{ bundle: archive }, { bundle: 's3://faultline-node-logs/eks_i-0bbbbbbbbbbbbbbbb' }];
    case 'analyze_iptables':
      return [
        { bundle: archive, allowedChains: ['KUBE-SERVICES'] },
        { iptablesSave: '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j REJECT\nCOMMIT\n' },
      ];
    case 'search_node_logs':
      return [
        { bundle: archive, pattern: 'Killed process \\d+', maxMatches: 5 },
        { bundle: folder, pattern: 'kubelet', literal: true, ignoreCase: true, files: ['kubelet/'] },
        { bundle: archive, pattern: 'oom', around: '2026-11-02T10:00:00Z', windowMinutes: 60 },
      ];
    case 'compare_nodes':
      return [{ suspect: archive, knownGood: folder }];
    case 'get_finding':
      return [{ id: findingId }];
    case 'collect_node_diagnostics':
      return [
        { instanceId: 'i-0bbbbbbbbbbbbbbbb', document: 'dmesg' },
        { nodeName: 'ip-10-0-1-23.ec2.internal' },
        { tags: { 'eks:nodegroup-name': ['ng-a'] }, maxConcurrency: '10%', maxErrors: '1' },
      ];
    case 'get_collection_status':
      return [{ executionId: EXECUTION }];
    default:
      return [];
  }
}

/** `wait: true` polls SSM every 5 s at first: the mock answers at once, but the sleep would eat the time budget. */
function safe(args: Record<string, unknown>): Record<string, unknown> {
  return args.wait === true ? { ...args, wait: false } : args;
}

describe('node-diagnostics: every tool survives bad input', () => {
  it('answers every generated input of every listed tool in bounded time, without leaking internals', async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(8);
    for (const tool of tools) {
      stats.push(
        await fuzzTool(tool, {
          client,
          numRuns: RUNS,
          seeds: seeds(tool),
          prepare: safe,
          privatePaths: [repo, root],
          callTimeoutMs: 15_000,
        }),
      );
    }
    expect(stats.every((s) => s.runs === RUNS)).toBe(true);
  }, 240_000);
});
