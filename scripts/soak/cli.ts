// pnpm soak [--sessions N] [--calls N] [--servers a,b] [--out FILE]
// The long soak of the built servers (run `pnpm build` first): by default two phases of 300
// concurrent sessions × 60 calls on each server (100 sessions for node-diagnostics, whose calls
// analyse a bundle each), with /ready polled every second. Prints a line per server and writes
// the figures as JSON (default soak-results.json). Exit 1 when a server dropped a request without a
// client-visible error, answered anything but success, failed to drain on SIGTERM, or grew its
// retained heap past the budget.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak, type SoakResult, summarize } from './soak';
import { chaosEngineering, fisRecommender, nodeDiagnostics } from './targets';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string' },
    calls: { type: 'string', default: '60' },
    servers: { type: 'string', default: 'fis-recommender,chaos-engineering,node-diagnostics' },
    out: { type: 'string', default: 'soak-results.json' },
    'heap-budget-mb': { type: 'string', default: '16' },
    'p99-budget-ms': { type: 'string', default: '2000' },
    'think-ms': { type: 'string', default: '0' },
  },
});

const builders: Record<
  string,
  () => ReturnType<typeof fisRecommender> | Promise<ReturnType<typeof fisRecommender>>
> = {
  'fis-recommender': fisRecommender,
  'chaos-engineering': () => chaosEngineering(),
  'node-diagnostics': nodeDiagnostics,
};

const results: SoakResult[] = [];
const failures: string[] = [];
for (const name of (values.servers as string).split(',')) {
  const build = builders[name];
  if (!build) throw new Error(`unknown server ${name}; known: ${Object.keys(builders).join(', ')}`);
  const result = await runSoak(await build(), {
    sessions: Number(values.sessions ?? (name === 'node-diagnostics' ? 100 : 300)),
    callsPerSession: Number(values.calls),
    thinkMs: Number(values['think-ms']),
    log: (line) => console.log(line),
  });
  results.push(result);
  const bad = Object.entries(result.outcomes).filter(([k]) => k !== 'ok');
  if (result.silentDrops > 0)
    failures.push(`${name}: ${result.silentDrops} requests dropped without an answer`);
  if (bad.length > 0)
    failures.push(
      `${name}: unexpected outcomes ${JSON.stringify(Object.fromEntries(bad))}: ${result.examples.join(' | ')}`,
    );
  if (result.serverToolCalls !== result.clientToolCalls)
    failures.push(
      `${name}: the server counted ${result.serverToolCalls} tool calls, the clients made ${result.clientToolCalls}`,
    );
  if (result.exitCode !== 0) failures.push(`${name}: exit code ${result.exitCode} on SIGTERM`);
  if (result.memory.heapGrowth > Number(values['heap-budget-mb']) * 1e6)
    failures.push(`${name}: retained heap grew ${(result.memory.heapGrowth / 1e6).toFixed(1)} MB`);
  if (result.toolCallLatency.p99 > Number(values['p99-budget-ms']))
    failures.push(`${name}: tool-call p99 ${result.toolCallLatency.p99} ms over the budget`);
}
writeFileSync(
  values.out as string,
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
console.log(`\nfigures written to ${values.out}`);
for (const r of results) console.log(`${r.server}: ${summarize(r)}`);
if (failures.length > 0) {
  console.error(`\nsoak FAILED:\n${failures.join('\n')}`);
  process.exit(1);
}
