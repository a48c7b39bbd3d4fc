import type { Severity } from '@faultline/findings';
import { describe, expect, it } from 'vitest';
import { allRules } from './catalog';
import { rulesFiring } from './rules-firing.fixture';

// Every detection pattern of the node diagnostics reference (shared/reference/
// node-diagnostics-reference.md, §4.3.1: node-problem-detector and the EKS node monitoring agent),
// mapped to the rule that implements it, or to the reason there is none. For each pattern, lines
// the reference's own regular expression matches must fire our rule, at the reference's severity
// ("Ours" column). A pattern added to the reference without a row here fails the row count.

interface Covered {
  row: number;
  name: string;
  /** The reference's pattern (verbatim where it is a regex; substrings as an alternation). */
  pattern: RegExp;
  cases: ReadonlyArray<{ line: string; rule: string; severity: Severity }>;
}

interface Skipped {
  row: number;
  name: string;
  skipped: string;
}

const DOCKER = 'EKS-optimized AMIs have not run Docker since Kubernetes 1.24 (containerd only)';

const LOG_PATTERNS: ReadonlyArray<Covered | Skipped> = [
  {
    row: 1,
    name: 'NMA SoftLockup',
    pattern: /watchdog: BUG: soft lockup - .* stuck for (.*)! \[(.*?).*\]/,
    cases: [
      {
        line: '[ 5123.456789] watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [java:4412]',
        rule: 'kernel.soft-lockup',
        severity: 'medium',
      },
    ],
  },
  {
    row: 2,
    name: 'NMA KernelBug (medium–high: medium, 3 or more high)',
    pattern: /\[.*?] BUG: (.*)/,
    cases: [
      {
        line: '[ 5123.456789] BUG: scheduling while atomic: kworker/1:2/1234/0x00000002',
        rule: 'kernel.bug',
        severity: 'medium',
      },
    ],
  },
  {
    row: 3,
    name: 'NMA AppCrash (low–medium: low, 5 or more medium)',
    pattern: /traps:\s*(.*?)\[|\s(.*?)\[\d+]: segfault at.*/,
    cases: [
      {
        line: '[ 5123.456789] python3[4412]: segfault at 0 ip 00007f3a2b1c0d4e sp 00007ffd5e6f7a80 error 4 in libc.so.6[7f3a2b000000+195000]',
        rule: 'kernel.app-crash',
        severity: 'low',
      },
      {
        line: '[ 5123.456789] traps: node[3412] general protection fault ip:55d1f2e3a4b5 sp:7ffd1f2e3a40 error:0 in node[55d1f2e00000+2a3b000]',
        rule: 'kernel.app-crash',
        severity: 'low',
      },
    ],
  },
  {
    row: 4,
    name: 'NMA AppBlocked',
    pattern: /task (.*?):\d+ blocked for more than/,
    cases: [
      {
        line: '[ 4300.000000] INFO: task containerd:2811 blocked for more than 122 seconds.',
        rule: 'kernel.hung-task',
        severity: 'medium',
      },
    ],
  },
  {
    row: 5,
    name: 'NMA ConntrackExceededKernel',
    pattern: /(ip|nf)_conntrack: table full, dropping packet/,
    cases: [
      {
        line: '[ 6000.000000] nf_conntrack: nf_conntrack: table full, dropping packet',
        rule: 'kernel.conntrack-table-full',
        severity: 'high',
      },
    ],
  },
  {
    row: 6,
    name: 'NMA ForkFailedOutOfPIDs',
    pattern: /.*fork\/exec.*resource temporarily unavailable|failed to create new OS thread.*errno=11/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: E1102 10:11:12.1 3012 kubelet.go:1] "Failed to run" err="fork/exec /usr/sbin/runc: resource temporarily unavailable"',
        rule: 'system.fork-failed',
        severity: 'critical',
      },
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: runtime: failed to create new OS thread (have 4021 already; errno=11)',
        rule: 'system.fork-failed',
        severity: 'critical',
      },
    ],
  },
  {
    row: 7,
    name: 'NMA RapidCron (the same command again within 5 minutes)',
    pattern: / CMD /,
    cases: [
      {
        line: 'Nov 02 10:11:01 ip-10-0-1-23 CROND[21012]: (root) CMD (/usr/local/bin/node-cleanup.sh)',
        rule: 'system.rapid-cron',
        severity: 'low',
      },
    ],
  },
  {
    row: 8,
    name: 'NMA PodStuckTerminating',
    pattern:
      /"Pod still has one or more containers in the non-exited state and will not be removed from desired state" pod="(.*)"/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 kubelet.go:2053] "Pod still has one or more containers in the non-exited state and will not be removed from desired state" pod="shop/cart-7d9f8-abcde"',
        rule: 'kubelet.pod-stuck-terminating',
        severity: 'critical',
      },
    ],
  },
  {
    row: 9,
    name: 'NMA KubeletFailed',
    pattern: /Unit kubelet.service entered failed state/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Unit kubelet.service entered failed state.',
        rule: 'kubelet.service-failed',
        severity: 'high',
      },
    ],
  },
  {
    row: 10,
    name: 'NMA ContainerRuntimeFailed',
    pattern: /OCI runtime create failed: (.*?)/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: time="2026-11-02T10:11:12Z" level=error msg="StartContainer failed" error="failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process"',
        rule: 'container-runtime.oci-runtime-failed',
        severity: 'medium',
      },
    ],
  },
  {
    row: 11,
    name: 'NMA ReadinessProbeFailures / LivenessProbeFailures (above 5/s)',
    pattern: /Readiness probe for ".*?:(.*)" failed|Liveness probe for ".*?:(.*)" failed/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 prober.go:116] Readiness probe for "web-6d4cf_shop(4b1f):web" failed (failure): HTTP probe failed with statuscode: 503',
        rule: 'kubelet.probe-failures',
        severity: 'low',
      },
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 prober.go:116] Liveness probe for "cart-7d9f8_shop(9f2c):cart" failed (failure): command timed out',
        rule: 'kubelet.probe-failures',
        severity: 'low',
      },
    ],
  },
  {
    row: 12,
    name: 'NMA ServiceFailedToStart (services a worker node needs)',
    pattern: /Failed to start (.*?)\./,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Failed to start Kubernetes Kubelet.',
        rule: 'system.service-failed-to-start',
        severity: 'medium',
      },
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Failed to start containerd.service - containerd container runtime.',
        rule: 'system.service-failed-to-start',
        severity: 'medium',
      },
    ],
  },
  {
    row: 13,
    name: 'NMA KubeProxyNotReady',
    pattern: /Failed to watch (.*): failed to list (.*): the server could not find the requested resource/,
    cases: [
      {
        line: '2026-11-02T10:11:12.123456789Z stderr F E1102 10:11:12.1 1 reflector.go:147] k8s.io/client-go/informers/factory.go:159: Failed to watch *v1beta1.EndpointSlice: failed to list *v1beta1.EndpointSlice: the server could not find the requested resource',
        rule: 'iptables.kube-proxy-not-ready',
        severity: 'high',
      },
    ],
  },
  {
    row: 14,
    name: 'NMA IPAMDNotReady',
    pattern: /Failed to check API server connectivity|Unable to reach API Server/,
    cases: [
      {
        line: '{"level":"error","ts":"2026-11-02T10:11:12.123Z","caller":"ipamd/ipamd.go:512","msg":"Failed to check API server connectivity: invalid configuration: no configuration has been provided"}',
        rule: 'cni-ipamd.api-server-unreachable',
        severity: 'critical',
      },
    ],
  },
  {
    row: 15,
    name: 'NMA IPAMDRepeatedlyRestart',
    pattern: /Starting L-IPAMD/,
    cases: [
      {
        line: '{"level":"info","ts":"2026-11-02T10:11:12.123Z","caller":"aws-k8s-agent/main.go:42","msg":"Starting L-IPAMD v1.18.3  ..."}',
        rule: 'cni-ipamd.repeated-restart',
        severity: 'medium',
      },
    ],
  },
  {
    row: 16,
    name: 'NMA IPAMDNoIPs',
    pattern: /InsufficientFreeAddressesInSubnet/,
    cases: [
      {
        line: '{"level":"error","ts":"2026-11-02T10:11:12.123Z","caller":"ipamd/ipamd.go:845","msg":"Failed to increase pool size: InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses to satisfy the request."}',
        rule: 'cni-ipamd.subnet-out-of-ips',
        severity: 'high',
      },
    ],
  },
  {
    row: 17,
    name: 'NMA NPABPFRecoveryError',
    pattern:
      /Failed to recover the BPF state|BPF State Recovery failed error|failed to recover global maps|got err for (cluster policy )?(ingress|egress) in-mem map/,
    cases: [
      'Failed to recover the BPF state: failed to load pinned maps',
      'BPF State Recovery failed error: pinned map missing',
      'failed to recover global maps: map not found',
      'got err for ingress in-mem map',
      'got err for cluster policy egress in-mem map',
    ].map((msg) => ({
      line: `{"level":"error","ts":"2026-11-02T10:11:12.123Z","logger":"ebpf-client","msg":"${msg}"}`,
      rule: 'cni-ipamd.network-policy-bpf-recovery',
      severity: 'medium' as const,
    })),
  },
  {
    row: 18,
    name: 'NMA EtcHostsMountFailed',
    pattern: /error mounting.*etc-hosts.*to rootfs.*\/etc\/hosts/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: time="2026-11-02T10:11:12Z" level=error msg="failed to create task" error="error mounting \\"/var/lib/kubelet/pods/4b1f/etc-hosts\\" to rootfs at \\"/etc/hosts\\": no such file or directory"',
        rule: 'container-runtime.etc-hosts-mount-failed',
        severity: 'medium',
      },
    ],
  },
  {
    row: 19,
    name: 'NMA KubeletDiskUsageSlow',
    pattern: /fs: disk usage and inodes count on following dirs took/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 fsHandler.go:133] fs: disk usage and inodes count on following dirs took 2.312s: [/var/lib/containerd/rootfs/abc]',
        rule: 'storage.kubelet-disk-usage-slow',
        severity: 'low',
      },
    ],
  },
  {
    row: 20,
    name: 'NMA BlockDeviceIOError',
    pattern:
      /end_request: I\/O error, dev ([a-z0-9-]+), sector ([0-9]+)|Buffer I\/O error on device ([a-z0-9-]+), logical block ([0-9]+)|blk_update_request: I\/O error, dev ([a-z0-9-]+), sector ([0-9]+)/,
    cases: [
      '[ 4021.1] end_request: I/O error, dev xvdf, sector 52428288',
      '[ 4021.1] Buffer I/O error on device nvme1n1, logical block 209713024',
      '[ 4021.1] blk_update_request: I/O error, dev nvme1n1, sector 2048 op 0x1:(WRITE) flags 0x800',
    ].map((line) => ({ line, rule: 'kernel.block-io-error', severity: 'high' as const })),
  },
  {
    row: 21,
    name: 'NMA NeuronSRAM/NC/HBMUncorrectableError, NeuronDMAError',
    pattern:
      /.* NEURON_HW_ERR=(SRAM_UNCORRECTABLE_ERROR|NC_UNCORRECTABLE_ERROR|HBM_UNCORRECTABLE_ERROR|DMA_ERROR) .*/,
    cases: [
      {
        line: '[ 812.1] neuron:npe_hw_err: NEURON_HW_ERR=HBM_UNCORRECTABLE_ERROR instance-id=i-0abc nd=0',
        rule: 'kernel.neuron-hardware-error',
        severity: 'critical',
      },
    ],
  },
  {
    row: 22,
    name: 'NMA NvidiaNCCLError',
    pattern: /.*segfault at.*in libnccl\.so.*/,
    cases: [
      {
        line: '[Thu Oct 10 03:06:53 2024] pt_main_thread[2536443]: segfault at 7f797fe00000 ip 00007f7c7ac69996 sp 00007f7c12fd7c30 error 4 in libnccl.so.2[7f7c7ac00000+d3d3000]',
        rule: 'kernel.nccl-segfault',
        severity: 'medium',
      },
    ],
  },
  {
    row: 23,
    name: 'NPD OOMKilling',
    pattern: /Killed process \d+ (.+) total-vm:\d+kB, anon-rss:\d+kB, file-rss:\d+kB.*/,
    cases: [
      {
        line: '[ 8812.0005] Memory cgroup out of memory: Killed process 4412 (java) total-vm:8123456kB, anon-rss:2097152kB, file-rss:10240kB, shmem-rss:0kB',
        rule: 'kernel.oom-kill',
        severity: 'medium',
      },
    ],
  },
  {
    row: 24,
    name: 'NPD TaskHung',
    pattern: /task [\S ]+:\w+ blocked for more than \w+ seconds\./,
    cases: [
      {
        line: '[ 4300.1] INFO: task jbd2/nvme1n1-8:611 blocked for more than 245 seconds.',
        rule: 'kernel.hung-task',
        severity: 'medium',
      },
    ],
  },
  {
    row: 25,
    name: 'NPD UnregisterNetDevice',
    pattern: /unregister_netdevice: waiting for \w+ to become free. Usage count = \d+/,
    cases: [
      {
        line: '[ 9000.1] unregister_netdevice: waiting for eth0 to become free. Usage count = 1',
        rule: 'kernel.unregister-netdevice',
        severity: 'medium',
      },
    ],
  },
  {
    row: 26,
    name: 'NPD FrequentUnregisterNetDevice (3 in 20 minutes: the escalation of row 25)',
    pattern: /unregister_netdevice: waiting for \w+ to become free. Usage count = \d+/,
    cases: [
      {
        line: '[ 9000.1] unregister_netdevice: waiting for eni4f2c to become free. Usage count = 2',
        rule: 'kernel.unregister-netdevice',
        severity: 'high',
      },
    ],
  },
  {
    row: 27,
    name: 'NPD KernelOops',
    pattern: /BUG: unable to handle kernel NULL pointer dereference at .*|divide error: 0000 \[#\d+\] SMP/,
    cases: [
      '[ 5123.1] BUG: unable to handle kernel NULL pointer dereference at 0000000000000010',
      '[ 5123.1] divide error: 0000 [#1] SMP NOPTI',
    ].map((line) => ({ line, rule: 'kernel.oops', severity: 'high' as const })),
  },
  {
    row: 28,
    name: 'NPD Ext4Error / Ext4Warning',
    pattern: /EXT4-fs error .*|EXT4-fs warning .*/,
    cases: [
      {
        line: '[ 4200.5] EXT4-fs error (device nvme1n1): ext4_journal_check_start:83: comm containerd: Detected aborted journal',
        rule: 'kernel.ext4-error',
        severity: 'high',
      },
      {
        line: '[ 4100.1] EXT4-fs warning (device nvme1n1): ext4_dx_add_entry:2354: Directory (ino: 1310721) index full, reach max htree level :2',
        rule: 'kernel.ext4-warning',
        severity: 'low',
      },
    ],
  },
  {
    row: 29,
    name: 'NPD IOError',
    pattern: /Buffer I\/O error .*/,
    cases: [
      {
        line: '[ 4021.1] Buffer I/O error on dev nvme1n1, logical block 256, lost async page write',
        rule: 'kernel.block-io-error',
        severity: 'high',
      },
    ],
  },
  {
    row: 30,
    name: 'NPD XfsHasShutdown',
    pattern: /XFS .* Shutting down filesystem.?/,
    cases: [
      {
        line: '[ 4021.1] XFS (nvme0n1p1): Corruption of in-memory data detected.  Shutting down filesystem',
        rule: 'kernel.xfs-shutdown',
        severity: 'critical',
      },
    ],
  },
  {
    row: 31,
    name: 'NPD MemoryReadError',
    pattern: /CE memory read error .*/,
    cases: [
      {
        line: '[ 9001.1] EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x1f2e3)',
        rule: 'kernel.memory-read-error',
        severity: 'medium',
      },
    ],
  },
  {
    row: 32,
    name: 'NPD CperHardwareErrorCorrected / Recoverable / Fatal',
    pattern: /.*\[Hardware Error\]: event severity: (corrected|recoverable|fatal)$/,
    cases: [
      {
        line: '[ 9001.1] {1}[Hardware Error]: event severity: corrected',
        rule: 'kernel.hardware-error-corrected',
        severity: 'low',
      },
      {
        line: '[ 9001.1] {2}[Hardware Error]: event severity: recoverable',
        rule: 'kernel.hardware-error-recoverable',
        severity: 'medium',
      },
      {
        line: '[ 9001.1] {3}[Hardware Error]: event severity: fatal',
        rule: 'kernel.hardware-error-fatal',
        severity: 'critical',
      },
    ],
  },
  {
    row: 33,
    name: 'NPD DockerHung',
    skipped: `${DOCKER}; a hung dockerd task would still be reported by kernel.hung-task`,
  },
  {
    row: 34,
    name: 'NPD FilesystemIsReadOnly',
    pattern: /Remounting filesystem read-only/,
    cases: [
      {
        line: '[ 4200.5] EXT4-fs (nvme1n1): Remounting filesystem read-only',
        rule: 'kernel.readonly-remount',
        severity: 'critical',
      },
    ],
  },
  { row: 35, name: 'NPD CorruptDockerImage', skipped: DOCKER },
  { row: 36, name: 'NPD CorruptDockerOverlay2', skipped: DOCKER },
  {
    row: 37,
    name: 'NPD DockerContainerStartupFailure (runc wording, containerd too)',
    pattern: /OCI runtime start failed: container process is already dead: unknown/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: time="2026-11-02T10:11:12Z" level=error msg="StartContainer failed" error="OCI runtime start failed: container process is already dead: unknown"',
        rule: 'container-runtime.oci-runtime-failed',
        severity: 'medium',
      },
    ],
  },
  {
    row: 38,
    name: 'NPD KubeletStart / DockerStart / ContainerdStart',
    skipped:
      'informational events (severity info), not findings; the start lines feed the frequent-restart rules of row 39',
  },
  {
    row: 39,
    name: 'NPD FrequentKubeletRestart / FrequentContainerdRestart (FrequentDockerRestart: no Docker)',
    pattern:
      /Started (Kubernetes kubelet|Kubernetes Kubelet|kubelet\.service|kubelet\.service - Kubernetes Kubelet)|Starting (containerd container runtime|containerd\.service.*)\.\.\./,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Started Kubernetes Kubelet.',
        rule: 'kubelet.frequent-restart',
        severity: 'high',
      },
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Starting containerd.service - containerd container runtime...',
        rule: 'container-runtime.containerd-frequent-restart',
        severity: 'high',
      },
    ],
  },
  {
    row: 40,
    name: 'NPD DiskBadBlock',
    pattern: /.*([1-9]\d{2,}) (Currently unreadable.*sectors|Offline uncorrectable sectors).*/,
    cases: [
      {
        line: 'Nov 02 10:11:12 ip-10-0-1-23 smartd[771]: Device: /dev/nvme2n1, 128 Currently unreadable (pending) sectors',
        rule: 'storage.disk-bad-blocks',
        severity: 'high',
      },
    ],
  },
];

