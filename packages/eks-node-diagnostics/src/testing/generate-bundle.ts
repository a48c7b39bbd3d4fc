import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeTar } from '../bundle/tar-writer';
import { LOG_RULES } from '../rules/catalog';
import { type GeneratedNode, healthyStateFiles } from './healthy-state';
import { injectionsByName, type LogInjection } from './injections';
import {
  CONTAINERD_NOISE,
  COREDNS_NOISE,
  IPAMD_NOISE,
  journalTime,
  KUBE_PROXY_NOISE,
  KUBELET_NOISE,
  klogTime,
  MESSAGES_NOISE,
  seededRandom,
} from './noise';

/** Options of {@link generateBundle}. */
export interface GenerateBundleOptions {
  /** Folder to write into; the bundle folder (and archive) are created inside it. */
  outDir: string;
  /** Failure signatures to plant, by rule id (see {@link injectionNames}). */
  inject?: readonly string[];
  /** Approximate uncompressed size in MB (healthy log volume fills it). Default 1. */
  sizeMb?: number;
  /** Also write `eks_<instance>_<time>_0.7.8.tar.gz`. Default true. */
  archive?: boolean;
  /** Keep the folder after writing the archive. Default true. */
  keepFolder?: boolean;
  seed?: number;
  instanceId?: string;
  /** Collection time. Default 2026-11-02T10:30:00Z. */
  collectedAt?: string;
  /** Override versions and names (compare tests plant differences this way). */
  node?: Partial<GeneratedNode>;
  /** Changes to whole files after injections (compare tests). */
  editFiles?: (files: Map<string, string>) => void;
}

/** What {@link generateBundle} wrote. */
export interface GeneratedBundle {
  /** The bundle folder (as extracted). */
  folder: string;
  /** The .tar.gz, when written. */
  archive?: string;
  node: GeneratedNode;
  injected: string[];
  bytes: number;
}

/** Names accepted by `inject`: one per rule. */
export function injectionNames(): string[] {
  return [...injectionsByName().keys()];
}

const SHARES: Record<string, number> = {
  'var_log/messages': 0.34,
  'kubelet/kubelet.log': 0.34,
  'containerd/containerd-log.txt': 0.12,
  'var_log/aws-routed-eni/ipamd.log': 0.1,
  'var_log/kube-proxy.log': 0.04,
  'var_log/coredns-5d8f7b6c9d-x7k2p_kube-system_coredns-4b1f.log': 0.06,
};

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

function nearMisses(): Map<string, string[]> {
  // Every rule's own near misses go into the healthy noise of the files it reads.
  const byFile = new Map<string, string[]>();
  for (const rule of LOG_RULES) {
    const file = rule.files[0] as string;
    const list = byFile.get(file) ?? [];
    list.push(...rule.examples.noMatch);
    byFile.set(file, list);
  }
  return byFile;
}

type LineMaker = (ms: number, pick: () => number, n: number) => string;

function maker(path: string, node: GeneratedNode): LineMaker {
  const id = (pick: () => number) =>
    Math.floor(pick() * 0xffffff)
      .toString(16)
      .padStart(6, '0');
  const fill = (text: string, pick: () => number, ms: number) =>
    text
      .replaceAll('{id}', id(pick))
      .replaceAll('{n}', String(1 + Math.floor(pick() * 250)))
      .replaceAll('{host}', node.hostname)
      .replaceAll('{iso}', new Date(ms).toISOString())
      .replaceAll('{klog}', klogTime(ms));
  switch (path) {
    case 'kubelet/kubelet.log':
      return (ms, pick) => {
        const [level, file, message] = KUBELET_NOISE[Math.floor(pick() * KUBELET_NOISE.length)] as [
          string,
          string,
          string,
        ];
        return `${journalTime(ms)} ${node.hostname} kubelet[3012]: ${level}${klogTime(ms)}    3012 ${file}] ${fill(message, pick, ms)}`;
      };
    case 'var_log/messages':
      return (ms, pick) =>
        `${journalTime(ms)} ${node.hostname} ${fill(MESSAGES_NOISE[Math.floor(pick() * MESSAGES_NOISE.length)] as string, pick, ms)}`;
    case 'containerd/containerd-log.txt':
      return (ms, pick) =>
        `${journalTime(ms)} ${node.hostname} containerd[2811]: time="${new Date(ms).toISOString()}" ${fill(CONTAINERD_NOISE[Math.floor(pick() * CONTAINERD_NOISE.length)] as string, pick, ms)}`;
    case 'var_log/aws-routed-eni/ipamd.log':
      return (ms, pick) => {
        const [level, message] = IPAMD_NOISE[Math.floor(pick() * IPAMD_NOISE.length)] as [string, string];
        return JSON.stringify({
          level,
          ts: new Date(ms).toISOString(),
          caller: 'ipamd/ipamd.go:512',
          msg: fill(message, pick, ms),
        });
      };
    case 'var_log/kube-proxy.log':
      return (ms, pick) =>
        `${new Date(ms).toISOString()} ${fill(KUBE_PROXY_NOISE[Math.floor(pick() * KUBE_PROXY_NOISE.length)] as string, pick, ms)}`;
    default:
      return (ms, pick) =>
        `${new Date(ms).toISOString()} ${fill(COREDNS_NOISE[Math.floor(pick() * COREDNS_NOISE.length)] as string, pick, ms)}`;
  }
}

