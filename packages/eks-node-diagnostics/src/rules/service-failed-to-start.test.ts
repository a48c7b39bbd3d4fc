import { describe, expect, it } from 'vitest';
import { NODE_SERVICES } from './packs/system';
import { rulesFiring, subjectOf } from './rules-firing.fixture';

const systemd = (message: string) => `Mar 14 13:03:00 ip-10-0-44-2 systemd[1]: ${message}`;

describe('system.service-failed-to-start', () => {
  it.each(NODE_SERVICES)(
    'fires for $unit, as AL2023 (unit name) and AL2 (description) word it',
    (service) => {
      for (const line of [
        systemd(`Failed to start ${service.unit}.service - ${service.description}.`),
        systemd(`Failed to start ${service.description}.`),
      ]) {
        const [rule, ...others] = rulesFiring(line);
        expect([rule?.id, others.length]).toEqual(['system.service-failed-to-start', 0]);
        if (rule) expect([`${service.unit}.service`, service.description]).toContain(subjectOf(rule, line));
      }
    },
  );

  it.each([
    'Failed to start Dynamically Generate Message Of The Day.',
    'Failed to start update-motd.service - Dynamically Generate Message Of The Day.',
    'Failed to start Postfix Mail Transport Agent.',
    'Failed to start kubelet-custom-metrics.service - Kubelet metrics sidecar.',
    'Failed to start Kubernetes Kubelet Server Proxy.',
  ])('does not fire for a unit the node does not need: %s', (message) => {
    expect(rulesFiring(systemd(message))).toEqual([]);
  });

  it('does not fire on the same words from something other than systemd', () => {
    expect(
      rulesFiring('Mar 14 13:03:00 ip-10-0-44-2 app[4412]: Failed to start Kubernetes Kubelet.'),
    ).toEqual([]);
  });
});
