import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TargetLocks } from '../runtime/target-lock';
import { recoverRun } from './recover';

const base = mkdtempSync(join(tmpdir(), 'fl-recover-report-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'main.ts');

/** A run folder as a `kill -9` in STABILIZE leaves it: a journal, scenario.json and samples, no report. */
function deadRun(name: string): string {
  const dir = join(base, name);
  const lines = [
    { type: 'run-started', runId: `run-${name}`, pid: 2 ** 22 + 1, scenarioId: 'dead', control: false },
    { type: 'transition', from: 'INIT', to: 'PRECHECK' },
    { type: 'transition', from: 'PRECHECK', to: 'FAULT_INJECT' },
    { type: 'transition', from: 'FAULT_INJECT', to: 'STABILIZE' },
  ].map((e, i) =>
    JSON.stringify({ seq: i + 1, at: new Date(1_700_000_000_000 + i * 100).toISOString(), ...e }),
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'journal.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(dir, 'scenario.json'),
    JSON.stringify({
      meta: { id: 'dead', title: 'A run that died' },
      cleanup: { always: [] },
      report: { formats: ['json', 'junit', 'markdown', 'html'] },
    }),
  );
  const sample = (at: number, ok: boolean) => JSON.stringify({ probe: 'svc', at, ok, latencyMs: 5 });
  writeFileSync(
    join(dir, 'samples.jsonl'),
    `${sample(1_700_000_000_050, true)}\n${sample(1_700_000_000_250, false)}\n`,
  );
  return dir;
}

describe('the report of a recovered run', () => {
  it('is written in every format of the scenario, with the states the run went through', async () => {
    // Prepare
    const dir = deadRun('formats');
    // Act
    await recoverRun(dir, { locks: new TargetLocks(join(base, 'locks')) });
    // Assess
    for (const file of ['report.json', 'report.md', 'junit.xml', 'report.html'])
      expect(existsSync(join(dir, file)), file).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({
      verdict: 'ABORTED',
      diedIn: 'STABILIZE',
      title: 'A run that died',
      samples: { count: 2 },
      steadyState: { precheck: {}, verify: {} },
    });
    expect(report.states.map((s: { state: string }) => s.state)).toEqual([
      'INIT',
      'PRECHECK',
      'FAULT_INJECT',
      'STABILIZE',
      'ABORTED',
      'CLEANUP',
    ]);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/ABORTED.*the run died in STABILIZE/);
  });

  it('measures MTTD from the samples the run wrote before it died', async () => {
    // Prepare: a process-kill injected at +200 ms, a failed sample at +250 ms (back at +255 ms)
    const dir = deadRun('measured');
    const injectedAt = 1_700_000_000_200;
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    const active = {
      id: '1-process-kill-svc',
      type: 'process-kill',
      provider: 'local',
      target: 'svc',
      injectedAt,
      recoveryFrom: 'injection',
      handle: {},
    };
    writeFileSync(
      join(dir, 'journal.jsonl'),
      `${journal}${JSON.stringify({ seq: 5, at: new Date(injectedAt).toISOString(), type: 'fault-injected', active })}\n`,
    );
    const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
    writeFileSync(
      join(dir, 'scenario.json'),
      JSON.stringify({
        ...scenario,
        steady_state: { probes: [{ name: 'svc', type: 'tcp', host: '127.0.0.1', port: 1 }] },
        stabilize: { consecutive_ok: 2 },
      }),
    );
    // Act
    await recoverRun(dir, { locks: new TargetLocks(join(base, 'locks')) });
    // Assess: detected by the failed sample; no recovery seen before the run died
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.faults).toEqual([
      expect.objectContaining({
        id: '1-process-kill-svc',
        mttdMs: 55,
        detectedBy: expect.objectContaining({ probe: 'svc' }),
        mttrMs: null,
      }),
    ]);
  });

  it('can be printed (and regenerated) by `report RUN_DIR`, also one an older recover wrote', () => {
    // Prepare: report.json as recover wrote it before: no states, steadyState, assistant or samples
    const dir = deadRun('older');
    writeFileSync(
      join(dir, 'report.json'),
      JSON.stringify({
        schemaVersion: 1,
        runId: 'run-older',
        scenarioId: 'dead',
        title: '',
        verdict: 'ABORTED',
        reason: 'the run died in STABILIZE and was recovered',
        recovered: true,
        faults: [],
        observations: [],
      }),
    );
    // Act
    const printed = spawnSync(process.execPath, ['--import', 'tsx', cli, 'report', dir, '--format', 'md'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    // Assess
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/ABORTED\*\* — the run died in STABILIZE/);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });
});
