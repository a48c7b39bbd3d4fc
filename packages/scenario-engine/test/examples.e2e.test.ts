import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliArgv } from '../src/runtime/helper-command';
import { EXAMPLES, runExample, tempRunDir } from './run-example';

const SERVER = join(EXAMPLES, '../../apps/fis-recommender/dist/index.js');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(existsSync(SERVER))('the example scenarios, for real against fis-recommender', () => {
  it('faultline-scenario run mcp-process-kill.yaml --out DIR exits 0 and writes report.json with MTTD and MTTR', () => {
    // Prepare
    const out = tempRunDir();
    dirs.push(out);
    const [node, ...args] = cliArgv();
    // Act
    const run = spawnSync(
      node as string,
      [...args, 'run', join(EXAMPLES, 'mcp-process-kill.yaml'), '--out', out, '--ci'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    // Assess
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ verdict: 'PASS', runId: expect.any(String) });
    expect(report.faults[0]).toMatchObject({
      type: 'process-kill',
      mttdMs: expect.any(Number),
      mttrMs: expect.any(Number),
    });
    expect(report.faults[0].mttdMs).toBeLessThan(2000);
    for (const file of [
      'journal.jsonl',
      'samples.jsonl',
      'junit.xml',
      'report.md',
      'report.html',
      'scenario.yaml',
    ])
      expect(existsSync(join(out, file))).toBe(true);
    expect(run.stdout).toMatch(/^PASS /m);
  });

  it.each([
    'mcp-latency',
    'mcp-dependency-failure',
    'mcp-connection-exhaustion',
    'remediation-process-crash',
  ])(
    '%s passes with a measured MTTD and MTTR',
    async (name) => {
      const { report, runDir } = await runExample(name);
      dirs.push(runDir);
      expect(report.verdict, report.reason).toBe('PASS');
      expect(report.faults[0]?.mttdMs).toEqual(expect.any(Number));
      expect(report.faults[0]?.mttrMs).toEqual(expect.any(Number));
      expect(report.observations.map((o) => o.id)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^obs_[0-9a-z]{16}$/)]),
      );
    },
    60_000,
  );
});
