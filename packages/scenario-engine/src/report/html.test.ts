import { describe, expect, it } from 'vitest';
import type { RunReport } from '../engine/run-types';
import type { ProbeSample } from '../probes/probe-sample';
import { toHtml } from './html';
import { toJUnit } from './junit';

const report: RunReport = {
  schemaVersion: 1,
  runId: 'r1',
  scenarioId: 'demo',
  title: 'Demo <kill>',
  verdict: 'PASS',
  reason: 'ok',
  control: false,
  startedAt: new Date(0).toISOString(),
  finishedAt: new Date(10_000).toISOString(),
  durationMs: 10_000,
  states: [],
  faults: [
    {
      id: '1-process-kill-api',
      type: 'process-kill',
      provider: 'local',
      target: 'api',
      status: 'injected',
      injectedAt: 2000,
      detectedAt: 2100,
      revertedAt: 2001,
      recoveredAt: 4000,
      mttdMs: 100,
      mttrMs: 2000,
      recoveryFrom: 'injection',
    },
  ],
  steadyState: { precheck: {}, verify: {} },
  assistant: {},
  commands: [],
  observations: [{ id: 'obs_0123456789abcdef', kind: 'recovered', severity: 'info', message: 'recovered' }],
  samples: { count: 3, file: 'samples.jsonl' },
};
const samples: ProbeSample[] = [
  { probe: 'mcp', at: 1000, ok: true, latencyMs: 20 },
  { probe: 'mcp', at: 2050, ok: false, latencyMs: 5, error: 'ECONNREFUSED' },
  { probe: 'mcp', at: 4000, ok: true, latencyMs: 30 },
];

describe('the HTML report', () => {
  it('is self-contained and has an SVG timeline with samples and the four markers', () => {
    const html = toHtml(report, samples);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('Demo &lt;kill&gt;');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg.match(/class="sample ok"/g)).toHaveLength(2);
    expect(svg.match(/class="sample failed"/g)).toHaveLength(1);
    for (const marker of ['injected', 'detected', 'reverted', 'recovered'])
      expect(svg).toContain(`class="marker marker-${marker}" data-fault="1-process-kill-api"`);
    expect(svg).toContain('class="fault-window"');
    // markers sit in time order along the x axis
    const xs = ['injected', 'detected', 'recovered'].map((m) =>
      Number(new RegExp(`marker-${m}"[^>]*><line x1="([\\d.]+)"`).exec(svg)?.[1]),
    );
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(html).toContain('<td class="mttd">100 ms</td><td class="mttr">2000 ms</td>');
  });

  it('writes JUnit with one case per check and the verdict', () => {
    const xml = toJUnit({ ...report, verdict: 'FAIL', reason: 'not recovered' });
    expect(xml).toContain('tests="3" failures="1"');
    expect(xml).toContain('<failure message="FAIL: not recovered"/>');
  });
});
