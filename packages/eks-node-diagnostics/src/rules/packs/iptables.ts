import { KUBE_PROXY_LOGS } from '../file-groups';
import type { LogRule } from '../types';

/** Log side of the iptables pack; the rule-set checks are state checks (state/iptables-checks.ts). */
export const IPTABLES_LOG_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'iptables.kube-proxy-restore-failed',
    pack: 'iptables',
    category: 'iptables',
    severity: 'high',
    title: 'kube-proxy fails to program iptables',
    description:
      'iptables-restore failed 3 or more times within 10 minutes: service rules on this node are stale, so traffic to changed services is dropped or misrouted.',
    remediation:
      'Read the error in the evidence (lock contention, an nft/legacy mismatch, a bad rule from another agent); check analyze_iptables for the current rule set.',
    source: 'kube-proxy proxier "Failed to execute iptables-restore"',
    fisHint: 'network disruption, service routing failure',
    files: KUBE_PROXY_LOGS,
    contains: ['iptables-restore'],
    pattern: /Failed to execute iptables-restore/,
    minOccurrences: 3,
    windowMinutes: 10,
    examples: {
      match: [
        '2026-11-02T10:11:12.123456789Z stderr F E1102 10:11:12.123456       1 proxier.go:1564] "Failed to execute iptables-restore" err="exit status 4: iptables-restore: line 9 failed\\n" ipFamily="IPv4"',
      ],
      noMatch: [
        '2026-11-02T10:11:12.123456789Z stderr F I1102 10:11:12.123456       1 proxier.go:803] "SyncProxyRules complete" elapsed="112.3ms"',
      ],
    },
  },
  {
    kind: 'log',
    id: 'iptables.kube-proxy-not-ready',
    pack: 'iptables',
    category: 'networking',
    severity: 'high',
    title: 'kube-proxy cannot watch the API (version mismatch)',
    description:
      'kube-proxy fails to list a resource the API server does not serve: it is too old or too new for the cluster and stops updating service rules.',
    remediation: 'Update the kube-proxy add-on to the version that matches the cluster Kubernetes version.',
    source: 'NMA KubeProxyNotReady',
    fisHint: 'network disruption',
    files: KUBE_PROXY_LOGS,
    contains: ['could not find the requested resource'],
    pattern:
      /Failed to watch [^:]{1,128}: failed to list [^:]{1,128}: the server could not find the requested resource/,
    examples: {
      match: [
        '2026-11-02T10:11:12.123456789Z stderr F E1102 10:11:12.1 1 reflector.go:147] k8s.io/client-go/informers/factory.go:159: Failed to watch *v1beta1.EndpointSlice: failed to list *v1beta1.EndpointSlice: the server could not find the requested resource',
      ],
      noMatch: [
        '2026-11-02T10:11:12.123456789Z stderr F I1102 10:11:12.1 1 shared_informer.go:320] Caches are synced for endpoint slice config',
      ],
    },
  },
];
