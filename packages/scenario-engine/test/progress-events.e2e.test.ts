import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/run-scenario';
import type { RunEvent } from '../src/engine/run-types';
import type { ActiveFault, FaultProvider } from '../src/faults/fault-provider';
import { KillSwitch } from '../src/runtime/kill-switch';
import { TargetLocks } from '../src/runtime/target-lock';
import { safeParseScenario } from '../src/scenario/parse-scenario';
import type { Fault } from '../src/scenario/schema';
import { tempRunDir } from './run-example';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A target that is slow (300 ms) while the fake provider's fault is on. */
let server: Server;
let url = '';
const target = { slow: false };
beforeEach(async () => {
  server = createServer((_, res) => {
    setTimeout(() => res.end('ok'), target.slow ? 300 : 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const provider: FaultProvider = {
  name: 'chaos-mesh',
  async inject(fault: Fault, id: string): Promise<ActiveFault> {
    target.slow = true;
    const base = { id, provider: 'chaos-mesh' as const, type: fault.type, target: fault.target };
    return { ...base, injectedAt: Date.now(), recoveryFrom: 'revert', handle: {} };
  },
  observe: async () => ({ state: 'active' }),
  async revert() {
    target.slow = false;
  },
};

describe('progress events of a fault with a duration', () => {
  it('report the detection when a sample shows it, with what was seen, not when the duration ends', async () => {
    // Prepare: 2 s of a slow target, detected by a 100 ms latency limit within a few hundred ms
    const parsed = safeParseScenario(`meta: { id: progress, title: progress events, max_duration: 30s }
steady_state:
  interval: 50ms
  probes:
    - { name: svc, type: http, url: "${url}", timeout: 1s, tolerance: { samples: 3, max_latency_ms: 100 } }
fault: { type: chaos-mesh, target: svc, kind: PodChaos, api_server: "https://127.0.0.1:1", spec: {}, duration: 2s }
verify: { timeout: 10s }
`);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const dir = tempRunDir('fl-progress-');
    dirs.push(dir);
    const seen: Array<{ event: RunEvent; at: number }> = [];
    // Act
    const { report } = await runScenario({
      scenario: parsed.scenario,
      outDir: join(dir, 'run'),
      providers: { 'chaos-mesh': provider },
      killSwitch: new KillSwitch(join(dir, 'kill-switch')),
      locks: new TargetLocks(join(dir, 'locks')),
      onEvent: (event) => seen.push({ event, at: Date.now() }),
    });
    // Assess
    expect(report.verdict, report.reason).toBe('PASS');
    const fault = (action: string) =>
      seen.filter((s) => s.event.type === 'fault' && s.event.action === action);
    expect(fault('detected')).toHaveLength(1);
    const [detected] = fault('detected');
    const [reverted] = fault('reverted');
    expect((reverted?.at ?? 0) - (detected?.at ?? 0)).toBeGreaterThan(1000);
    expect(detected?.event).toMatchObject({ detail: expect.stringMatching(/^a svc sample took \d+ ms$/) });
  });
});
