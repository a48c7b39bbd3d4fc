import type { StateCheck, StateIssue } from '../rules/types';

const MOUNTS = 'storage/mounts.txt';
const INODES = 'storage/inodes.txt';
const PSEUDO = /^(?:tmpfs|devtmpfs|overlay|shm|efivarfs|none|udev)$/;

interface DfRow {
  filesystem: string;
  percent: number;
  mount: string;
  line: number;
  text: string;
}

/** Rows of `df -h` or `df -i` output found anywhere in a file (the collector appends df to mounts.txt). */
export function parseDf(text: string, column: 'Use%' | 'IUse%'): DfRow[] {
  const rows: DfRow[] = [];
  let inTable = false;
  let percentIndex = -1;
  text.split('\n').forEach((line, index) => {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === 'Filesystem') {
      percentIndex = fields.indexOf(column);
      inTable = percentIndex > 0;
      return;
    }
    if (!inTable || fields.length < percentIndex + 2) return;
    const percent = Number.parseInt(fields[percentIndex] ?? '', 10);
    if (!Number.isFinite(percent)) return;
    rows.push({
      filesystem: fields[0] ?? '',
      percent,
      mount: fields.slice(percentIndex + 1).join(' '),
      line: index + 1,
      text: line,
    });
  });
  return rows;
}

function usageIssues(
  file: string,
  text: string | undefined,
  column: 'Use%' | 'IUse%',
  what: string,
): StateIssue[] {
  if (!text) return [];
  return parseDf(text, column)
    .filter((row) => !PSEUDO.test(row.filesystem) && row.percent >= 85)
    .map((row) => ({
      severity: row.percent >= 90 ? ('high' as const) : ('medium' as const),
      subject: row.mount,
      detail: `${row.mount} (${row.filesystem}) is ${row.percent}% ${what}; the kubelet evicts pods at 90% (nodefs.available<10%) by default.`,
      evidence: [{ file, line: row.line, excerpt: row.text }],
    }));
}

/** Disk space and inode usage from the collector's df output. */
export const DISK_CHECKS: readonly StateCheck[] = [
  {
    kind: 'state',
    id: 'storage.disk-usage-high',
    pack: 'storage',
    category: 'storage',
    severity: 'high',
    title: 'Disk {subject} is nearly full',
    description:
      'A node file system is 85% or more used (high at 90%, where the kubelet starts evicting pods and garbage-collecting images).',
    remediation:
      'Grow the volume, cap container logs (containerLogMaxSize), prune unused images, and find what fills it (storage/pod_local_storage.txt).',
    source: 'kubelet default eviction thresholds; NPD/NMA DiskPressure',
    fisHint: 'disk full, disk pressure, storage exhaustion',
    files: [MOUNTS],
    thresholds: { medium: 85, high: 90 },
    evaluate: (files) => usageIssues(MOUNTS, files.get(MOUNTS), 'Use%', 'used'),
  },
  {
    kind: 'state',
    id: 'storage.inode-usage-high',
    pack: 'storage',
    category: 'storage',
    severity: 'high',
    title: 'Inodes on {subject} are nearly exhausted',
    description:
      'A node file system has used 85% or more of its inodes (high at 90%): file creation fails with "no space left on device" while space remains.',
    remediation:
      'Find the directory with millions of small files (often container logs or a cache in emptyDir); clean it; use a file system with more inodes.',
    source: 'kubelet inodesFree eviction signal; NPD/NMA DiskPressure',
    fisHint: 'disk full, inode exhaustion',
    files: [INODES],
    thresholds: { medium: 85, high: 90 },
    evaluate: (files) => usageIssues(INODES, files.get(INODES), 'IUse%', 'of inodes used'),
  },
];