// §4.3.2, checks on state. `rule` where a bundle has the evidence and a rule reads it.
const STATE_CHECKS: ReadonlyArray<{ name: string; rules?: readonly string[]; skipped?: string }> = [
  { name: 'NMA ApproachingKernelPidMax', rules: ['system.pid-pressure'] },
  { name: 'NMA ApproachingMaxOpenFiles', rules: ['system.file-handles-pressure'] },
  { name: 'NMA ExcessiveZombieProcesses', rules: ['system.zombie-processes'] },
  { name: 'NMA LargeEnvironment', rules: ['system.large-environment'] },
  { name: 'NMA ZramHighUsage', skipped: 'no zram figures in a bundle' },
  { name: 'NMA ClockUnsynchronized', rules: ['time-sync.unsynchronised', 'time-sync.no-selectable-sources'] },
  {
    name: 'NMA RepeatedRestart',
    rules: ['system.critical-unit-failed'],
    skipped: 'services.txt holds unit states, not NRestarts: only a unit left failed is seen',
  },
  { name: 'NMA DeprecatedContainerdConfiguration', skipped: 'ctr deprecations list is not collected' },
  { name: 'NMA NetworkSysctl', rules: ['networking.ip-forward-disabled'] },
  {
    name: 'NMA InterfaceNotUp / InterfaceNotRunning',
    skipped:
      'needs consecutive polls; the collector runs ifconfig without -a, which omits interfaces that are down (the loopback one is checked)',
  },
  { name: 'NMA MissingLoopbackInterface', rules: ['networking.loopback-down'] },
  {
    name: 'NMA MissingIPRules / MissingIPRoutes / MissingDefaultRoutes',
    skipped: 'not yet: needs the ipamd checkpoint joined with iprule.txt and iproute.txt',
  },
  {
    name: 'NMA IPAMDNotRunning / IPAMDInconsistentState',
    skipped: 'not yet: needs ipamd/pods.json joined with the containerd task list',
  },
  {
    name: 'NMA MACAddressPolicyMisconfigured',
    skipped: 'not yet: Ubuntu only, reads systemd-network link files',
  },
  { name: 'NMA UnexpectedRejectRule', rules: ['iptables.unexpected-reject'] },
  { name: 'NMA PortConflict', rules: ['iptables.kubelet-port-redirect'] },
  {
    name: 'NMA PPSExceeded / BandwidthIn/OutExceeded / ConntrackExceeded / LinkLocalExceeded',
    rules: ['networking.ena-allowance-exceeded'],
  },
  { name: 'NMA EFAErrorMetric', skipped: 'EFA counters are not collected' },
  {
    name: 'NMA NPARepeatedlyRestart / NPANotRunning',
    skipped: 'systemd NRestarts over time, Auto Mode only',
  },
  { name: 'NMA EBS IOPS/ThroughputExceeded', skipped: 'NVMe EBS statistics are not collected' },
  { name: 'NMA IODelays', skipped: 'a delta between two polls of /proc/<pid>/stat; a bundle holds one' },
  { name: 'NMA XFSSmallAverageClusterSize', rules: ['storage.xfs-free-space-fragmented'] },
  { name: 'NMA NvidiaXID{n}Error / Warning', rules: ['kernel.nvidia-xid-fatal', 'kernel.nvidia-xid'] },
  { name: 'NMA NVIDIA DCGM health, fields and diagnostics', skipped: 'DCGM results are not collected' },
  { name: 'NPD ConntrackFull', rules: ['networking.conntrack-near-max'] },
  { name: 'NPD DNSUnreachable', rules: ['dns.check-failed', 'dns.no-nameserver'] },
  {
    name: 'NPD NTPIsDown / NTPProblem',
    rules: ['time-sync.unsynchronised', 'time-sync.no-selectable-sources'],
  },
  { name: 'NPD IPTablesVersionsMismatch', skipped: 'not yet: the bundle holds one iptables-save' },
  {
    name: 'NPD KubeletUnhealthy / ContainerRuntimeUnhealthy',
    rules: ['kubelet.service-failed', 'container-runtime.containerd-failed', 'system.critical-unit-failed'],
  },
];

