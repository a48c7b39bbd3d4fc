import { LOG_RULES } from '../rules/catalog';
import type { StateFileMap } from './healthy-state';
import { ifconfigFile, inodesFile, mountsFile } from './healthy-state';

/** Lines to add to a log file of the bundle, and how many times. */
export interface LogInjection {
  file: string;
  lines: readonly string[];
}

/** A failure signature the generator can plant: log lines, or a change to a state file. */
export interface Injection {
  /** The rule it must make fire (the injection's name). */
  rule: string;
  logs?: LogInjection[];
  state?: (files: StateFileMap) => void;
}

/** Generated file used for a rule's file prefix. */
const CONCRETE: Record<string, string> = {
  'var_log/aws-routed-eni/ipamd': 'var_log/aws-routed-eni/ipamd.log',
  'var_log/aws-routed-eni/plugin': 'var_log/aws-routed-eni/plugin.log',
  'var_log/aws-routed-eni/network-policy-agent': 'var_log/aws-routed-eni/network-policy-agent.log',
  'var_log/kube-proxy': 'var_log/kube-proxy.log',
  'var_log/coredns': 'var_log/coredns-5d8f7b6c9d-x7k2p_kube-system_coredns-4b1f.log',
  'var_log/aws-node': 'var_log/aws-node-7xk2p_kube-system_aws-node-9f2c.log',
};

function replace(files: StateFileMap, path: string, from: RegExp | string, to: string): void {
  files.set(path, (files.get(path) ?? '').replace(from, to));
}

function appendIptables(files: StateFileMap, table: string, rules: string[]): void {
  const text = files.get('networking/iptables-save.txt') ?? '';
  const start = text.indexOf(`*${table}\n`);
  const commit = text.indexOf('COMMIT', start);
  files.set(
    'networking/iptables-save.txt',
    `${text.slice(0, commit)}${rules.join('\n')}\n${text.slice(commit)}`,
  );
}

const STATE_INJECTIONS: Injection[] = [
  {
    rule: 'system.pid-pressure',
    state: (files) => {
      replace(files, 'sysctls/sysctl_all.txt', /kernel\.pid_max = \d+/, 'kernel.pid_max = 32768');
      const header = 'UID          PID    PPID     LWP  C NLWP    SZ   RSS PSR STIME TTY          TIME CMD';
      const line =
        'root        2811       1    2811  0 4021 30864 45678   1 Nov01 ?        00:00:01 /usr/bin/java -jar leak.jar';
      files.set('system/ps-threads.txt', `${header}\n${`${line}\n`.repeat(24_500)}`);
    },
  },
  {
    rule: 'system.file-handles-pressure',
    state: (files) =>
      replace(files, 'sysctls/sysctl_all.txt', /fs\.file-nr = .*/, 'fs.file-nr = 812000\t0\t1000000'),
  },
  {
    rule: 'system.zombie-processes',
    state: (files) => {
      const zombie =
        'root       45123  0.0  0.0      0     0 ?        Z    09:12   0:00  \\_ [healthcheck.sh] <defunct>';
      files.set('system/ps.txt', `${files.get('system/ps.txt') ?? ''}${`${zombie}\n`.repeat(27)}`);
    },
  },
  {
    rule: 'system.large-environment',
    state: (files) => {
      const java =
        'root        4412  2.1  6.3 8123456 2097152 ?     Ssl  Nov01  61:02  \\_ java -Xmx2g -jar /app/cart.jar';
      files.set('system/ps.txt', `${files.get('system/ps.txt') ?? ''}${java}\n`);
      files.set('system/large_environments.txt', 'PID\tCount\n4412\t1523\n');
    },
  },
  {
    rule: 'networking.loopback-down',
    state: (files) => files.set('networking/ifconfig.txt', ifconfigFile('10.0.1.23', false)),
  },
  {
    rule: 'networking.ip-forward-disabled',
    state: (files) =>
      replace(files, 'sysctls/sysctl_all.txt', 'net.ipv4.ip_forward = 1', 'net.ipv4.ip_forward = 0'),
  },
  {
    rule: 'networking.conntrack-near-max',
    state: (files) =>
      replace(
        files,
        'sysctls/sysctl_all.txt',
        /net\.netfilter\.nf_conntrack_count = \d+/,
        'net.netfilter.nf_conntrack_count = 259001',
      ),
  },
  {
    rule: 'dns.no-nameserver',
    state: (files) => files.set('networking/resolv.conf', 'search ec2.internal\noptions timeout:2\n'),
  },
  { rule: 'storage.disk-usage-high', state: (files) => files.set('storage/mounts.txt', mountsFile(93)) },
  { rule: 'storage.inode-usage-high', state: (files) => files.set('storage/inodes.txt', inodesFile(96)) },
  {
    rule: 'iptables.missing-kube-proxy-chains',
    state: (files) => {
      const text = files.get('networking/iptables-save.txt') ?? '';
      files.set(
        'networking/iptables-save.txt',
        text
          .split('\n')
          .filter((line) => !/-j KUBE-SERVICES$/.test(line) || !line.startsWith('-A PREROUTING'))
          .join('\n'),
      );
    },
  },
  {
    rule: 'iptables.unexpected-reject',
    state: (files) =>
      appendIptables(files, 'filter', [
        '-A OUTPUT -p udp -m udp --dport 53 -m comment --comment "hardening" -j DROP',
      ]),
  },
  {
    rule: 'iptables.kubelet-port-redirect',
    state: (files) =>
      appendIptables(files, 'nat', [
        '-A PREROUTING -p tcp -m tcp --dport 10250 -j DNAT --to-destination 10.0.1.99:10250',
      ]),
  },
  {
    rule: 'iptables.rule-count-high',
    state: (files) =>
      appendIptables(
        files,
        'filter',
        Array.from(
          { length: 20_500 },
          (_, i) =>
            `-A KUBE-NODEPORTS -p tcp -m comment --comment "ns/svc-${i}:http health check node port" -m tcp --dport ${30000 + (i % 2000)} -j ACCEPT`,
        ),
      ),
  },
];

/**
 * Every injection the generator knows, one per rule: state checks change a collected file; log
 * rules plant their own signature lines (as many as the rule needs, inside its time window) in the
 * first file the rule reads.
 */
export function allInjections(): Injection[] {
  const logInjections = LOG_RULES.map((rule): Injection => {
    const prefix = rule.files[0] as string;
    const count = Math.max(rule.minOccurrences ?? 1, rule.escalate ? 1 : 1);
    return {
      rule: rule.id,
      logs: [
        {
          file: CONCRETE[prefix] ?? prefix,
          // a rule that counts each subject on its own needs its threshold from one subject
          lines: Array.from(
            { length: count },
            (_, i) => rule.examples.match[rule.perSubject ? 0 : i % rule.examples.match.length] as string,
          ),
        },
      ],
    };
  });
  return [...logInjections, ...STATE_INJECTIONS];
}

/** Injections by name (rule id). */
export function injectionsByName(): Map<string, Injection> {
  return new Map(allInjections().map((injection) => [injection.rule, injection]));
}
