// The three Faultline servers as soak targets (built dist), with workloads that touch every
// read-only tool a client would call in a loop. Nothing here needs AWS: chaos-engineering runs its
// offline tools (catalog from the bundled snapshot, validation), node-diagnostics reads a small
// generated bundle.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SoakCall, SoakTarget } from './soak';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dist = (app: string) => join(ROOT, 'apps', app, 'dist', 'index.js');

const SUMMARIES = [
  'Aurora writer failover took 90 s during peak load',
  'EC2 instances lost; host failure took the checkout fleet down',
  'p99 latency of the payments API rose to 4 s when one AZ had packet loss',
  'Lambda throttling (ConcurrentExecutions) caused 502s at the API gateway',
  'EKS pods OOMKilled after a memory leak in the cart service',
  'DynamoDB ProvisionedThroughputExceeded on the orders table during a sale',
  'Kinesis consumer fell 20 minutes behind after a shard split',
  'CPU saturation on the search cluster made timeouts spike',
];

/** fis-recommender: recommendations for varied findings, templates, and tools/list. */
export function fisRecommender(): SoakTarget {
  const recommend = (i: number): SoakCall => ({
    method: 'tools/call',
    tool: 'recommend_fis_experiments',
    arguments: { finding: { summary: SUMMARIES[i % SUMMARIES.length] }, limit: 3 },
  });
  const template: SoakCall = {
    method: 'tools/call',
    tool: 'create_fis_template',
    arguments: { recommendation: { action: 'aws:ec2:stop-instances', duration: 'PT5M' } },
  };
  return {
    name: 'fis-recommender',
    args: [dist('fis-recommender')],
    warmup: [{ method: 'tools/list' }, ...SUMMARIES.map((_, i) => recommend(i)), template],
    next: (s, i) => (i % 5 === 4 ? { method: 'tools/list' } : i % 5 === 3 ? template : recommend(s + i)),
  };
}

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
const ACTIONS = [
  'aws:ec2:stop-instances',
  'aws:rds:failover-db-cluster',
  'aws:eks:pod-cpu-stress',
  'aws:fis:wait',
];

/** chaos-engineering, offline: template validation, the catalog, action descriptions, tools/list. */
export function chaosEngineering(home = mkdtempSync(join(tmpdir(), 'faultline-soak-chaos-'))): SoakTarget {
  const calls: SoakCall[] = [
    { method: 'tools/call', tool: 'validate_fis_template', arguments: { template: TEMPLATE } },
    { method: 'tools/call', tool: 'get_valid_fis_actions', arguments: {} },
    ...ACTIONS.map((a) => ({
      method: 'tools/call' as const,
      tool: 'describe_fis_action',
      arguments: { action_id: a },
    })),
    { method: 'tools/list' },
  ];
  return {
    name: 'chaos-engineering',
    args: [dist('chaos-engineering')],
    env: {
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_STATE_HOME: join(home, 'state'),
      FAULTLINE_SCENARIO_ROOT: home,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: join(home, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    },
    warmup: calls,
    next: (s, i) => calls[(s + i) % calls.length] as SoakCall,
  };
}

/** node-diagnostics: health, findings, search and get_finding on a small generated bundle. */
export async function nodeDiagnostics(): Promise<SoakTarget> {
  const testing = (await import(
    pathToFileURL(join(ROOT, 'packages', 'eks-node-diagnostics', 'dist', 'testing', 'index.js')).href
  )) as { generateBundle: (o: Record<string, unknown>) => Promise<{ folder: string; archive?: string }> };
  const root = mkdtempSync(join(tmpdir(), 'faultline-soak-nd-'));
  const bundle = await testing.generateBundle({
    outDir: root,
    sizeMb: 0.2,
    instanceId: 'i-0bbbbbbbbbbbbbbbb',
    inject: ['kernel.oom-kill', 'kernel.conntrack-table-full'],
    archive: false,
  });
  const calls: SoakCall[] = [
    { method: 'tools/call', tool: 'check_node_health', arguments: { bundle: bundle.folder } },
    { method: 'tools/call', tool: 'analyze_node_bundle', arguments: { bundle: bundle.folder } },
    {
      method: 'tools/call',
      tool: 'search_node_logs',
      arguments: { bundle: bundle.folder, pattern: 'table full' },
    },
    { method: 'tools/list' },
  ];
  return {
    name: 'node-diagnostics',
    args: [dist('node-diagnostics')],
    env: { FAULTLINE_BUNDLE_ROOT: root },
    warmup: calls,
    next: (s, i) => calls[(s + i) % calls.length] as SoakCall,
  };
}