const ids = new Set(allRules().map((rule) => rule.id));
const covered = LOG_PATTERNS.filter((row): row is Covered => 'cases' in row);

describe('the reference detection patterns (§4.3.1)', () => {
  it('are all listed, once each, covered or skipped with a reason', () => {
    expect(LOG_PATTERNS.map((row) => row.row)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const row of LOG_PATTERNS) if ('skipped' in row) expect(row.skipped.length).toBeGreaterThan(20);
  });

  describe.each(covered.map((row) => [`${row.row} ${row.name}`, row] as const))('%s', (_name, row) => {
    it.each(row.cases.map((c) => [c.rule, c] as const))(
      'fires %s on what the reference pattern matches',
      (_rule, c) => {
        expect(row.pattern.test(c.line), 'the reference pattern matches the line').toBe(true);
        expect(rulesFiring(c.line).map((rule) => rule.id)).toEqual([c.rule]);
      },
    );

    it.each(row.cases.map((c) => [c.rule, c] as const))('%s has the reference severity', (_rule, c) => {
      const rule = allRules().find((r) => r.id === c.rule);
      const severities = [rule?.severity, rule?.kind === 'log' ? rule.escalate?.severity : undefined];
      expect(severities).toContain(c.severity);
    });
  });
});

describe('the reference state checks (§4.3.2)', () => {
  it.each(STATE_CHECKS.map((row) => [row.name, row] as const))('%s: a rule, or a reason', (_name, row) => {
    expect(row.rules !== undefined || (row.skipped?.length ?? 0) > 20).toBe(true);
    for (const id of row.rules ?? []) expect(ids.has(id), id).toBe(true);
  });
});
