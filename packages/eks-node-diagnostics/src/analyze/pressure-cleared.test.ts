import { describe, expect, it } from 'vitest';
import { analyzeFiles } from './analyze-files.fixture';

const host = 'ip-10-0-33-7.us-west-2.compute.internal';
const event = (time: string, name: string) =>
  `Nov 02 ${time} ${host} kubelet[3011]: I1102 ${time}.123456    3011 kubelet_node_status.go:687] "Recording event message for node" node="${host}" event="${name}"`;

describe('kubelet.pressure-condition when the kubelet clears the condition', () => {
  it('is high while the condition is still reported at the end of the log', async () => {
    const { findings } = await analyzeFiles({
      'kubelet/kubelet.log': [
        event('08:40:00', 'NodeHasSufficientMemory'),
        event('08:41:00', 'NodeHasInsufficientMemory'),
      ],
    });
    expect(findings.find((f) => f.rule === 'kubelet.pressure-condition')).toMatchObject({
      severity: 'high',
      title: 'Node reports NodeHasInsufficientMemory',
    });
  });

  it('is low once a later line clears it, and says when, with the clearing line as evidence', async () => {
    const { findings } = await analyzeFiles({
      'kubelet/kubelet.log': [
        event('08:41:00', 'NodeHasInsufficientMemory'),
        event('08:48:00', 'NodeHasNoDiskPressure'),
        event('08:55:00', 'NodeHasSufficientMemory'),
      ],
    });
    const finding = findings.find((f) => f.rule === 'kubelet.pressure-condition');
    expect(finding).toMatchObject({
      severity: 'low',
      title: 'Node reported NodeHasInsufficientMemory, since cleared',
    });
    expect(finding?.summary).toContain(
      'Cleared: NodeHasInsufficientMemory at 2026-11-02T08:55:00.000Z (kubelet/kubelet.log:3)',
    );
    expect(finding?.evidence.map((e) => e.location)).toEqual([
      'kubelet/kubelet.log:1',
      'kubelet/kubelet.log:3',
    ]);
  });

  it('is high again when the condition returns after it cleared', async () => {
    const { findings } = await analyzeFiles({
      'kubelet/kubelet.log': [
        event('08:41:00', 'NodeHasDiskPressure'),
        event('08:55:00', 'NodeHasNoDiskPressure'),
        event('09:30:00', 'NodeHasDiskPressure'),
      ],
    });
    expect(findings.find((f) => f.rule === 'kubelet.pressure-condition')?.severity).toBe('high');
  });

  it('stays high when one condition cleared and another did not, naming both', async () => {
    const { findings } = await analyzeFiles({
      'kubelet/kubelet.log': [
        event('08:41:00', 'NodeHasInsufficientMemory'),
        event('08:42:00', 'NodeHasDiskPressure'),
        event('08:55:00', 'NodeHasSufficientMemory'),
      ],
    });
    const finding = findings.find((f) => f.rule === 'kubelet.pressure-condition');
    expect(finding).toMatchObject({ severity: 'high', title: 'Node reports NodeHasDiskPressure' });
    expect(finding?.summary).toContain('still reported at the end of the log: NodeHasDiskPressure');
  });

  it('does not clear one condition with the line that clears another', async () => {
    const { findings } = await analyzeFiles({
      'kubelet/kubelet.log': [
        event('08:41:00', 'NodeHasDiskPressure'),
        event('08:55:00', 'NodeHasSufficientMemory'),
      ],
    });
    expect(findings.find((f) => f.rule === 'kubelet.pressure-condition')?.severity).toBe('high');
  });
});
