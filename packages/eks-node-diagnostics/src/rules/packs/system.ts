import { KUBELET_LOGS, RUNTIME_LOGS } from '../file-groups';
import type { LogRule } from '../types';

/** System log rules; PID, file handle and zombie checks are state checks (state/process-checks.ts). */
export const SYSTEM_LOG_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'system.fork-failed',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'critical',
    title: 'Processes cannot fork: PIDs exhausted',
    description:
      'fork/exec or thread creation failed with EAGAIN: the node ran out of PIDs (or a pids cgroup limit), so the kubelet and runtime cannot start processes.',
    remediation:
      'Find the process leaking threads or children (system/ps-threads.txt); set podPidsLimit in the kubelet config; raise kernel.pid_max if the node is simply dense.',
    source: 'NMA ForkFailedOutOfPIDs (Fatal → critical)',
    fisHint: 'PID exhaustion, resource exhaustion, process limits',
    files: [...new Set([...KUBELET_LOGS, ...RUNTIME_LOGS])],
    contains: ['resource temporarily unavailable', 'errno=11'],
    pattern:
      /(?:fork\/exec \S{1,256}: resource temporarily unavailable|failed to create new OS thread \(have \d+ already; errno=11\))/,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: E1102 10:11:12.1 3012 kubelet.go:1]  "Failed to run" err="fork/exec /usr/sbin/runc: resource temporarily unavailable"',
        'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: runtime: failed to create new OS thread (have 4021 already; errno=11)',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: E1102 10:11:12.1 3012 reader.go:1] "read error" err="read unix @->/run/containerd/containerd.sock: resource temporarily unavailable, retrying"',
      ],
    },
  },
  {
    kind: 'log',
    id: 'system.critical-unit-failed',
    pack: 'system',
    category: 'kubelet',
    severity: 'critical',
    title: '{subject} is in the failed state at collection time',
    description:
      'systemctl list-units shows a unit the node cannot work without (kubelet, containerd, sandbox-image) as failed when the bundle was collected.',
    remediation:
      "Read that unit's journal for the exit reason, fix it and restart the unit, or replace the node.",
    source:
      'eks-log-collector system/services.txt (NPD KubeletUnhealthy / ContainerRuntimeUnhealthy → critical: the node cannot run pods)',
    fisHint: 'node not ready, service crash',
    files: ['system/services.txt'],
    contains: ['failed'],
    pattern: /^\W{0,4}((?:kubelet|containerd|sandbox-image)\.service)\s{1,64}loaded\s{1,16}failed\s/,
    subjectGroup: 1,
    examples: {
      match: ['● kubelet.service                      loaded failed failed    Kubernetes Kubelet'],
      noMatch: [
        '  kubelet.service                      loaded active running   Kubernetes Kubelet',
        '● update-motd.service                  loaded failed failed    Dynamically Generate Message Of The Day',
      ],
    },
  },
];
