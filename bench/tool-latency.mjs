// Tool latency: p50 and p99 of sequential tools/call round trips over stdio against each server's
// built bin, next to the echo tool of the minimal server. All servers run at once and the calls go
// in blocks, one server after another, so noise spreads over every subject. The same inputs are
// also timed in process, to separate what the tool computes from what the server adds around it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BINS,
  budget,
  DIST,
  fmt,
  importDist,
  MINIMAL_SERVER,
  quantile,
  ROOT,
  RUNTIME_ECHO_SERVER,
  ratio,
  serverDependencyUrls,
  summarize,
} from './lib/common.mjs';
import { startStdioServer } from './lib/stdio-client.mjs';

/** Budget: a tool's p50 may be at most this many times the echo tool's. */
export const LATENCY_BUDGET = 1.5;

const FIXTURES = join(ROOT, 'packages/eks-node-diagnostics/src/__fixtures__');

/** The inputs the latency and in-process benchmarks share: a typical finding and what follows from it. */
export function typicalInputs() {
  const finding = JSON.parse(readFileSync(join(ROOT, 'examples/findings/01-aurora-failover.json'), 'utf8'));
  return { finding };
}

export async function run({ quick, log, serverEnv }) {
  const calls = quick ? 50 : 1000;
  const warmUp = quick ? 20 : 200;
  const block = quick ? 25 : 100;
  const deps = { FAULTLINE_BENCH_DEPS: JSON.stringify(serverDependencyUrls()) };
  const { finding } = typicalInputs();

  const servers = {
    minimal: startStdioServer(MINIMAL_SERVER, [], { env: deps }),
    runtime: startStdioServer(RUNTIME_ECHO_SERVER, [], { env: { ...serverEnv, ...deps } }),
    'fis-recommender': startStdioServer(BINS['fis-recommender'], [], { env: serverEnv }),
    'chaos-engineering': startStdioServer(BINS['chaos-engineering'], [], { env: serverEnv }),
    'node-diagnostics': startStdioServer(BINS['node-diagnostics'], [], {
      env: { ...serverEnv, FAULTLINE_BUNDLE_ROOT: FIXTURES },
    }),
  };
  try {
    await Promise.all(Object.values(servers).map((s) => s.initialize()));
    // Inputs chain as an agent would chain them: finding → recommendation → template.
    const recommended = await servers['fis-recommender'].callTool('recommend_fis_experiments', { finding });
    const recommendation = recommended.structuredContent.recommendations[0];
    const targetConfig = {
      stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx',
    };
    const created = await servers['fis-recommender'].callTool('create_fis_template', {
      recommendation,
      target_config: targetConfig,
    });
    const template = created.structuredContent.template;

    const subjects = [
      { name: 'echo (minimal server, floor)', server: 'minimal', tool: 'echo', args: { text: 'hello' } },
      { name: 'echo (Faultline runtime)', server: 'runtime', tool: 'echo', args: { text: 'hello' } },
      {
        name: 'recommend_fis_experiments',
        server: 'fis-recommender',
        tool: 'recommend_fis_experiments',
        args: { finding },
      },
      {
        name: 'create_fis_template',
        server: 'fis-recommender',
        tool: 'create_fis_template',
        args: { recommendation, target_config: targetConfig },
      },
      {
        name: 'validate_fis_template',
        server: 'chaos-engineering',
        tool: 'validate_fis_template',
        args: { template },
      },
      {
        name: 'analyze_node_bundle (fixture, 3 files)',
        server: 'node-diagnostics',
        tool: 'analyze_node_bundle',
        args: { bundle: 'oom-node', limit: 5 },
      },
    ];
    const once = async (s) => {
      const t = performance.now();
      await servers[s.server].callTool(s.tool, s.args);
      return performance.now() - t;
    };
    for (const s of subjects) for (let i = 0; i < warmUp; i += 1) await once(s);
    const times = new Map(subjects.map((s) => [s.name, []]));
    for (let done = 0; done < calls; done += block) {
      for (const s of subjects) {
        const list = times.get(s.name);
        for (let i = 0; i < Math.min(block, calls - done); i += 1) list.push(await once(s));
      }
    }

    // The same work in process: what the tool itself costs, without MCP around it.
    const inProcess = await inProcessTimes({ finding, recommendation, targetConfig, template }, quick);

    const stats = subjects.map((s) => {
      const sorted = times.get(s.name).sort((a, b) => a - b);
      return {
        name: s.name,
        calls: sorted.length,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
        inProcessMs: inProcess[s.tool] ?? 0,
      };
    });
    const floor = stats[0];
    for (const s of stats) {
      s.ratioToEcho = ratio(s.p50, floor.p50);
      s.overheadMs = s.p50 - s.inProcessMs;
      s.overheadRatioToEcho = ratio(s.overheadMs, floor.p50);
    }
    const runtime = stats[1];
    const budgets = [
      budget(
        `tool latency p50 echo on the Faultline runtime ≤ ${LATENCY_BUDGET}× echo (what the runtime adds)`,
        runtime.ratioToEcho,
        LATENCY_BUDGET,
        '<=',
        'logging, instrumentation, stdio line limits, structured content and output validation, with no tool work',
      ),
    ];
    budgets.push(
      ...stats
        .slice(2)
        .map((s) =>
          budget(
            `tool latency p50 ${s.name.split(' ')[0]} ≤ ${LATENCY_BUDGET}× echo`,
            s.ratioToEcho,
            LATENCY_BUDGET,
            '<=',
            `the tool computes ${fmt(s.inProcessMs * 1000)} µs in process; the server adds ${fmt(s.overheadMs * 1000)} µs (${fmt(s.overheadRatioToEcho)}× echo)`,
          ),
        ),
    );
    log(`tool latency p50: ${stats.map((s) => `${s.name.split(' ')[0]} ${fmt(s.p50)} ms`).join(', ')}`);
    return {
      id: 'tool-latency',
      title: `Tool latency (${calls} sequential calls over stdio)`,
      method: `${warmUp} warm-up calls per tool, then ${calls} calls per tool in interleaved blocks of ${block}. "in process" is the median time of the same call to the library, without MCP; "server adds" is p50 minus that.`,
      data: stats,
      budgets,
      table: {
        columns: ['tool', 'p50', 'p99', '× echo (p50)', 'in process', 'server adds', 'adds × echo'],
        rows: stats.map((s) => [
          s.name,
          `${fmt(s.p50)} ms`,
          `${fmt(s.p99)} ms`,
          `${fmt(s.ratioToEcho)}×`,
          s.inProcessMs ? `${fmt(s.inProcessMs * 1000)} µs` : '–',
          `${fmt(s.overheadMs * 1000)} µs`,
          `${fmt(s.overheadRatioToEcho)}×`,
        ]),
      },
    };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}

/** Median in-process time (ms) of each tool's library call on the same inputs. */
async function inProcessTimes({ finding, recommendation, targetConfig, template }, quick) {
  const core = await importDist(DIST.fisCore);
  const eks = await importDist(DIST.eksNodeDiagnostics);
  const catalog = core.bundledCatalog();
  const rounds = quick ? 20 : 200;
  const median = async (fn) => {
    for (let i = 0; i < rounds; i += 1) await fn();
    const times = [];
    for (let i = 0; i < rounds; i += 1) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    return summarize(times).median;
  };
  return {
    recommend_fis_experiments: await median(() => core.recommend(finding, { catalog })),
    create_fis_template: await median(() => core.createTemplate(recommendation, targetConfig, { catalog })),
    validate_fis_template: await median(() =>
      core.validateTemplate(template, { catalog, region: 'us-east-1' }),
    ),
    analyze_node_bundle: await median(async () =>
      eks.analyzeBundle(await eks.openBundle('oom-node', { roots: [FIXTURES] })),
    ),
  };
}
