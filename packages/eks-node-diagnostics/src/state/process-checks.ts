import type { StateCheck, StateIssue } from '../rules/types';
import { formatCount, formatPercent } from './percent';
import { lineOf, parseSysctls, sysctlNumber } from './sysctl';

const SYSCTL = 'sysctls/sysctl_all.txt';
const PS = 'system/ps.txt';
const PS_THREADS = 'system/ps-threads.txt';

function dataLines(text: string | undefined): string[] {
  if (!text) return [];
  return text.split('\n').filter((line, index) => index > 0 && line.trim() !== '');
}

/** Process, thread, file handle and zombie checks on the collected process table and sysctls. */
export const PROCESS_CHECKS: readonly StateCheck[] = [
  {
    kind: 'state',
    id: 'system.pid-pressure',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'medium',
    title: 'PIDs in use are near the limit',
    description:
      'Processes and threads use 70% or more of the PID limit (the lower of kernel.pid_max and kernel.threads-max; NMA uses the higher, we use the limit that fails first): soon fork fails and the kubelet cannot start containers.',
    remediation:
      'Find the process with most threads (system/ps-threads.txt); set podPidsLimit; raise kernel.pid_max if the node is legitimately dense.',
    source: 'NMA ApproachingKernelPidMax (≥ 70%)',
    fisHint: 'PID exhaustion, resource exhaustion',
    files: [SYSCTL, PS, PS_THREADS],
    thresholds: { ratio: 0.7 },
    evaluate(files) {
      const sysctl = files.get(SYSCTL);
      if (!sysctl) return [];
      const values = parseSysctls(sysctl);
      const limits = [
        sysctlNumber(values, 'kernel.pid_max'),
        sysctlNumber(values, 'kernel.threads-max'),
      ].filter((n) => Number.isFinite(n) && n > 0);
      if (limits.length === 0) return [];
      const limit = Math.min(...limits);
      const processes = dataLines(files.get(PS)).length;
      const threads = dataLines(files.get(PS_THREADS)).length;
      const used = Math.max(processes, threads);
      if (used === 0 || used < limit * 0.7) return [];
      const key = limit === sysctlNumber(values, 'kernel.pid_max') ? 'kernel.pid_max' : 'kernel.threads-max';
      return [
        {
          detail: `${formatCount(used)} of ${formatCount(limit)} PIDs in use (${formatPercent(used / limit)}; ${formatCount(processes)} processes, ${formatCount(threads)} threads).`,
          evidence: [
            { file: SYSCTL, line: lineOf(sysctl, `${key} =`), excerpt: `${key} = ${values.get(key)}` },
            { file: threads >= processes ? PS_THREADS : PS, excerpt: `${formatCount(used)} entries` },
          ],
        },
      ];
    },
  },
  {
    kind: 'state',
    id: 'system.file-handles-pressure',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'medium',
    title: 'Open file handles are near the limit',
    description:
      'Allocated file handles (fs.file-nr) are 70% or more of the maximum: soon opening files and sockets fails with EMFILE/ENFILE.',
    remediation:
      'Find the process holding the handles (lsof counts per PID); raise fs.file-max if the load is legitimate.',
    source: 'NMA ApproachingMaxOpenFiles (≥ 70%)',
    fisHint: 'file descriptor exhaustion, resource exhaustion',
    files: [SYSCTL],
    thresholds: { ratio: 0.7 },
    evaluate(files) {
      const sysctl = files.get(SYSCTL);
      if (!sysctl) return [];
      const values = parseSysctls(sysctl);
      const allocated = sysctlNumber(values, 'fs.file-nr', 0);
      const max = sysctlNumber(values, 'fs.file-nr', 2);
      if (!(allocated > 0 && max > 0) || allocated < max * 0.7) return [];
      return [
        {
          detail: `${formatCount(allocated)} of ${formatCount(max)} file handles allocated (${formatPercent(allocated / max)}).`,
          evidence: [
            {
              file: SYSCTL,
              line: lineOf(sysctl, 'fs.file-nr ='),
              excerpt: `fs.file-nr = ${values.get('fs.file-nr')}`,
            },
          ],
        },
      ];
    },
  },
  {
    kind: 'state',
    id: 'system.zombie-processes',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'medium',
    title: 'Many zombie processes',
    description:
      '20 or more processes are zombies (<defunct>): a parent does not reap its children, and each zombie holds a PID.',
    remediation:
      'Find the parent in the process tree (system/ps.txt is a forest); fix or restart it; use an init (tini, shareProcessNamespace) in containers that spawn children.',
    source: 'NMA ExcessiveZombieProcesses (≥ 20)',
    fisHint: 'PID exhaustion, process leak',
    files: [PS],
    thresholds: { count: 20 },
    evaluate(files) {
      const ps = files.get(PS);
      if (!ps) return [];
      const lines = ps.split('\n');
      const zombies: StateIssue['evidence'] = [];
      let count = 0;
      lines.forEach((line, index) => {
        if (index === 0) return;
        const fields = line.trim().split(/\s+/);
        if (line.includes('<defunct>') || (fields[7] ?? '').startsWith('Z')) {
          count += 1;
          if (zombies.length < 3) zombies.push({ file: PS, line: index + 1, excerpt: line });
        }
      });
      if (count < 20) return [];
      return [{ detail: `${formatCount(count)} zombie processes in the process table.`, evidence: zombies }];
    },
  },
];
