import { userRegexProblem } from '../regex/user-regex';
import { faultsOf, type Scenario } from './schema';

/** A cross-reference problem, located by path. */
export interface CrossCheckProblem {
  path: (string | number)[];
  message: string;
}

const PROXY_FAULTS = new Set(['latency', 'errors', 'blackhole']);

function duplicates(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return dup;
}

/** Checks what the schema alone cannot: names that refer to each other, and fields that go together. */
export function crossCheck(scenario: Scenario): CrossCheckProblem[] {
  const problems: CrossCheckProblem[] = [];
  const services = new Map(scenario.services.map((s) => [s.name, s]));
  const probeNames = scenario.steady_state.probes.map((p) => p.name);
  const dupServices = duplicates(scenario.services.map((s) => s.name));
  scenario.services.forEach((s, i) => {
    if (dupServices.has(s.name))
      problems.push({ path: ['services', i, 'name'], message: `duplicate service "${s.name}"` });
    if (s.proxy_port !== undefined && s.port === undefined) {
      problems.push({
        path: ['services', i, 'proxy_port'],
        message: 'proxy_port needs port (the upstream to forward to)',
      });
    }
  });
  // regular expressions are compiled (and refused when unsafe) now, not halfway through a run
  const regex = (path: (string | number)[], pattern: string | undefined) => {
    const problem = pattern === undefined ? undefined : userRegexProblem(pattern);
    if (problem) problems.push({ path, message: problem });
  };
  scenario.steady_state.probes.forEach((p, i) => {
    if (p.type === 'http') regex(['steady_state', 'probes', i, 'expect', 'body_regex'], p.expect?.body_regex);
  });
  for (const step of ['assistant_rca', 'assistant_remedy'] as const) {
    for (const [i, g] of (scenario[step]?.guards ?? []).entries())
      regex([step, 'guards', i, 'pattern'], g.pattern);
  }
  for (const [i, p] of (scenario.execute_remedy?.sandbox.deny_patterns ?? []).entries()) {
    regex(['execute_remedy', 'sandbox', 'deny_patterns', i], p);
  }
  const dupProbes = duplicates(probeNames);
  scenario.steady_state.probes.forEach((p, i) => {
    const at = ['steady_state', 'probes', i];
    if (dupProbes.has(p.name))
      problems.push({ path: [...at, 'name'], message: `duplicate probe "${p.name}"` });
    if (p.type === 'mcp') {
      if (p.transport === 'http' && !p.url)
        problems.push({ path: at, message: 'an mcp probe over http needs url' });
      if (p.transport === 'stdio' && !p.command)
        problems.push({ path: at, message: 'an mcp probe over stdio needs command' });
      if (p.operation === 'tools/call' && !p.tool)
        problems.push({ path: at, message: 'operation tools/call needs tool' });
    }
  });
  const faults = faultsOf(scenario);
  const single = !Array.isArray(scenario.fault);
  faults.forEach((f, i) => {
    const at: (string | number)[] = single ? ['fault'] : ['fault', i];
    if (f.type === 'aws-fis' || f.type === 'chaos-mesh') return;
    const service = services.get(f.target);
    if (!service) {
      problems.push({
        path: [...at, 'target'],
        message: `no service named "${f.target}" (services: ${[...services.keys()].join(', ') || 'none'})`,
      });
      return;
    }
    if (PROXY_FAULTS.has(f.type) && service.proxy_port === undefined) {
      problems.push({
        path: [...at, 'target'],
        message: `a ${f.type} fault acts on the proxy: give service "${f.target}" a proxy_port`,
      });
    }
    if (f.type === 'netem' && !service.network_namespace) {
      problems.push({
        path: [...at, 'target'],
        message: `a netem fault needs service "${f.target}" to have network_namespace`,
      });
    }
    if (
      f.type === 'connection-exhaustion' &&
      !f.url &&
      service.port === undefined &&
      service.proxy_port === undefined
    ) {
      problems.push({
        path: [...at, 'url'],
        message: 'connection-exhaustion needs url, or a target service with a port',
      });
    }
    if (f.type === 'process-kill' && faults.length > 1 && f.duration === undefined) {
      // fine: process kills are instantaneous
    }
  });
  const targets = duplicates(faults.map((f) => f.target));
  if (targets.size > 0 && faults.some((f) => f.duration === undefined)) {
    problems.push({
      path: ['fault'],
      message: `faults on the same target (${[...targets].join(', ')}) must each have a duration: one fault at a time per target`,
    });
  }
  for (const step of ['assistant_rca', 'assistant_remedy'] as const) {
    if (scenario[step] && !scenario.assistant)
      problems.push({ path: [step], message: `${step} needs an assistant section` });
  }
  if (scenario.assistant && scenario.assistant.kind !== 'remediation-api') {
    for (const key of ['ws_url', 'ws_connect_timeout', 'ws_max_frame_bytes'] as const) {
      if (scenario.assistant[key] !== undefined)
        problems.push({ path: ['assistant', key], message: `${key} is only for kind remediation-api` });
    }
  }
  scenario.verify.probes?.forEach((name, i) => {
    if (!probeNames.includes(name))
      problems.push({ path: ['verify', 'probes', i], message: `no steady-state probe named "${name}"` });
  });
  const remedy = scenario.execute_remedy;
  remedy?.commands.forEach((c, i) => {
    if (!remedy.sandbox.allow.includes(c.cmd)) {
      problems.push({
        path: ['execute_remedy', 'commands', i, 'cmd'],
        message: `"${c.cmd}" is not in execute_remedy.sandbox.allow`,
      });
    }
  });
  return problems;
}
