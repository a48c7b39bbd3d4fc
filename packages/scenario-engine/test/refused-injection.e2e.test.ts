import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScenario } from '../src/engine/run-scenario';
import type { FaultProvider } from '../src/faults/fault-provider';
import { readJournal } from '../src/fsm/journal';
import { toJUnit } from '../src/report/junit';
import { KillSwitch } from '../src/runtime/kill-switch';
import { TargetLocks } from '../src/runtime/target-lock';
import { safeParseScenario } from '../src/scenario/parse-scenario';
import { tempRunDir } from './run-example';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let server: Server;
let url = '';
beforeEach(async () => {
  server = createServer((_, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** A provider that must never be asked to inject. */
const provider: FaultProvider = {
  name: 'chaos-mesh',
  inject: () => Promise.reject(new Error('inject must not be called')),
  observe: async () => ({ state: 'active' }),
  revert: async () => {},
};

async function run(prepare: (dir: string, killSwitch: KillSwitch, locks: TargetLocks) => void) {
  const parsed = safeParseScenario(`meta: { id: refused, title: injection refused, max_duration: 30s }
steady_state:
  interval: 50ms
  probes:
    - { name: svc, type: http, url: "${url}", tolerance: { samples: 2 } }
fault: { type: chaos-mesh, target: svc, kind: PodChaos, api_server: "https://127.0.0.1:1", spec: {} }
verify: { timeout: 5s }
`);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
  const dir = tempRunDir('fl-refused-');
  dirs.push(dir);
  const killSwitch = new KillSwitch(join(dir, 'kill-switch'));
  const locks = new TargetLocks(join(dir, 'locks'));
  prepare(dir, killSwitch, locks);
  return runScenario({
    scenario: parsed.scenario,
    outDir: join(dir, 'run'),
    providers: { 'chaos-mesh': provider },
    killSwitch,
    locks,
  });
}

describe('a fault the engine refuses to inject', () => {
  it('is reported as skipped with the reason when the kill switch is engaged, not as injected and undetected', async () => {
    // Act
    const { report, runDir } = await run((_, killSwitch) =>
      writeFileSync(killSwitch.path, 'game day paused'),
    );
    // Assess
    expect(report.verdict).toBe('ABORTED');
    expect(report.faults).toEqual([
      expect.objectContaining({
        status: 'skipped',
        reason: expect.stringMatching(/kill switch .* is engaged/),
      }),
    ]);
    expect(toJUnit(report)).not.toMatch(/not detected/);
    expect(readJournal(join(runDir, 'journal.jsonl')).map((e) => e.type)).toContain('fault-skipped');
  });

  it('is reported as skipped when another run holds the target', async () => {
    // Act: a live process (this one) of another run holds the lock of "svc"
    const { report } = await run((_, __, locks) => locks.acquire('svc', 'other-run'));
    // Assess
    expect(report.verdict).toBe('ABORTED');
    expect(report.faults[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/already has an active fault \(run other-run/),
    });
  });
});
