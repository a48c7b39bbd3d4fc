import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/run-scenario';
import { netemUnsupportedReason } from '../src/runtime/network-namespace';
import { runProcesses } from '../src/runtime/process-tree';
import { safeParseScenario } from '../src/scenario/parse-scenario';
import { tempRunDir } from './run-example';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SCENARIO = `meta: { id: netem-delay, title: tc netem delay in a network namespace, max_duration: 60s }
bindings: { port: 18991 }
services:
  - name: echo
    command: ["${process.execPath}", -e, "require('node:http').createServer((q, s) => s.end('ok')).listen(\${port}, '0.0.0.0')"]
    port: \${port}
    network_namespace: { subnet: 10.213.9.0/30 }
steady_state:
  interval: 100ms
  probes:
    - name: echo-http
      type: http
      url: http://10.213.9.2:\${port}/
      timeout: 2s
      tolerance: { samples: 5, max_latency_ms: 150 }
fault:
  type: netem
  target: echo
  delay_ms: 250
  duration: 2s
verify: { timeout: 10s }
`;

describe('tc netem', () => {
  it.runIf(netemUnsupportedReason() === undefined)(
    'delays traffic inside a namespace the engine creates, and removes it all afterwards',
    async () => {
      // Prepare
      const parsed = safeParseScenario(SCENARIO);
      expect(parsed.success).toBe(true);
      if (!parsed.success) return;
      const outDir = tempRunDir();
      dirs.push(outDir);
      // Act
      const { report } = await runScenario({ scenario: parsed.scenario, outDir, heartbeatStaleMs: 2000 });
      // no helper of the run outlives it (a watchdog disarmed while starting used to wait for the stale heartbeat)
      expect(runProcesses(report.runId).map((p) => p.command)).toEqual([]);
      // Assess
      if (report.faults[0]?.status === 'skipped') {
        // the kernel has no sch_netem: the run stops before anything is injected, with the reason
        expect(report).toMatchObject({ verdict: 'ABORTED', reason: expect.stringMatching(/netem qdisc/) });
      } else {
        expect(report.verdict, report.reason).toBe('PASS');
        expect(report.faults[0]).toMatchObject({
          type: 'netem',
          mttdMs: expect.any(Number),
          mttrMs: expect.any(Number),
        });
      }
      expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toMatch(/faultline-/);
    },
    60_000,
  );

  it.runIf(netemUnsupportedReason() !== undefined)('explains why it cannot run without root', () => {
    expect(netemUnsupportedReason()).toMatch(/root|iproute2/);
  });
});
