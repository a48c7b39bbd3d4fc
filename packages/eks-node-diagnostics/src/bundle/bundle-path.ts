/** Top-level folders the EKS log collector writes (eks-log-collector.sh `COMMON_DIRECTORIES`, and later additions). */
export const BUNDLE_TOP_LEVEL_DIRS = [
  'kernel',
  'modinfo',
  'system',
  'docker',
  'containerd',
  'storage',
  'var_log',
  'networking',
  'sandbox-image',
  'ipamd',
  'sysctls',
  'kubelet',
  'nodeadm',
  'cni',
  'gpu',
  'faultline',
] as const;

const TOP = new Set<string>(BUNDLE_TOP_LEVEL_DIRS);

/**
 * Normalises a path inside a bundle: `./` and an enclosing folder (`eks_i-0abc_2026-…/`) are dropped
 * so that paths start at a collector folder (`kubelet/kubelet.log`). Returns `undefined` for a
 * name that is unsafe to even report (`..`, absolute, NUL, backslashes).
 */
export function normalizeBundlePath(raw: string): string | undefined {
  if (raw.includes('\0') || raw.includes('\\')) return undefined;
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..') || raw.startsWith('/')) return undefined;
  const top = parts.findIndex((part) => TOP.has(part));
  return (top > 0 ? parts.slice(top) : parts).join('/');
}

/** True when a normalised bundle path sits in one of the collector's folders (`kubelet/kubelet.log`). */
export function isCollectorPath(path: string): boolean {
  const slash = path.indexOf('/');
  return slash > 0 && TOP.has(path.slice(0, slash));
}
