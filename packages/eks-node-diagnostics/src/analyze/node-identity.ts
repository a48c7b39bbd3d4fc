/** Which node a bundle came from. */
export interface NodeIdentity {
  /** The resource findings are about: the instance id when known, else the host name or bundle name. */
  id: string;
  instanceId?: string;
  region?: string;
  hostname?: string;
}

// not `\b`: in the collector's bundle name (`eks_i-0abc…_2026-…`) underscores, word characters,
// touch the id on both sides; other resource ids (eni-, ami-) must not match
const INSTANCE_ID = /(?<![0-9A-Za-z-])i-[0-9a-f]{8,17}(?![0-9A-Za-z])/;
const HOSTNAME = /^[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} (\S{1,253}) /;

/** Works out the node from the collector's `system/instance-id.txt`, the bundle name, and log lines. */
export function identifyNode(parts: {
  override?: string;
  instanceIdFile?: string;
  regionFile?: string;
  bundleName: string;
  hostname?: string;
}): NodeIdentity {
  const instanceId =
    INSTANCE_ID.exec(parts.instanceIdFile ?? '')?.[0] ?? INSTANCE_ID.exec(parts.bundleName)?.[0] ?? undefined;
  const region = /^[a-z]{2}(?:-[a-z]+)+-\d$/.exec(parts.regionFile?.trim() ?? '')?.[0];
  const id = parts.override ?? instanceId ?? parts.hostname ?? parts.bundleName;
  return {
    id,
    ...(instanceId && { instanceId }),
    ...(region && { region }),
    ...(parts.hostname && { hostname: parts.hostname }),
  };
}

/** The host name in a syslog or journal line, if the line has one. */
export function hostnameOf(line: string): string | undefined {
  return HOSTNAME.exec(line)?.[1];
}
