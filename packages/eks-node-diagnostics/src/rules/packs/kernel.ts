import { KERNEL_LOGS } from '../file-groups';
import type { LogRule } from '../types';

const D = '[1234567.123456]';
const M = 'Nov 02 10:11:12 ip-10-0-1-23 kernel:';

/** Kernel: OOM kills, hung tasks, soft lockups, NIC resets, conntrack, file systems, hardware. */
export const KERNEL_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'kernel.oom-kill',
    pack: 'kernel',
    category: 'resource-pressure',
    severity: 'medium',
    title: 'OOM killer ended {subject}',
    description:
      'The kernel ran out of memory (for the node or a container cgroup) and killed a process: containers restart with OOMKilled, in-flight requests fail.',
    remediation:
      'Raise the memory limit of the victim workload or fix its leak; set requests equal to limits for critical pods; reserve memory for the system (kubeReserved/systemReserved).',
    source: 'NPD OOMKilling (kernel-monitor.json, temporary → medium; 5 or more → high)',
    fisHint: 'memory exhaustion, out of memory, OOM killed, memory stress',
    files: KERNEL_LOGS,
    contains: ['Killed process'],
    pattern: /Killed process \d+ \(([^)]{1,64})\) total-vm:\d+kB/,
    subjectGroup: 1,
    escalate: { minOccurrences: 5, severity: 'high' },
    examples: {
      match: [
        `${D} Memory cgroup out of memory: Killed process 4412 (java) total-vm:8123456kB, anon-rss:2097152kB, file-rss:10240kB, shmem-rss:0kB, UID:1000 pgtables:4567kB oom_score_adj:936`,
        `${M} Out of memory: Killed process 998 (python3) total-vm:1234kB, anon-rss:1000kB, file-rss:0kB`,
      ],
      noMatch: [
        `${D} java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=936`,
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 kuberuntime_manager.go:1013] "oom_score_adj set" pid=4412 value=-997',
      ],
    },
  },
  {
    kind: 'log',
    id: 'kernel.hung-task',
    pack: 'kernel',
    category: 'kernel',
    severity: 'medium',
    title: 'Task {subject} blocked for more than 120 seconds',
    description:
      'A task sat in uninterruptible sleep for minutes, usually waiting on storage or a network file system: the container it belongs to hangs and cannot be stopped.',
    remediation:
      'Look for I/O errors and EBS throughput throttling at the same time; check EFS/FSx mounts; a node with recurring hung tasks should be replaced.',
    source: 'NPD TaskHung / NMA AppBlocked',
    fisHint: 'I/O stall, disk latency',
    files: KERNEL_LOGS,
    contains: ['blocked for more than'],
    // the task name may hold colons (kworker/u8:2): the pid is the last `:digits` before " blocked"
    pattern: /task (\S{1,64}):\d{1,10} blocked for more than \d+ seconds/,
    subjectGroup: 1,
    examples: {
      match: [
        `${D} INFO: task containerd:2811 blocked for more than 122 seconds.`,
        `${D} INFO: task kworker/u8:2:12345 blocked for more than 122 seconds.`,
      ],
      noMatch: [
        `${D} INFO: task containerd:2811 is not blocked`,
        `${D} "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kernel.soft-lockup',
    pack: 'kernel',
    category: 'kernel',
    severity: 'medium',
    title: 'CPU soft lockup in {subject}',
    description:
      'A CPU was stuck in kernel mode for seconds without scheduling: latency spikes, and often a precursor of a kernel panic or a noisy-neighbour host problem.',
    remediation:
      'Upgrade the kernel/AMI; if it repeats on one host, stop and start the instance to move it; check for CPU steal.',
    source: 'NMA SoftLockup',
    fisHint: 'CPU stall, CPU stress',
    files: KERNEL_LOGS,
    contains: ['soft lockup'],
    pattern: /watchdog: BUG: soft lockup - CPU#\d+ stuck for \d+s! \[([^\]]{1,64})\]/,
    subjectGroup: 1,
    examples: {
      match: [`${D} watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:1:123]`],
      noMatch: [`${D} NMI watchdog: Enabled. Permanently consumes one hw-PMU counter.`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.nic-reset',
    pack: 'kernel',
    category: 'networking',
    severity: 'high',
    title: 'Network interface reset repeatedly',
    description:
      'The ENA driver or the network stack reset the interface 3 or more times within an hour (keep-alive timeouts, TX hangs): every reset drops packets and connections.',
    remediation:
      'Upgrade the ENA driver/AMI, check ethtool allowance counters (networking/ethtool.txt) for PPS or bandwidth limits, and move to a larger instance if limits are hit.',
    source: 'ENA driver messages; NPD frequency rules (device resets repeated within a window)',
    fisHint: 'network packet loss, network interface failure',
    files: KERNEL_LOGS,
    contains: ['ena ', 'NETDEV WATCHDOG'],
    pattern:
      /(?:NETDEV WATCHDOG: (\S{1,32}) \([^)]{1,32}\): transmit queue \d+ timed out|ena [0-9a-f:.]{1,32}(?: \S{1,16})?: (?:Keep alive watchdog timeout|Trigger reset is on|TX hang detected))/,
    subjectGroup: 1,
    minOccurrences: 3,
    windowMinutes: 60,
    examples: {
      match: [
        `${D} ena 0000:00:05.0 eth0: Keep alive watchdog timeout.`,
        `${D} NETDEV WATCHDOG: eth0 (ena): transmit queue 2 timed out`,
        `${D} ena 0000:00:06.0 eth1: Trigger reset is on`,
      ],
      noMatch: [
        `${D} ena 0000:00:05.0: ENA device version: 0.10`,
        `${D} ena 0000:00:05.0 eth0: Elastic Network Adapter (ENA) found at mem febf4000, mac addr 0a:1b:2c:3d:4e:5f`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kernel.conntrack-table-full',
    pack: 'kernel',
    category: 'networking',
    severity: 'high',
    title: 'Conntrack table full: the kernel drops packets',
    description:
      'The netfilter connection tracking table is full, so new connections are dropped: intermittent timeouts for pods and services on this node.',
    remediation:
      'Raise net.netfilter.nf_conntrack_max (kube-proxy conntrack settings), shorten timeouts for idle connections, or spread connection-heavy pods; check conntrack_allowance_exceeded in ethtool.',
    source: 'NMA ConntrackExceededKernel ("(ip|nf)_conntrack: table full, dropping packet")',
    fisHint: 'network packet loss, connection drops, network latency',
    files: KERNEL_LOGS,
    contains: ['table full'],
    pattern: /(?:ip|nf)_conntrack: table full, dropping packet/,
    examples: {
      match: [
        `${D} nf_conntrack: nf_conntrack: table full, dropping packet`,
        `${M} nf_conntrack: table full, dropping packet`,
      ],
      noMatch: [
        `${D} nf_conntrack: default automatic helper assignment has been turned off for security reasons`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kernel.unregister-netdevice',
    pack: 'kernel',
    category: 'networking',
    severity: 'high',
    title: 'Network device stuck unregistering',
    description:
      'The kernel waits for a network device to be freed 3 or more times within 20 minutes (leaked references): pod networking teardown hangs and new pods stall.',
    remediation: 'Upgrade the kernel; drain and reboot the node.',
    source: 'NPD FrequentUnregisterNetDevice (3 in 20m)',
    files: KERNEL_LOGS,
    contains: ['unregister_netdevice'],
    pattern: /unregister_netdevice: waiting for (\S{1,32}) to become free\. Usage count = \d+/,
    subjectGroup: 1,
    minOccurrences: 3,
    windowMinutes: 20,
    examples: {
      match: [`${D} unregister_netdevice: waiting for eth0 to become free. Usage count = 1`],
      noMatch: [`${D} IPv6: ADDRCONF(NETDEV_CHANGE): eni4f2c: link becomes ready`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.oops',
    pack: 'kernel',
    category: 'kernel',
    severity: 'high',
    title: 'Kernel oops',
    description:
      'The kernel hit a bug (NULL dereference, divide error); the node may be unstable or about to panic.',
    remediation: 'Upgrade the AMI/kernel; cordon, drain and replace the node.',
    source: 'NPD KernelOops',
    files: KERNEL_LOGS,
    contains: ['BUG: unable to handle', 'divide error'],
    pattern:
      /(?:BUG: unable to handle (?:kernel NULL pointer dereference|page fault|kernel paging request)|divide error: 0000 \[#\d+\] SMP)/,
    examples: {
      match: [`${D} BUG: unable to handle kernel NULL pointer dereference at 0000000000000010`],
      noMatch: [`${D} BUG: soft lockup avoided`, `${D} Spectre V2 : Mitigation: Retpolines`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.ext4-error',
    pack: 'kernel',
    category: 'storage',
    severity: 'high',
    title: 'ext4 file system errors on {subject}',
    description:
      'The ext4 driver found on-disk corruption or I/O failures; data on that volume is at risk and it may be remounted read-only.',
    remediation:
      'Check the EBS volume status; snapshot it, replace the node and run fsck on the volume offline.',
    source: 'NPD Ext4Error',
    files: KERNEL_LOGS,
    contains: ['EXT4-fs error'],
    pattern: /EXT4-fs error \(device ([^)]{1,32})\)/,
    subjectGroup: 1,
    examples: {
      match: [
        `${D} EXT4-fs error (device nvme1n1): ext4_find_entry:1455: inode #2: comm kubelet: reading directory lblock 0`,
      ],
      noMatch: [`${D} EXT4-fs (nvme1n1): mounted filesystem with ordered data mode. Opts: (null)`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.ext4-warning',
    pack: 'kernel',
    category: 'storage',
    severity: 'low',
    title: 'ext4 file system warnings on {subject}',
    description:
      'The ext4 driver warned about a volume (a full directory index, a failed write-back, an inconsistency it worked around): not yet an error, but often the first sign of a filling or failing volume.',
    remediation:
      'Read the warning text: "index full" means a directory with too many entries (clean it up or enable large_dir); I/O or inconsistency warnings mean checking the EBS volume and watching for ext4 errors.',
    source: 'NPD Ext4Warning (kernel-monitor.json, temporary → low)',
    fisHint: 'disk I/O errors, storage degradation',
    files: KERNEL_LOGS,
    contains: ['EXT4-fs warning'],
    pattern: /EXT4-fs warning \(device ([^)]{1,32})\)/,
    subjectGroup: 1,
    examples: {
      match: [
        `${D} EXT4-fs warning (device nvme1n1): ext4_dx_add_entry:2354: Directory (ino: 1310721) index full, reach max htree level :2`,
        `${M} EXT4-fs warning (device nvme0n1p1): ext4_end_bio:343: I/O error 10 writing to inode 524301 starting block 2113536)`,
      ],
      noMatch: [`${D} EXT4-fs (nvme1n1): re-mounted. Opts: errors=remount-ro`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.readonly-remount',
    pack: 'kernel',
    category: 'storage',
    severity: 'critical',
    title: 'File system remounted read-only',
    description:
      'The kernel remounted a file system read-only after errors: the kubelet and containerd can no longer write, so the node cannot run pods.',
    remediation:
      'Cordon and drain the node now, replace it, and inspect the EBS volume; look for the I/O or ext4 errors just before.',
    source: 'NPD FilesystemIsReadOnly (permanent → high; overridden to critical: the node cannot run pods)',
    fisHint: 'disk failure, storage I/O errors',
    files: KERNEL_LOGS,
    contains: ['read-only'],
    pattern: /Remounting filesystem read-only/,
    examples: {
      match: [`${D} EXT4-fs (nvme0n1p1): Remounting filesystem read-only`],
      noMatch: [
        `${D} EXT4-fs (nvme0n1p1): re-mounted. Opts: (null)`,
        `${D} squashfs: mounting read-only filesystem`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kernel.xfs-shutdown',
    pack: 'kernel',
    category: 'storage',
    severity: 'critical',
    title: 'XFS file system shut down on {subject}',
    description:
      'XFS shut the file system down after corruption or a log I/O error: everything on it (container images, pod data) is unavailable.',
    remediation: 'Cordon and drain the node, replace it; inspect the volume with xfs_repair offline.',
    source: 'NPD XfsHasShutdown (permanent; overridden to critical)',
    fisHint: 'disk failure, storage I/O errors',
    files: KERNEL_LOGS,
    contains: ['Shutting down filesystem'],
    pattern: /XFS \(([^)]{1,32})\):[^\n]{0,200}Shutting down filesystem/,
    subjectGroup: 1,
    examples: {
      match: [`${D} XFS (nvme0n1p1): Corruption of in-memory data detected.  Shutting down filesystem`],
      noMatch: [`${D} XFS (nvme0n1p1): Ending clean mount`, `${D} XFS (nvme0n1p1): Unmounting Filesystem`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.block-io-error',
    pack: 'kernel',
    category: 'storage',
    severity: 'high',
    title: 'Block device I/O errors on {subject}',
    description:
      'Reads or writes to a block device failed: data loss, file system errors and hung tasks follow.',
    remediation:
      'Check the EBS volume status checks and CloudWatch VolumeStalledIOCheck; replace the node and the volume.',
    source: 'NMA BlockDeviceIOError / NPD IOError',
    fisHint: 'disk I/O errors, EBS volume failure, I/O pause',
    files: KERNEL_LOGS,
    contains: ['I/O error'],
    pattern:
      /(?:(?:end_request|blk_update_request): I\/O error, dev ([a-z0-9-]{1,32}), sector \d+|Buffer I\/O error on dev(?:ice)? ([a-z0-9-]{1,32}), logical block \d+)/,
    subjectGroup: 1,
    examples: {
      match: [
        `${D} blk_update_request: I/O error, dev nvme1n1, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0`,
        `${D} Buffer I/O error on dev nvme1n1, logical block 256, lost async page write`,
      ],
      noMatch: [`${D} nvme nvme1: 2/0/0 default/read/poll queues`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.hardware-error-fatal',
    pack: 'kernel',
    category: 'hardware',
    severity: 'critical',
    title: 'Fatal hardware error reported',
    description: 'The platform reported a fatal hardware error (CPER): the host is failing.',
    remediation:
      'Stop and start the instance to move it to another host, or replace the node; check for an EC2 scheduled event.',
    source: 'NPD CperHardwareErrorFatal',
    fisHint: 'instance failure, hardware failure',
    files: KERNEL_LOGS,
    contains: ['Hardware Error'],
    pattern: /\[Hardware Error\]: event severity: fatal\s*$/,
    examples: {
      match: [`${D} {1}[Hardware Error]: event severity: fatal`],
      noMatch: [`${D} {1}[Hardware Error]: event severity: corrected`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.nvidia-xid',
    pack: 'kernel',
    category: 'accelerator',
    severity: 'medium',
    title: 'NVIDIA GPU error (Xid {subject})',
    description:
      'The NVIDIA driver reported an Xid error: a GPU fault that may fail the job on it (some Xids, e.g. 48, 79, 94, 95, need a reset or node replacement).',
    remediation:
      'Look up the Xid in the NVIDIA Xid catalog; for fatal Xids drain the node and reset the GPU or replace the instance.',
    source: 'NMA NvidiaXID{n}Error (Warning; fatal Xids are Fatal)',
    files: [...KERNEL_LOGS, 'gpu/nvidia-bug-report.log'],
    contains: ['Xid'],
    pattern: /NVRM: Xid \(PCI:[0-9a-fA-F:.]{1,32}\): (\d{1,3}),/,
    subjectGroup: 1,
    examples: {
      match: [`${D} NVRM: Xid (PCI:0000:10:1c): 79, pid=2811, name=python, GPU has fallen off the bus.`],
      noMatch: [`${D} NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.104.05`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.neuron-hardware-error',
    pack: 'kernel',
    category: 'accelerator',
    severity: 'critical',
    title: 'AWS Neuron uncorrectable hardware error ({subject})',
    description:
      'A Neuron device reported an uncorrectable SRAM, core, HBM or DMA error: jobs on it fail until the instance is replaced.',
    remediation: 'Drain the node and replace the instance.',
    source: 'NMA NeuronSRAM/NC/HBMUncorrectableError, NeuronDMAError (Fatal → critical)',
    files: KERNEL_LOGS,
    contains: ['NEURON_HW_ERR='],
    pattern:
      /NEURON_HW_ERR=(SRAM_UNCORRECTABLE_ERROR|NC_UNCORRECTABLE_ERROR|HBM_UNCORRECTABLE_ERROR|DMA_ERROR)\b/,
    subjectGroup: 1,
    examples: {
      match: [`${D} neuron:npe_hw_err: NEURON_HW_ERR=HBM_UNCORRECTABLE_ERROR instance-id=i-0abc nd=0`],
      noMatch: [`${D} neuron: loading driver version 2.19.64.0`],
    },
  },
];
