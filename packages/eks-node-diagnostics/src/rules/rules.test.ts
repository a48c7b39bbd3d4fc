import { describe, expect, it } from 'vitest';
import { allRules, LOG_RULES, ruleCatalog } from './catalog';
import { CATEGORIES, RULE_PACKS } from './types';

function adversarialLines(example: string): string[] {
  const size = 100 * 1024;
  const half = example.slice(0, Math.max(1, Math.floor(example.length / 2)));
  const words = example.split(/\s+/).slice(0, 6).join(' ');
  return [
    half.repeat(Math.ceil(size / half.length)).slice(0, size),
    `${words} `.repeat(Math.ceil(size / (words.length + 1))).slice(0, size),
    'a'.repeat(size),
    ' '.repeat(size),
    `${'"'.repeat(size / 2)}${'x'.repeat(size / 2)}`,
    `${example.slice(0, 40)}${'9'.repeat(size)}`,
  ];
}

describe('the rule catalog', () => {
  it('has unique, stable ids (a rename changes finding ids: update this list on purpose)', () => {
    const ids = allRules().map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toMatchInlineSnapshot(`
      [
        "kubelet.pleg-unhealthy",
        "kubelet.node-not-ready",
        "kubelet.memory-eviction",
        "kubelet.disk-eviction",
        "kubelet.pressure-condition",
        "kubelet.certificate-expired",
        "kubelet.certificate-rotation-failed",
        "kubelet.api-server-unreachable",
        "kubelet.node-unauthorized",
        "kubelet.frequent-restart",
        "kubelet.service-failed",
        "kubelet.probe-failures",
        "kubelet.pod-stuck-terminating",
        "container-runtime.sandbox-create-failed",
        "container-runtime.image-pull-failed",
        "container-runtime.oci-runtime-failed",
        "container-runtime.containerd-frequent-restart",
        "container-runtime.containerd-failed",
        "container-runtime.etc-hosts-mount-failed",
        "cni-ipamd.subnet-out-of-ips",
        "cni-ipamd.ip-assign-failed",
        "cni-ipamd.eni-attach-failed",
        "cni-ipamd.api-server-unreachable",
        "cni-ipamd.repeated-restart",
        "cni-ipamd.aws-node-not-ready",
        "cni-ipamd.plugin-cannot-reach-ipamd",
        "cni-ipamd.network-policy-bpf-recovery",
        "cni-ipamd.irsa-assume-role-denied",
        "kernel.oom-kill",
        "kernel.hung-task",
        "kernel.soft-lockup",
        "kernel.nic-reset",
        "kernel.conntrack-table-full",
        "kernel.unregister-netdevice",
        "kernel.oops",
        "kernel.bug",
        "kernel.app-crash",
        "kernel.ext4-error",
        "kernel.ext4-warning",
        "kernel.readonly-remount",
        "kernel.xfs-shutdown",
        "kernel.block-io-error",
        "kernel.hardware-error-fatal",
        "kernel.hardware-error-recoverable",
        "kernel.hardware-error-corrected",
        "kernel.memory-read-error",
        "kernel.nvidia-xid",
        "kernel.nvidia-xid-fatal",
        "kernel.nccl-segfault",
        "kernel.neuron-hardware-error",
        "iptables.kube-proxy-restore-failed",
        "iptables.kube-proxy-not-ready",
        "dns.resolution-timeout",
        "dns.check-failed",
        "time-sync.no-selectable-sources",
        "time-sync.clock-jump",
        "time-sync.unsynchronised",
        "storage.kubelet-disk-usage-slow",
        "storage.disk-bad-blocks",
        "storage.xfs-free-space-fragmented",
        "system.fork-failed",
        "system.critical-unit-failed",
        "system.service-failed-to-start",
        "system.rapid-cron",
        "networking.ena-allowance-exceeded",
        "networking.api-server-curl-failed",
        "system.pid-pressure",
        "system.file-handles-pressure",
        "system.zombie-processes",
        "system.large-environment",
        "networking.ip-forward-disabled",
        "networking.conntrack-near-max",
        "dns.no-nameserver",
        "networking.loopback-down",
        "storage.disk-usage-high",
        "storage.inode-usage-high",
        "iptables.missing-kube-proxy-chains",
        "iptables.unexpected-reject",
        "iptables.kubelet-port-redirect",
        "iptables.rule-count-high",
      ]
    `);
  });

  it('files every rule in a known pack and category, with its id prefixed by the pack', () => {
    for (const rule of allRules()) {
      expect(RULE_PACKS).toContain(rule.pack);
      expect(CATEGORIES).toContain(rule.category);
      expect(rule.id.startsWith(`${rule.pack}.`), rule.id).toBe(true);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(20);
    }
    expect(ruleCatalog()).toHaveLength(allRules().length);
  });
});

describe.each(LOG_RULES.map((rule) => [rule.id, rule] as const))('log rule %s', (_id, rule) => {
  it('fires on its signature', () => {
    expect(rule.examples.match.length).toBeGreaterThan(0);
    for (const line of rule.examples.match) {
      expect(rule.pattern.test(line), line).toBe(true);
      expect(
        rule.contains.some((literal) => line.includes(literal)),
        `pre-filter of ${line}`,
      ).toBe(true);
    }
  });

  it('does not fire on healthy noise (its near misses fire no rule at all)', () => {
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
    for (const line of rule.examples.noMatch) {
      for (const other of LOG_RULES) expect(other.pattern.test(line), `${other.id} on ${line}`).toBe(false);
    }
  });

  it('uses a stateless regex', () => {
    expect(rule.pattern.global || rule.pattern.sticky).toBe(false);
  });

  it('stays fast on 100 KB adversarial lines (no catastrophic backtracking)', () => {
    const lines = rule.examples.match.flatMap(adversarialLines);
    const started = performance.now();
    for (const line of lines) rule.pattern.exec(line);
    expect(performance.now() - started).toBeLessThan(250);
  });
});
