import { KERNEL_LOGS } from '../file-groups';
import type { LogRule } from '../types';

const D = '[1234567.123456]';
const M = 'Nov 02 10:11:12 ip-10-0-1-23 kernel:';

/** Xids the EKS node monitoring agent reports as Fatal (NvidiaXID{n}Error); the others are warnings. */
export const FATAL_XIDS = [
  46, 48, 54, 62, 63, 64, 74, 79, 95, 109, 110, 119, 120, 136, 140, 142, 143, 151, 155, 156, 158,
] as const;

/** `NVRM: Xid (PCI:0000:10:1c): ` (older drivers leave out `PCI:`). */
const XID_PREFIX = String.raw`NVRM: Xid \((?:PCI:)?[0-9a-fA-F:.]{1,32}\): `;

/** Kernel: OOM kills, hung tasks, soft lockups, kernel BUGs, crashes, NIC resets, conntrack, file systems, hardware, GPUs. */
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
    severity: 'medium',
    title: 'Network device stuck unregistering',
    description:
      'The kernel waits for a network device to be freed (leaked references): pod network teardown hangs while it waits; 3 or more waits within 20 minutes (high) stall new pods on the node.',
    remediation:
      'Upgrade the kernel; drain and reboot the node if the waits repeat or pods stay in Terminating.',
    source:
      'NPD UnregisterNetDevice (temporary → medium); FrequentUnregisterNetDevice (3 in 20m, permanent → high)',
    files: KERNEL_LOGS,
    contains: ['unregister_netdevice'],
    pattern: /unregister_netdevice: waiting for (\S{1,32}) to become free\. Usage count = \d+/,
    subjectGroup: 1,
    escalate: { minOccurrences: 3, windowMinutes: 20, severity: 'high' },
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
    contains: ['BUG: unable to handle', 'BUG: kernel NULL pointer', 'divide error'],
    // "BUG: kernel NULL pointer dereference, address: …" is how kernels since 4.19 word NPD's
    // "BUG: unable to handle kernel NULL pointer dereference at …"
    pattern:
      /(?:BUG: unable to handle (?:kernel NULL pointer dereference|page fault|kernel paging request)|BUG: kernel NULL pointer dereference, address|divide error: 0000 \[#\d+\] SMP)/,
    examples: {
      match: [
        `${D} BUG: unable to handle kernel NULL pointer dereference at 0000000000000010`,
        `${D} BUG: kernel NULL pointer dereference, address: 0000000000000010`,
      ],
      noMatch: [`${D} BUG: soft lockup avoided`, `${D} Spectre V2 : Mitigation: Retpolines`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.bug',
    pack: 'kernel',
    category: 'kernel',
    severity: 'medium',
    title: 'Kernel BUG: {subject}',
    description:
      'The kernel detected a bug in itself (scheduling while atomic, a bad page state, a workqueue lockup, a BUG_ON): the node may be unstable, and 3 or more (high) point at a kernel or hardware fault.',
    remediation:
      'Read the lines after the BUG for the call trace; upgrade the AMI/kernel; if it repeats, cordon, drain and replace the node.',
    source:
      'NMA KernelBug ("\\[.*?] BUG: (.*)", Warning; the reference gives medium–high: medium, 3 or more → high); soft lockups and oopses have their own rules',
    fisHint: 'kernel failure, instance instability',
    files: KERNEL_LOGS,
    contains: ['BUG: ', 'kernel BUG at'],
    // soft lockups (kernel.soft-lockup) and NULL dereferences or page faults (kernel.oops) are
    // BUG lines too: they are reported once, by their own rules
    pattern:
      /(?:\]|kernel:) (?:BUG: (?!soft lockup|unable to handle|kernel NULL pointer dereference)([^,:\n]{1,64})|kernel BUG at ([^\s!]{1,128})!)/,
    subjectGroup: 1,
    escalate: { minOccurrences: 3, severity: 'high' },
    examples: {
      match: [
        `${D} BUG: scheduling while atomic: kworker/1:2/1234/0x00000002`,
        `${M} BUG: Bad page state in process java  pfn:1f2e3`,
        '[Mon Nov  2 10:11:12 2026] BUG: workqueue lockup - pool cpus=1 node=0 flags=0x0 nice=0 stuck for 31s!',
        `${D} kernel BUG at mm/slub.c:4567!`,
      ],
      noMatch: [
        `${D} ACPI BIOS Error (bug): Could not resolve symbol [\\_SB.PCI0.LPCB.HPET], AE_NOT_FOUND (20200925/psargs-330)`,
        'Nov 02 10:11:12 ip-10-0-1-23 app[4412]: BUG: retry budget exhausted for order 1234',
      ],
    },
  },
  {
    kind: 'log',
    id: 'kernel.app-crash',
    pack: 'kernel',
    category: 'kernel',
    severity: 'low',
    title: 'Process {subject} crashed (segfault or trap)',
    description:
      'A process on the node died on a segmentation fault or a CPU trap: usually an application bug in one container; 5 or more crashes (medium) on one node can also mean bad memory or a broken library on the AMI.',
    remediation:
      'Find the container of the process (crictl ps, the pod restarts at that time) and fix or roll back its image; if unrelated processes crash, check the hardware-error findings and replace the node.',
    source:
      'NMA AppCrash ("traps:", "segfault at", Warning; the reference gives low–medium: low, 5 or more → medium); NCCL segfaults are kernel.nccl-segfault',
    files: KERNEL_LOGS,
    contains: ['segfault at', 'traps:'],
    pattern:
      /(?:traps:\s{0,4}([^\s[\]]{1,64})\[\d{1,10}\] |\s([^\s[\]]{1,64})\[\d{1,10}\]: segfault at (?![^\n]{1,200}? in libnccl\.so))/,
    subjectGroup: 1,
    escalate: { minOccurrences: 5, severity: 'medium' },
    examples: {
      match: [
        `${D} python3[4412]: segfault at 0 ip 00007f3a2b1c0d4e sp 00007ffd5e6f7a80 error 4 in libc.so.6[7f3a2b000000+195000] likely on CPU 3 (core 1, socket 0)`,
        `${D} traps: node[3412] general protection fault ip:55d1f2e3a4b5 sp:7ffd1f2e3a40 error:0 in node[55d1f2e00000+2a3b000]`,
        `${M} java[8123]: segfault at 7f2b3c4d5e6f ip 00007f2b1a2b3c4d sp 00007f2a0b1c2d30 error 6 in libjvm.so[7f2b19e00000+1000000]`,
      ],
      noMatch: [
        `${D} show_signal_msg: 12 callbacks suppressed`,
        'Nov 02 10:11:12 ip-10-0-1-23 systemd-coredump[5512]: Process 4412 (python3) of user 1000 dumped core.',
      ],
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
      noMatch: [`${D} {1}[Hardware Error]: It has been corrected by h/w and requires no further action`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.hardware-error-recoverable',
    pack: 'kernel',
    category: 'hardware',
    severity: 'medium',
    title: 'Recoverable hardware error reported',
    description:
      'The platform reported an uncorrected but recoverable hardware error (CPER): the kernel contained it (a page retired, a process killed), but the host is degrading.',
    remediation:
      'Look for the process or page the kernel isolated in the lines around it; plan to stop and start the instance onto another host; check for an EC2 scheduled event.',
    source: 'NPD CperHardwareErrorRecoverable (temporary → medium)',
    fisHint: 'hardware failure',
    files: KERNEL_LOGS,
    contains: ['Hardware Error'],
    pattern: /\[Hardware Error\]: event severity: recoverable\s*$/,
    examples: {
      match: [`${D} {1}[Hardware Error]: event severity: recoverable`],
      noMatch: [`${D} {1}[Hardware Error]:  section_type: memory error`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.hardware-error-corrected',
    pack: 'kernel',
    category: 'hardware',
    severity: 'low',
    title: 'Corrected hardware errors reported',
    description:
      'The platform or the CPU corrected a hardware error (CPER "corrected", a logged machine check): no harm yet, but corrected errors that keep coming precede uncorrectable ones.',
    remediation:
      'Watch whether they repeat; if they do, stop and start the instance to move it to another host.',
    source:
      'NPD CperHardwareErrorCorrected (temporary → low); x86 mce "Machine check events logged" (inferred: corrected machine checks)',
    files: KERNEL_LOGS,
    contains: ['Hardware Error'],
    pattern: /\[Hardware Error\]: (?:event severity: corrected\s*$|Machine check events logged)/,
    examples: {
      match: [
        `${D} {1}[Hardware Error]: event severity: corrected`,
        `${D} mce: [Hardware Error]: Machine check events logged`,
      ],
      noMatch: [`${D} {1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 1`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.memory-read-error',
    pack: 'kernel',
    category: 'hardware',
    severity: 'medium',
    title: 'Corrected memory read errors (EDAC)',
    description:
      'The memory controller (EDAC) corrected read errors on a DIMM: data is still intact, but a module producing correctable errors is failing.',
    remediation:
      'Stop and start the instance to move it to other hardware, or replace the node; check for an EC2 scheduled event.',
    source: 'NPD MemoryReadError ("CE memory read error", temporary → medium)',
    fisHint: 'hardware failure, memory errors',
    files: KERNEL_LOGS,
    contains: ['CE memory read error'],
    pattern: /\bCE memory read error(?: on (\S{1,64}))?/,
    subjectGroup: 1,
    examples: {
      match: [
        `${D} EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0 page:0x1f2e3 offset:0x0 grain:32 syndrome:0x0 - area:DRAM err_code:0001:0090 socket:0 ha:0 channel_mask:2 rank:0)`,
      ],
      noMatch: [`${D} EDAC MC: Ver: 3.0.0`, `${D} EDAC sbridge: Seeking for: PCI ID 8086:6fa0`],
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
      'The NVIDIA driver reported an Xid error that NMA does not count as fatal (an application fault, a contained ECC error, a recoverable MMU fault): the job on that GPU may fail, the GPU stays usable.',
    remediation:
      'Look up the Xid in the NVIDIA Xid catalog; application Xids (13, 31, 43) point at the workload; if one GPU repeats them, drain the node and reset the GPU.',
    source: 'NMA NvidiaXID{n}Warning (Warning → medium; the fatal Xids are kernel.nvidia-xid-fatal)',
    files: [...KERNEL_LOGS, 'gpu/nvidia-bug-report.log'],
    contains: ['Xid'],
    pattern: new RegExp(`${XID_PREFIX}(?!(?:${FATAL_XIDS.join('|')}),)(\\d{1,3}),`),
    subjectGroup: 1,
    examples: {
      match: [
        `${D} NVRM: Xid (PCI:0000:10:1c): 13, pid=2811, name=python, Graphics SM Warp Exception on (GPC 0, TPC 1, SM 0): Out Of Range Address`,
        `${D} NVRM: Xid (PCI:0000:00:1e): 31, pid=2811, name=python3, Ch 00000008, intr 00000000. MMU Fault: ENGINE GRAPHICS GPCCLIENT_T1_0 faulted @ 0x7f2b_3c4d0000. Fault is of type FAULT_PDE ACCESS_TYPE_VIRT_READ`,
      ],
      noMatch: [`${D} NVRM: loading NVIDIA UNIX x86_64 Kernel Module  535.104.05`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.nvidia-xid-fatal',
    pack: 'kernel',
    category: 'accelerator',
    severity: 'critical',
    title: 'NVIDIA GPU fatal error (Xid {subject})',
    description:
      'The NVIDIA driver reported an Xid that NMA counts as fatal (the GPU fell off the bus, an uncorrectable ECC error, a GSP timeout, …): jobs on that GPU fail until it is reset or the instance replaced.',
    remediation:
      'Drain the node; reset the GPU (nvidia-smi -r) or reboot, and replace the instance if the Xid returns; check gpu/nvidia-bug-report.log.',
    source: `NMA NvidiaXID{n}Error (Fatal for Xids ${FATAL_XIDS.join(', ')}; Fatal → critical)`,
    fisHint: 'hardware failure, accelerator failure',
    files: [...KERNEL_LOGS, 'gpu/nvidia-bug-report.log'],
    contains: ['Xid'],
    pattern: new RegExp(`${XID_PREFIX}(${FATAL_XIDS.join('|')}),`),
    subjectGroup: 1,
    examples: {
      match: [
        `${D} NVRM: Xid (PCI:0000:10:1c): 79, pid=2811, name=python, GPU has fallen off the bus.`,
        `${D} NVRM: Xid (PCI:0000:00:1e): 48, pid=2811, name=python3, An uncorrectable double bit error (DBE) has been detected on GPU in the framebuffer at partition 0, subpartition 0.`,
        `${M} NVRM: Xid (PCI:0000:00:1e): 119, pid=1582, name=nvidia-smi, Timeout after 6s of waiting for RPC response from GPU0 GSP! Expected function 76 (GSP_RM_CONTROL) (0x20800a4c 0x4).`,
      ],
      noMatch: [`${D} nvidia-nvlink: Nvlink Core is being initialized, major device number 235`],
    },
  },
  {
    kind: 'log',
    id: 'kernel.nccl-segfault',
    pack: 'kernel',
    category: 'accelerator',
    severity: 'medium',
    title: 'NCCL crashed in {subject} (segfault in libnccl)',
    description:
      'A process segfaulted inside libnccl, the NVIDIA collective communication library: the distributed training or inference job on this node failed its GPU/EFA communication.',
    remediation:
      'Check the NCCL, aws-ofi-nccl and driver versions the image uses against the AMI; look for EFA or NVLink errors at the same time; restart the job, and drain the node if it repeats there only.',
    source: 'NMA NvidiaNCCLError (".*segfault at.*in libnccl\\.so.*", Warning → medium)',
    fisHint: 'accelerator failure, process crash',
    files: KERNEL_LOGS,
    contains: ['libnccl.so'],
    pattern: /\s([^\s[\]]{1,64})\[\d{1,10}\]: segfault at [^\n]{1,200}? in libnccl\.so/,
    subjectGroup: 1,
    examples: {
      match: [
        '[Thu Oct 10 03:06:53 2024] pt_main_thread[2536443]: segfault at 7f797fe00000 ip 00007f7c7ac69996 sp 00007f7c12fd7c30 error 4 in libnccl.so.2[7f7c7ac00000+d3d3000]',
        `${D} python3[4412]: segfault at 18 ip 00007f3a2b1c0d4e sp 00007ffd5e6f7a80 error 4 in libnccl.so.2.18.3[7f3a2b000000+9e00000] likely on CPU 7 (core 3, socket 0)`,
      ],
      noMatch: [`${D} NVRM: GPU at PCI:0000:10:1c: GPU-6a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`],
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