function bootLines(path: string, node: GeneratedNode, bootMs: number): string[] {
  const j = journalTime(bootMs + 30_000);
  if (path === 'kubelet/kubelet.log') {
    return [
      `${j} ${node.hostname} systemd[1]: Starting Kubernetes Kubelet...`,
      `${j} ${node.hostname} systemd[1]: Started Kubernetes Kubelet.`,
      `${j} ${node.hostname} kubelet[3012]: I${klogTime(bootMs + 31_000)}    3012 server.go:487] "Kubelet version" kubeletVersion="${node.kubeletVersion}"`,
      `${j} ${node.hostname} kubelet[3012]: I${klogTime(bootMs + 32_000)}    3012 kubelet_node_status.go:76] "Successfully registered node" node="${node.hostname}"`,
      // one transient failure at boot is not a finding
      `${j} ${node.hostname} kubelet[3012]: E${klogTime(bootMs + 33_000)}    3012 kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node: context deadline exceeded"`,
    ];
  }
  if (path === 'var_log/messages') {
    return [
      `${j} ${node.hostname} systemd[1]: Starting containerd container runtime...`,
      `${j} ${node.hostname} systemd[1]: Started containerd.service - containerd container runtime.`,
      `${j} ${node.hostname} kernel: ena 0000:00:05.0: ENA device version: 0.10`,
      `${j} ${node.hostname} kernel: nf_conntrack: default automatic helper assignment has been turned off for security reasons`,
    ];
  }
  if (path === 'var_log/aws-routed-eni/ipamd.log') {
    return [
      JSON.stringify({
        level: 'info',
        ts: new Date(bootMs + 40_000).toISOString(),
        caller: 'aws-k8s-agent/main.go:42',
        msg: `Starting L-IPAMD ${node.cni}  ...`,
      }),
    ];
  }
  return [];
}

async function writeLogFile(
  path: string,
  file: string,
  bytes: number,
  node: GeneratedNode,
  window: { start: number; end: number },
  pick: () => number,
  extra: { nearMisses: string[]; injected: LogInjection['lines'] },
): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const make = maker(path, node);
  let written = 0;
  const boot = bootLines(path, node, window.start);
  for (const line of [...boot, ...extra.nearMisses]) {
    await write(out, `${line}\n`);
    written += line.length + 1;
  }
  const estimateLines = Math.max(50, Math.floor(bytes / 190));
  const step = (window.end - window.start) / estimateLines;
  let ms = window.start + 60_000;
  let n = 0;
  let injectedAt = -1;
  const injectAt = Math.floor(estimateLines * 0.8);
  let chunk = '';
  while (written < bytes || n < 50 || injectedAt === -1) {
    if (n === injectAt || (injectedAt === -1 && written >= bytes && n >= 50)) {
      for (const line of extra.injected) chunk += `${line}\n`;
      injectedAt = n;
    }
    const line = make(ms, pick, n);
    chunk += `${line}\n`;
    written += line.length + 1;
    ms += step * (0.5 + pick());
    n += 1;
    if (chunk.length > 64 * 1024) {
      await write(out, chunk);
      chunk = '';
    }
  }
  await write(out, chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return written;
}

function dmesgFile(node: GeneratedNode, injected: readonly string[]): string {
  return [
    '[    0.000000] Linux version ' +
      node.kernel +
      ' (mockbuild@ip-10-0-1-1) (gcc (GCC) 11.4.1) #1 SMP PREEMPT_DYNAMIC',
    '[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=UUID=1f2e ro console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295',
    '[    1.234567] nvme nvme0: 2/0/0 default/read/poll queues',
    '[    2.345678] XFS (nvme0n1p1): Mounting V5 Filesystem',
    '[    2.456789] XFS (nvme0n1p1): Ending clean mount',
    '[    3.123456] ena 0000:00:05.0: ENA device version: 0.10',
    '[    3.123999] ena 0000:00:05.0 eth0: Elastic Network Adapter (ENA) found at mem febf4000, mac addr 0a:1b:2c:3d:4e:5f',
    '[    9.876543] NMI watchdog: Enabled. Permanently consumes one hw-PMU counter.',
    '[   12.000001] nf_conntrack: default automatic helper assignment has been turned off for security reasons',
    ...LOG_RULES.filter((r) => r.files[0] === 'kernel/dmesg.current').flatMap((r) => r.examples.noMatch),
    ...injected,
    '',
  ].join('\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon Nov  2 10:11:12 2026`, as `dmesg --ctime` prints a time. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const hms = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return `${DAYS[d.getUTCDay()]} ${MONTH_NAMES[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms} ${d.getUTCFullYear()}`;
}

/**
 * `dmesg --ctime` of the same ring buffer (kernel/dmesg.human.current): each `[seconds.micros]`
 * since boot becomes a wall-clock time; other lines are kept as they are.
 */
function humanDmesg(text: string, bootMs: number): string {
  return text.replace(/^\[\s*(\d+)\.(\d+)\]/gm, (_, seconds: string, micros: string) => {
    const ms = bootMs + Number(seconds) * 1000 + Math.floor(Number(micros.padEnd(6, '0').slice(0, 6)) / 1000);
    return `[${ctime(ms)}]`;
  });
}

async function listFiles(root: string): Promise<Array<{ path: string; file: string; size: number }>> {
  const out: Array<{ path: string; file: string; size: number }> = [];
  const walk = async (dir: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push({ path: `./${relative(root, full)}`, file: full, size: (await stat(full)).size });
    }
  };
  await walk(root);
  return out;
}

