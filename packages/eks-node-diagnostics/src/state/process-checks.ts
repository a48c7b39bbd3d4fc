import type { StateCheck, StateIssue } from '../rules/types';
import { formatCount, formatPercent } from './percent';
import { lineOf, parseSysctls, sysctlNumber } from './sysctl';

const SYSCTL = 'sysctls/sysctl_all.txt';
const PS = 'system/ps.txt';
const PS_THREADS = 'system/ps-threads.txt';
const LARGE_ENV = 'system/large_environments.txt';

/** The command of each PID in `ps fauxwww` output (tree drawing stripped). */
function commandsByPid(ps: string | undefined): Map<string, string> {
  const commands = new Map<string, string>();
  for (const line of dataLines(ps)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 11 || !/^\d+$/.test(fields[1] ?? '')) continue;
    commands.set(
      fields[1] as string,
      fields
        .slice(10)
        .join(' ')
        .replace(/^[|\\_ ]+/, ''),
    );
  }
  return commands;
}

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
  {
    kind: 'state',
    id: 'system.large-environment',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'low',
    title: 'Processes with more than 1000 environment variables',
    description:
      'Some processes carry more than 1000 environment variables, usually service links (enableServiceLinks) in a namespace with many services: container start slows down and programs that copy their environment waste memory, and past the kernel limit exec fails.',
    remediation:
      'Set enableServiceLinks: false in the pod spec of those workloads (they find services through DNS), or split the namespace.',
    source:
      'NMA LargeEnvironment (> 1000 variables; Warning → low), from the collector’s system/large_environments.txt',
    files: [LARGE_ENV, PS],
    thresholds: { variables: 1000 },
    evaluate(files) {
      const text = files.get(LARGE_ENV);
      if (!text) return [];
      const commands = commandsByPid(files.get(PS));
      const rows = text.split('\n').flatMap((line, index) => {
        const match = /^(\d{1,10})\t(\d{1,10})\s*$/.exec(line);
        const count = Number(match?.[2]);
        return match && count > 1000 ? [{ pid: match[1] as string, count, line: index + 1, text: line }] : [];
      });
      if (rows.length === 0) return [];
      rows.sort((a, b) => b.count - a.count);
      const named = rows.map((row) => {
        const command = commands.get(row.pid);
        return `PID ${row.pid}${command ? ` (${command.slice(0, 80)})` : ''}: ${formatCount(row.count)} variables`;
      });
      const top = rows[0] as (typeof rows)[number];
      const topCommand = commands.get(top.pid)?.split(' ')[0];
      return [
        {
          subject: topCommand ?? `PID ${top.pid}`,
          detail: `${rows.length} process${rows.length === 1 ? '' : 'es'} with more than 1000 environment variables: ${named.slice(0, 5).join('; ')}.`,
          evidence: rows.slice(0, 3).map((row) => ({ file: LARGE_ENV, line: row.line, excerpt: row.text })),
        },
      ];
    },
  },
];
