import { KUBELET_LOGS } from '../file-groups';
import type { LogRule } from '../types';

/** Storage log rules; disk and inode usage are state checks (state/disk-usage.ts). */
export const STORAGE_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'storage.kubelet-disk-usage-slow',
    pack: 'storage',
    category: 'storage',
    severity: 'low',
    title: 'Kubelet disk usage scans are slow',
    description:
      'The kubelet took long to measure disk and inode usage of pod directories: a sign of a slow or overloaded volume, or of pods with huge numbers of files.',
    remediation:
      'Check EBS throughput/IOPS limits of the root volume and pods writing many small files to emptyDir.',
    source: 'NMA KubeletDiskUsageSlow',
    files: KUBELET_LOGS,
    contains: ['disk usage and inodes count'],
    pattern: /fs: disk usage and inodes count on following dirs took/,
    minOccurrences: 3,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 fsHandler.go:133] fs: disk usage and inodes count on following dirs took 2.312s: [/var/lib/containerd/rootfs/abc]',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: I1102 10:11:12.1 3012 fs.go:133] Filesystem UUIDs: map[1f2e:/dev/nvme0n1p1]',
      ],
    },
  },
  {
    kind: 'log',
    id: 'storage.disk-bad-blocks',
    pack: 'storage',
    category: 'hardware',
    severity: 'high',
    title: 'Disk reports {subject} bad sectors',
    description:
      'SMART reports 100 or more unreadable or uncorrectable sectors on a local disk (instance store): the disk is failing.',
    remediation: 'Move data off the instance store volume and replace the node.',
    source: 'NPD DiskBadBlock (≥ 100 sectors)',
    files: ['var_log/messages', 'var_log/syslog'],
    contains: ['sectors'],
    pattern: /\b([1-9]\d{2,}) (?:Currently unreadable|Offline uncorrectable) (?:\(pending\) )?sectors/,
    subjectGroup: 1,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23 smartd[771]: Device: /dev/nvme2n1, 128 Currently unreadable (pending) sectors',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 smartd[771]: Device: /dev/nvme2n1, 8 Currently unreadable (pending) sectors',
      ],
    },
  },
  {
    kind: 'log',
    id: 'storage.xfs-free-space-fragmented',
    pack: 'storage',
    category: 'storage',
    severity: 'medium',
    title: 'XFS free space is fragmented (average free extent {subject} blocks)',
    description:
      'xfs_db reports an average free extent under 16 blocks on an XFS file system: free space is scattered in small pieces, so creating files (inodes need contiguous chunks) can fail with "no space left on device" while df still shows free space.',
    remediation:
      'Free space on the volume (images, logs, emptyDir data), or grow it; a node whose root volume keeps fragmenting is best replaced with a larger or fresh volume.',
    source:
      'NMA XFSSmallAverageClusterSize (xfs_db freesp -s "average free extent size" < 16; Warning → medium)',
    fisHint: 'disk full, storage exhaustion',
    files: ['storage/xfs.txt'],
    contains: ['average free extent size'],
    // under 16: one digit, or 10 to 15, with an optional fraction
    pattern: /^\s*average free extent size ((?:\d|1[0-5])(?:\.\d+)?)\s*$/,
    subjectGroup: 1,
    examples: {
      match: ['average free extent size 3.66129', 'average free extent size 15'],
      noMatch: ['average free extent size 3558.2', 'average free extent size 16.0'],
    },
  },
];
