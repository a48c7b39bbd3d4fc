// Streamable HTTP on loopback: requests/s and p95 at 1, 50 and 200 closed-loop clients calling
// validate_fis_template on the chaos-engineering server, next to the echo tool of the minimal
// server in the same mode (stateless, SSE answers); tools/list at one client; peak RSS of each.
import { join } from 'node:path';
import {
  BINS,
  budget,
  DIST,
  fmt,
  importDist,
  MINIMAL_SERVER,
  processMemory,
  RUNTIME_ECHO_SERVER,
  ratio,
  serverDependencyUrls,
  summarize,
} from './lib/common.mjs';
import { loadTest, startHttpServer, stopHttpServer, toolCallBody, toolsListBody } from './lib/http-load.mjs';
import { typicalInputs } from './tool-latency.mjs';

/** Budgets: throughput at 200 clients relative to the minimal server, and p95 of validate there. */
export const HTTP_THROUGHPUT_BUDGET = 0.8;
export const HTTP_P95_BUDGET_MS = 50;

/** How many tools a server lists (for the row's label). */
async function countTools(port) {
  const response = await fetch(`http://127.0.0.1:${port}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: toolsListBody(),
  });
  const text = await response.text();
  const data = text.split('\n').find((line) => line.startsWith('data:'));
  return JSON.parse(data ? data.slice(5) : text).result.tools.length;
}

export async function run({ quick, log, tmp, serverEnv }) {
  const core = await importDist(DIST.fisCore);
  const catalog = core.bundledCatalog();
  const { finding } = typicalInputs();
  const recommendation = core.recommend(finding, { catalog }).recommendations[0];
  const { template } = core.createTemplate(
    recommendation,
    { stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-5xx' },
    { catalog },
  );
  const concurrency = [1, 50, 200];
  const runs = quick ? 1 : 3;
  const warmUpMs = quick ? 200 : 1000;
  const measureMs = quick ? 500 : 4000;

  const deps = { FAULTLINE_BENCH_DEPS: JSON.stringify(serverDependencyUrls()) };
  // No rate limit and room for every client: the figure is the server's, not its limits'.
  const runtimeFlags = [
    '--transport',
    'http',
    '--port',
    '0',
    '--rate-limit',
    '0',
    '--max-concurrent',
    '1024',
  ];
  const servers = {
    minimal: await startHttpServer(MINIMAL_SERVER, ['--transport', 'http', '--port', '0'], {
      env: deps,
      stderrFile: join(tmp, 'minimal-http.log'),
    }),
    runtime: await startHttpServer(RUNTIME_ECHO_SERVER, runtimeFlags, {
      env: { ...serverEnv, ...deps },
      stderrFile: join(tmp, 'runtime-echo-http.log'),
    }),
    'chaos-engineering': await startHttpServer(BINS['chaos-engineering'], runtimeFlags, {
      env: serverEnv,
      stderrFile: join(tmp, 'chaos-engineering-http.log'),
    }),
  };
  const toolCount = await countTools(servers['chaos-engineering'].port);
  const subjects = [
    { key: 'minimal', label: 'echo (minimal server, floor)', body: toolCallBody('echo', { text: 'hello' }) },
    { key: 'runtime', label: 'echo (Faultline runtime)', body: toolCallBody('echo', { text: 'hello' }) },
    {
      key: 'chaos-engineering',
      label: 'validate_fis_template (chaos-engineering)',
      body: toolCallBody('validate_fis_template', { template }),
    },
  ];
  const listSubjects = [
    { key: 'minimal', label: 'tools/list (minimal server, 1 tool)', body: toolsListBody() },
    {
      key: 'chaos-engineering',
      label: `tools/list (chaos-engineering, ${toolCount} tools)`,
      body: toolsListBody(),
    },
  ];
  try {
    const results = new Map();
    const record = (label, clients, outcome) => {
      const key = `${label}@${clients}`;
      if (!results.has(key)) results.set(key, { label, clients, runs: [] });
      results.get(key).runs.push(outcome);
    };
    for (let r = 0; r < runs; r += 1) {
      for (const clients of concurrency) {
        // Alternate which server goes first from run to run.
        const order = r % 2 === 0 ? subjects : [...subjects].reverse();
        for (const s of order) {
          const outcome = await loadTest({
            port: servers[s.key].port,
            clients,
            body: s.body,
            warmUpMs,
            measureMs,
          });
          record(s.label, clients, outcome);
          log(
            `http ${s.label} @${clients}: ${fmt(outcome.perSecond)} req/s, p95 ${fmt(outcome.p95)} ms${outcome.errors ? `, ${outcome.errors} errors (${outcome.firstError})` : ''}`,
          );
        }
      }
      for (const s of listSubjects) {
        record(
          s.label,
          1,
          await loadTest({ port: servers[s.key].port, clients: 1, body: s.body, warmUpMs, measureMs }),
        );
      }
    }
    const memory = Object.fromEntries(
      Object.entries(servers).map(([key, server]) => [key, processMemory(server.child.pid)]),
    );
    const rows = [...results.values()].map(({ label, clients, runs: list }) => {
      const perSecond = summarize(list.map((o) => o.perSecond));
      return {
        label,
        clients,
        perSecond,
        p50: summarize(list.map((o) => o.p50)).median,
        p95: summarize(list.map((o) => o.p95)).median,
        p99: summarize(list.map((o) => o.p99)).median,
        errors: list.reduce((n, o) => n + o.errors, 0),
        requests: list.reduce((n, o) => n + o.requests, 0),
      };
    });
    const find = (labelStart, clients) =>
      rows.find((row) => row.label.startsWith(labelStart) && row.clients === clients);
    for (const row of rows) {
      const floor = row.label.startsWith('tools/list')
        ? find('tools/list (minimal', 1)
        : find('echo', row.clients);
      row.ratioToMinimal = ratio(row.perSecond.median, floor.perSecond.median);
    }
    const at200 = find('validate_fis_template', 200);
    const budgets = [
      budget(
        `HTTP validate_fis_template req/s at 200 clients ≥ ${HTTP_THROUGHPUT_BUDGET}× minimal server`,
        at200.ratioToMinimal,
        HTTP_THROUGHPUT_BUDGET,
        '>=',
      ),
      budget(
        `HTTP validate_fis_template p95 at 200 clients < ${HTTP_P95_BUDGET_MS} ms`,
        Math.round(at200.p95 * 10) / 10,
        HTTP_P95_BUDGET_MS,
        '<',
        `closed loop: p95 is bounded below by 200 clients / throughput = ${fmt(200_000 / at200.perSecond.median)} ms mean; the minimal server's p95 there is ${fmt(find('echo', 200).p95)} ms`,
      ),
    ];
    return {
      id: 'http',
      title: 'Streamable HTTP on loopback (stateless, closed-loop clients)',
      method: `${runs} run(s) per level, each ${warmUpMs} ms warm-up then ${measureMs} ms measured; the server order alternates between runs. The load generator shares the machine with the server. Peak RSS is VmHWM after all runs.`,
      data: { rows, memory },
      budgets,
      table: {
        columns: ['request', 'clients', 'req/s median ±spread', '× minimal', 'p50', 'p95', 'p99', 'errors'],
        rows: rows.map((row) => [
          row.label,
          String(row.clients),
          `${fmt(row.perSecond.median)} ±${Math.round(row.perSecond.spread * 50)}%`,
          `${fmt(row.ratioToMinimal)}×`,
          `${fmt(row.p50)} ms`,
          `${fmt(row.p95)} ms`,
          `${fmt(row.p99)} ms`,
          String(row.errors),
        ]),
        footer: `Peak RSS: minimal server ${fmt(memory.minimal.peakRssMiB)} MiB, echo on the Faultline runtime ${fmt(memory.runtime.peakRssMiB)} MiB, chaos-engineering ${fmt(memory['chaos-engineering'].peakRssMiB)} MiB.`,
      },
    };
  } finally {
    await Promise.all(Object.values(servers).map(stopHttpServer));
  }
}