/**
 * Writes a bundle laid out as eks-log-collector.sh writes it (var_log/, kubelet/, containerd/,
 * ipamd/, networking/iptables-save.txt, system/ps.txt, sysctls/, storage/ …): healthy noise with
 * realistic timestamps and volumes, every rule's near misses, plus the failure signatures named in
 * `inject`. Deterministic for a given seed.
 */
export async function generateBundle(options: GenerateBundleOptions): Promise<GeneratedBundle> {
  const known = injectionsByName();
  const unknown = (options.inject ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new RangeError(`unknown injections: ${unknown.join(', ')}`);
  const pick = seededRandom(options.seed ?? 42);
  const instanceId = options.instanceId ?? 'i-0a1b2c3d4e5f60718';
  const node: GeneratedNode = {
    instanceId,
    hostname: 'ip-10-0-1-23.ec2.internal',
    ip: '10.0.1.23',
    region: 'us-east-1',
    kubeletVersion: 'v1.30.4-eks-a737599',
    kernel: '6.1.112-122.189.amzn2023.x86_64',
    containerd: '1.7.22',
    cni: 'v1.18.3',
    ...options.node,
  };
  const collectedAt = options.collectedAt ?? '2026-11-02T10:30:00Z';
  const end = Date.parse(collectedAt);
  const stamp = collectedAt.slice(0, 16).replace('T', '_').replace(':', '');
  const name = `eks_${instanceId}_${stamp}-UTC_0.7.8`;
  const folder = join(options.outDir, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });

  const files = healthyStateFiles(node, collectedAt);
  const logInjections = new Map<string, string[]>();
  for (const injectionName of options.inject ?? []) {
    const injection = known.get(injectionName);
    injection?.state?.(files);
    for (const log of injection?.logs ?? [])
      logInjections.set(log.file, [...(logInjections.get(log.file) ?? []), ...log.lines]);
  }
  options.editFiles?.(files);
  const misses = nearMisses();
  const dmesg = dmesgFile(node, logInjections.get('kernel/dmesg.current') ?? []);
  files.set('kernel/dmesg.current', dmesg);
  // the collector writes the ring buffer twice: raw (dmesg) and with wall-clock times (dmesg
  // --ctime); the node booted 16 days before the collection, so the planted `[1234567.123456]`
  // lines (14.3 days of uptime) fall inside the two days of logs
  files.set('kernel/dmesg.human.current', humanDmesg(dmesg, end - 16 * 24 * 3600_000));
  logInjections.delete('kernel/dmesg.current');
  const totalBytes = (options.sizeMb ?? 1) * 1024 * 1024;
  let bytes = 0;
  const window = { start: end - 2 * 24 * 3600_000, end };
  for (const [path, share] of Object.entries(SHARES)) {
    const injected = logInjections.get(path) ?? [];
    logInjections.delete(path);
    bytes += await writeLogFile(path, join(folder, path), totalBytes * share, node, window, pick, {
      nearMisses:
        misses.get(path.startsWith('var_log/coredns') ? 'var_log/coredns' : path.replace(/\.log$/, '')) ??
        misses.get(path) ??
        [],
      injected,
    });
  }
  // Injections into files without healthy volume (our documents' output, ethtool, services…)
  for (const [path, lines] of logInjections) {
    const before = files.get(path) ?? '';
    files.set(path, `${before}${lines.join('\n')}\n`);
  }
  for (const [path, text] of files) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
    bytes += Buffer.byteLength(text);
  }
  let archive: string | undefined;
  if (options.archive !== false) {
    archive = join(options.outDir, `${name}.tar.gz`);
    const entries = await listFiles(folder);
    const tar = new PassThrough();
    const done = pipeline(tar, createGzip({ level: 6 }), createWriteStream(archive));
    await writeTar(tar, entries, end);
    tar.end();
    await done;
    if (options.keepFolder === false) await rm(folder, { recursive: true, force: true });
  }
  return { folder, ...(archive && { archive }), node, injected: [...(options.inject ?? [])], bytes };
}
