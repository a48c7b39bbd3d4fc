import { parseSysctls } from '../state/sysctl';

/** What a bundle says about the node's software and configuration (for compare_nodes). */
export interface NodeFacts {
  versions: Record<string, string>;
  /** sysctls that are configuration, not counters. */
  sysctls: Record<string, string>;
  /** kubelet config.json flattened to `a.b.c` keys. */
  kubeletConfig: Record<string, string>;
  /** iptables-save rules as `table -A chain spec`, counters stripped. */
  iptablesRules: string[];
}

/** Files read whole for facts (small). */
export const FACT_FILES = [
  'kernel/uname.txt',
  'containerd/containerd-version.txt',
  'kubelet/config.json',
  'system/instance-id.txt',
  'system/region.txt',
] as const;

/** sysctls that change by themselves (counters, random values) and are never compared. */
const VOLATILE_SYSCTL =
  /^(?:fs\.(?:dentry-state|file-nr|inode-nr|inode-state|quota\.)|kernel\.(?:random\.|ns_last_pid|pty\.nr|perf_event_max_sample_rate|sched_domain)|net\.netfilter\.nf_conntrack_count|net\.ipv[46]\.conf\.(?:eni|veth|cali|lxc)|net\.ipv[46]\.neigh\.(?:eni|veth|cali|lxc)|dev\.cdrom)/;

/** Version facts found in log lines, by file prefix. */
export const FACT_LINE_HOOKS: ReadonlyArray<{
  file: string;
  contains: string;
  pattern: RegExp;
  key: string;
}> = [
  {
    file: 'kubelet/kubelet.log',
    contains: 'kubeletVersion=',
    pattern: /kubeletVersion="(v[\w.+-]{1,64})"/,
    key: 'kubelet',
  },
  {
    file: 'var_log/aws-routed-eni/ipamd',
    contains: 'Starting L-IPAMD',
    pattern: /Starting L-IPAMD (v[\w.+-]{1,64})/,
    key: 'vpc-cni',
  },
];

function flatten(value: unknown, prefix: string, out: Record<string, string>, depth = 0): void {
  if (depth > 8 || Object.keys(out).length > 2000) return;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value))
      flatten(child, prefix ? `${prefix}.${key}` : key, out, depth + 1);
  } else {
    out[prefix] = JSON.stringify(value);
  }
}

/** Builds the facts from whole files read during analysis and versions found in log lines. */
export function buildFacts(
  files: ReadonlyMap<string, string>,
  lineVersions: Record<string, string>,
): NodeFacts {
  const versions: Record<string, string> = { ...lineVersions };
  const uname = files.get('kernel/uname.txt')?.trim().split(/\s+/)[2];
  if (uname) versions.kernel = uname;
  const containerd = /Server:[\s\S]{0,200}?Version:\s+(\S{1,64})/.exec(
    files.get('containerd/containerd-version.txt') ?? '',
  );
  if (containerd?.[1]) versions.containerd = containerd[1];
  const sysctls: Record<string, string> = {};
  for (const [key, value] of parseSysctls(files.get('sysctls/sysctl_all.txt') ?? '')) {
    if (!VOLATILE_SYSCTL.test(key)) sysctls[key] = value;
  }
  const kubeletConfig: Record<string, string> = {};
  try {
    const raw = files.get('kubelet/config.json');
    if (raw) flatten(JSON.parse(raw), '', kubeletConfig);
  } catch {
    // an unreadable config is reported as absent
  }
  const iptablesRules: string[] = [];
  let table = '';
  for (const line of (files.get('networking/iptables-save.txt') ?? '').split('\n')) {
    if (line.startsWith('*')) table = line.slice(1).trim();
    else if (line.startsWith('-A '))
      iptablesRules.push(`${table} ${line.trim().replace(/^\[\d+:\d+\] /, '')}`);
  }
  return { versions, sysctls, kubeletConfig, iptablesRules };
}
