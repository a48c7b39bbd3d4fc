import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

/** A network namespace and the veth pair joining it to the host. */
export interface NetworkNamespace {
  name: string;
  hostIf: string;
  nsIf: string;
  hostAddress: string;
  nsAddress: string;
}

/** Why netem cannot run here, or undefined when it can (root, and ip and tc installed). */
export function netemUnsupportedReason(): string | undefined {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'tc netem needs root (CAP_NET_ADMIN) to create a network namespace; run as root or drop the netem fault';
  }
  const find = (tool: string) =>
    ['/usr/sbin', '/sbin', '/usr/bin', '/bin'].some((d) => existsSync(`${d}/${tool}`));
  if (!find('ip') || !find('tc'))
    return 'tc netem needs iproute2 (ip and tc); install it (apt-get install -y iproute2)';
  return undefined;
}

/**
 * Names and addresses of the namespace of a run's service, from a /30 subnet. The names carry a
 * hash of the run id and the service name, so two runs (or two services) never share a namespace:
 * neither can fail on the other's, nor delete it in its cleanup or `recover`. Interface names stay
 * within the kernel's 15 characters.
 */
export function namespaceFor(runId: string, service: string, subnet: string): NetworkNamespace {
  const tag = createHash('sha256').update(`${runId}\0${service}`).digest('hex').slice(0, 10);
  const base = subnet.split('/')[0]?.split('.').map(Number) ?? [10, 213, 0, 0];
  const address = (last: number) => `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + last}`;
  return {
    name: `faultline-${tag}`,
    hostIf: `flh${tag}`,
    nsIf: `fln${tag}`,
    hostAddress: address(1),
    nsAddress: address(2),
  };
}

const run = (argv: string[]) =>
  execFileSync(argv[0] as string, argv.slice(1), { stdio: 'pipe', timeout: 10_000 });

/** Creates the namespace and its veth pair (host .1, namespace .2), with loopback up. */
export function createNamespace(ns: NetworkNamespace): void {
  run(['ip', 'netns', 'add', ns.name]);
  run(['ip', 'link', 'add', ns.hostIf, 'type', 'veth', 'peer', 'name', ns.nsIf]);
  run(['ip', 'link', 'set', ns.nsIf, 'netns', ns.name]);
  run(['ip', 'addr', 'add', `${ns.hostAddress}/30`, 'dev', ns.hostIf]);
  run(['ip', 'link', 'set', ns.hostIf, 'up']);
  run(['ip', 'netns', 'exec', ns.name, 'ip', 'addr', 'add', `${ns.nsAddress}/30`, 'dev', ns.nsIf]);
  run(['ip', 'netns', 'exec', ns.name, 'ip', 'link', 'set', ns.nsIf, 'up']);
  run(['ip', 'netns', 'exec', ns.name, 'ip', 'link', 'set', 'lo', 'up']);
}

/** The commands that remove a namespace (and with it the veth pair); used by cleanup, recover and the watchdog. */
export function deleteNamespaceCommands(ns: Pick<NetworkNamespace, 'name' | 'hostIf'>): string[][] {
  return [
    ['ip', 'netns', 'del', ns.name],
    ['ip', 'link', 'del', ns.hostIf],
  ];
}

/** Removes a namespace; missing pieces are ignored. */
export function deleteNamespace(ns: Pick<NetworkNamespace, 'name' | 'hostIf'>): void {
  for (const argv of deleteNamespaceCommands(ns)) {
    try {
      run(argv);
    } catch {
      // already gone
    }
  }
}

/** The commands that add and remove netem on the namespace side of the veth pair. */
export function netemCommands(
  ns: NetworkNamespace,
  params: { delayMs: number; jitterMs: number; lossPercent: number },
) {
  const spec = ['netem'];
  if (params.delayMs > 0)
    spec.push('delay', `${params.delayMs}ms`, ...(params.jitterMs > 0 ? [`${params.jitterMs}ms`] : []));
  if (params.lossPercent > 0) spec.push('loss', `${params.lossPercent}%`);
  const inNs = ['ip', 'netns', 'exec', ns.name];
  return {
    add: [...inNs, 'tc', 'qdisc', 'add', 'dev', ns.nsIf, 'root', ...spec],
    del: [...inNs, 'tc', 'qdisc', 'del', 'dev', ns.nsIf, 'root'],
  };
}

/** Runs an argv synchronously (for netem and namespace commands). */
export function runArgv(argv: string[]): void {
  run(argv);
}
