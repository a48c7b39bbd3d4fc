// Writes a synthetic EKS node log bundle of a given size, laid out as eks-log-collector.sh writes
// it: busy kubelet, containerd, syslog, ipamd and kernel logs of ordinary lines, with the rules' own
// example matches sprinkled in (one line in ~2,000) so every rule does real work. Deterministic: the
// same size gives the same bytes. Kept in the temporary folder and reused while its stamp matches.
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './common.mjs';

const GENERATOR_VERSION = 2;

/** The log files and their share of the bundle's bytes. */
const FILES = [
  { path: 'var_log/messages', share: 0.38, style: 'syslog' },
  { path: 'kubelet/kubelet.log', share: 0.25, style: 'kubelet' },
  { path: 'containerd/containerd-log.txt', share: 0.15, style: 'containerd' },
  { path: 'var_log/aws-routed-eni/ipamd.log', share: 0.14, style: 'ipamd' },
  { path: 'kernel/dmesg.current', share: 0.08, style: 'dmesg' },
];

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PODS = [
  'orders-api-7d9f8b6c5-x2x9k',
  'payments-5b6c7d8e9-abcde',
  'web-6f7g8h9i0-fghij',
  'coredns-5d78c9869d-tv2qp',
];
const NAMESPACES = ['default', 'payments', 'kube-system', 'observability'];

function noiseLine(style, rand, clock) {
  const pod = PODS[Math.floor(rand() * PODS.length)];
  const ns = NAMESPACES[Math.floor(rand() * NAMESPACES.length)];
  const n = Math.floor(rand() * 100_000);
  const t = new Date(clock);
  const hms = t.toISOString().slice(11, 19);
  const syslogStamp = `Nov 23 ${hms}`;
  const klog = `I1123 ${hms}.${String(n).padStart(6, '0').slice(0, 6)}    3114`;
  switch (style) {
    case 'syslog':
      return rand() < 0.5
        ? `${syslogStamp} ip-10-0-12-34 kubelet[3114]: ${klog} kubelet.go:2453] "SyncLoop (PLEG): event for pod" pod="${ns}/${pod}" event={"ID":"${n.toString(16)}-4c1e","Type":"ContainerStarted"}`
        : `${syslogStamp} ip-10-0-12-34 systemd[1]: Started Session ${n} of user ec2-user.`;
    case 'kubelet':
      return rand() < 0.6
        ? `${klog} prober.go:107] "Probe succeeded" probeType="Readiness" pod="${ns}/${pod}" podUID="${n}" containerName="app"`
        : `${klog} kubelet_getters.go:187] "Pod status updated" pod="${ns}/${pod}" status="Running"`;
    case 'containerd':
      return `time="${t.toISOString()}" level=info msg="StartContainer for \\"${n.toString(16)}\\" returns successfully" namespace=k8s.io`;
    case 'ipamd':
      return `{"level":"debug","ts":"${t.toISOString()}","caller":"ipamd/ipamd.go:1456","msg":"IP pool stats: total = 29, used = ${n % 29}, c.maxIPsPerENI = 29"}`;
    default:
      return `[${(clock / 1000).toFixed(6)}] IPv6: ADDRCONF(NETDEV_CHANGE): eni${n.toString(16)}: link becomes ready`;
  }
}

/** The example lines of the rules that read `path`: matches (sprinkled) and near misses (noise). */
function examplesFor(rules, path) {
  const applies = rules.filter((rule) => rule.files.some((prefix) => path.startsWith(prefix)));
  return {
    matches: applies.flatMap((rule) => rule.examples.match),
    nearMisses: applies.flatMap((rule) => rule.examples.noMatch),
  };
}

/**
 * The folder of a generated bundle of `megabytes` MB, generated when missing. Returns its path and
 * the paths of its log files.
 */
export function generatedBundle(baseDir, megabytes, rules) {
  const dir = join(baseDir, `eks_i-0bench${String(megabytes).padStart(5, '0')}mb_2025-11-23`);
  const stamp = `${dir}.stamp`;
  const expected = JSON.stringify({ version: GENERATOR_VERSION, megabytes, rules: rules.length });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === expected) return dir;
  rmSync(dir, { recursive: true, force: true });
  const fixture = join(ROOT, 'packages/eks-node-diagnostics/src/__fixtures__/oom-node');
  for (const file of ['system/instance-id.txt', 'system/region.txt', 'sysctls/sysctl_all.txt']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(fixture, file), join(dir, file));
  }
  const total = megabytes * 1_000_000;
  FILES.forEach(({ path, share, style }, index) => {
    const rand = random(1000 + index);
    const { matches, nearMisses } = examplesFor(rules, path);
    const target = Math.round(total * share);
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(file, 'w');
    let written = 0;
    let clock = Date.UTC(2025, 10, 23, 0, 0, 0);
    let chunk = [];
    let chunkBytes = 0;
    while (written + chunkBytes < target) {
      clock += Math.floor(rand() * 40);
      const roll = rand();
      const line =
        roll < 0.0005 && matches.length > 0
          ? matches[Math.floor(rand() * matches.length)]
          : roll < 0.02 && nearMisses.length > 0
            ? nearMisses[Math.floor(rand() * nearMisses.length)]
            : noiseLine(style, rand, clock);
      chunk.push(line);
      chunkBytes += line.length + 1;
      if (chunkBytes > 1 << 20) {
        written += writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
        chunkBytes = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
    closeSync(fd);
  });
  writeFileSync(stamp, expected);
  return dir;
}

/** The bundle-relative paths of the generated log files. */
export const GENERATED_LOGS = FILES.map((f) => f.path);
