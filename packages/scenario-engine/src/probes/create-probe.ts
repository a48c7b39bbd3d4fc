import { toMs } from '../duration';
import type { CommandRunner } from '../remedy/command-runner';
import type { Probe } from '../scenario/schema';
import { createCommandProbe } from './command-probe';
import { createHttpProbe } from './http-probe';
import { createMcpProbe } from './mcp-probe';
import type { ProbeRunner } from './probe-sample';
import { createTcpProbe } from './tcp-probe';

/** What probes need from the engine. */
export interface ProbeDeps {
  now: () => number;
  /** Runs command probes (sandboxed). */
  commandRunner: CommandRunner;
  /** Working directory of stdio MCP servers. */
  cwd?: string;
}

/** Default time limit of one sample: 2 s. */
export const DEFAULT_PROBE_TIMEOUT_MS = 2000;

/** Builds the runner of a probe definition. */
export function createProbe(probe: Probe, deps: ProbeDeps): ProbeRunner {
  const timeoutMs = toMs(probe.timeout) ?? DEFAULT_PROBE_TIMEOUT_MS;
  switch (probe.type) {
    case 'http':
      return createHttpProbe(probe, timeoutMs, deps.now);
    case 'mcp':
      return createMcpProbe(probe, timeoutMs, deps.now, deps.cwd);
    case 'tcp':
      return createTcpProbe(probe, timeoutMs, deps.now);
    case 'command':
      return createCommandProbe(probe, timeoutMs, deps.now, deps.commandRunner);
  }
}
