// Cold start: spawn to the first tools/list answer over stdio, for each server's built bin, against
// the minimal server on the same SDK and a bare `node -e` process. Runs are interleaved (one of
// each, then again), so a busy moment of the machine hits every subject alike.
import { spawn } from 'node:child_process';
import {
  BINS,
  budget,
  fmt,
  MINIMAL_SERVER,
  medianSpread,
  processMemory,
  RUNTIME_ECHO_SERVER,
  ratio,
  serverDependencyUrls,
  summarize,
} from './lib/common.mjs';
import { startStdioServer } from './lib/stdio-client.mjs';

/** Budget: a bin may take at most this many times the minimal server. */
export const COLD_START_BUDGET = 1.3;

async function timeServer(script, env) {
  const server = startStdioServer(script, [], { env });
  try {
    await server.initialize();
    const { tools } = await server.request('tools/list');
    const ms = performance.now() - server.started;
    return { ms, tools: tools.length, ...processMemory(server.child.pid) };
  } finally {
    await server.stop();
  }
}

function timeBareNode() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', "process.stdout.write('ready\\n')"], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.once('data', () => resolve({ ms: performance.now() - started, tools: 0 }));
    child.once('error', reject);
  });
}

export async function run({ quick, log, serverEnv }) {
  const deps = { ...serverEnv, FAULTLINE_BENCH_DEPS: JSON.stringify(serverDependencyUrls()) };
  const subjects = [
    { name: 'node -e (bare process)', time: timeBareNode },
    { name: 'minimal SDK server (floor)', time: () => timeServer(MINIMAL_SERVER, deps) },
    { name: 'echo on the Faultline runtime', time: () => timeServer(RUNTIME_ECHO_SERVER, deps) },
    ...Object.entries(BINS).map(([name, bin]) => ({ name, time: () => timeServer(bin, serverEnv) })),
  ];
  const warmUps = quick ? 1 : 2;
  const runs = quick ? 3 : 15;
  const samples = new Map(subjects.map((s) => [s.name, []]));
  for (let i = 0; i < warmUps + runs; i += 1) {
    for (const subject of subjects) {
      const result = await subject.time();
      if (i >= warmUps) samples.get(subject.name).push(result);
    }
  }
  const stats = subjects.map(({ name }) => {
    const list = samples.get(name);
    const rss = list.map((r) => r.rssMiB).filter(Number.isFinite);
    return {
      name,
      ms: summarize(list.map((r) => r.ms)),
      tools: list[0]?.tools ?? 0,
      ...(rss.length > 0 && { rssMiB: summarize(rss).median }),
    };
  });
  const floor = stats.find((s) => s.name.startsWith('minimal'));
  const bare = stats.find((s) => s.name.startsWith('node -e'));
  for (const s of stats) {
    s.ratioToMinimal = ratio(s.ms.median, floor.ms.median);
    s.ratioToBareNode = ratio(s.ms.median, bare.ms.median);
  }
  const budgets = stats
    .filter((s) => s.name in BINS)
    .map((s) =>
      budget(
        `cold start ${s.name} ≤ ${COLD_START_BUDGET}× minimal server`,
        s.ratioToMinimal,
        COLD_START_BUDGET,
        '<=',
      ),
    );
  log(`cold start: ${stats.map((s) => `${s.name} ${fmt(s.ms.median)} ms`).join(', ')}`);
  return {
    id: 'cold-start',
    title: 'Cold start (spawn → first tools/list answer, stdio)',
    method: `${runs} interleaved runs after ${warmUps} warm-up round(s); RSS read from /proc when tools/list answered.`,
    data: stats,
    budgets,
    table: {
      columns: ['subject', 'tools', 'median ±spread', 'min–max', 'RSS at ready', '× minimal', '× node -e'],
      rows: stats.map((s) => [
        s.name,
        String(s.tools),
        medianSpread(s.ms, ' ms'),
        `${fmt(s.ms.min)}–${fmt(s.ms.max)} ms`,
        s.rssMiB ? `${fmt(s.rssMiB)} MiB` : '–',
        `${fmt(s.ratioToMinimal)}×`,
        `${fmt(s.ratioToBareNode)}×`,
      ]),
    },
  };
}
