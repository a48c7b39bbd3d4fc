import { KUBELET_LOGS, RUNTIME_LOGS, SYSTEMD_LOGS } from '../file-groups';
import type { LogRule } from '../types';

/**
 * The units a worker node needs, as systemd names them when they fail to start: by unit name
 * (systemd 250 and later, AL2023: "Failed to start kubelet.service - Kubernetes Kubelet.") and by
 * description (AL2: "Failed to start Kubernetes Kubelet."). Other units (update-motd, …) failing
 * to start do not stop the node from running pods, so they are not findings.
 */
export const NODE_SERVICES: ReadonlyArray<{ unit: string; description: string }> = [
  { unit: 'kubelet', description: 'Kubernetes Kubelet' },
  { unit: 'containerd', description: 'containerd container runtime' },
  { unit: 'sandbox-image', description: 'pull sandbox image defined in containerd config.toml' },
  { unit: 'nodeadm-config', description: 'EKS Nodeadm Config' },
  { unit: 'nodeadm-run', description: 'EKS Nodeadm Run' },
  { unit: 'amazon-ssm-agent', description: 'amazon-ssm-agent' },
  { unit: 'chronyd', description: 'NTP client/server' },
  { unit: 'systemd-networkd', description: 'Network Configuration' },
  { unit: 'systemd-resolved', description: 'Network Name Resolution' },
  { unit: 'cloud-final', description: 'Execute cloud user/final scripts' },
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const SERVICE_NAMES = [
  ...NODE_SERVICES.map((service) => `${escapeRegExp(service.unit)}\\.service`),
  ...NODE_SERVICES.map((service) => escapeRegExp(service.description)),
].join('|');

/** System log rules; PID, file handle and zombie checks are state checks (state/process-checks.ts). */
export const SYSTEM_LOG_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'system.fork-failed',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'critical',
    title: 'Processes cannot fork: PIDs exhausted',
    description:
      'fork/exec or thread creation failed with EAGAIN: the node ran out of PIDs (or a pids cgroup limit), so the kubelet and runtime cannot start processes.',
    remediation:
      'Find the process leaking threads or children (system/ps-threads.txt); set podPidsLimit in the kubelet config; raise kernel.pid_max if the node is simply dense.',
    source: 'NMA ForkFailedOutOfPIDs (Fatal → critical)',
    fisHint: 'PID exhaustion, resource exhaustion, process limits',
    files: [...new Set([...KUBELET_LOGS, ...RUNTIME_LOGS])],
    contains: ['resource temporarily unavailable', 'errno=11'],
    pattern:
      /(?:fork\/exec \S{1,256}: resource temporarily unavailable|failed to create new OS thread \(have \d+ already; errno=11\))/,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: E1102 10:11:12.1 3012 kubelet.go:1]  "Failed to run" err="fork/exec /usr/sbin/runc: resource temporarily unavailable"',
        'Nov 02 10:11:12 ip-10-0-1-23 containerd[2811]: runtime: failed to create new OS thread (have 4021 already; errno=11)',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 kubelet[3012]: E1102 10:11:12.1 3012 reader.go:1] "read error" err="read unix @->/run/containerd/containerd.sock: resource temporarily unavailable, retrying"',
      ],
    },
  },
  {
    kind: 'log',
    id: 'system.critical-unit-failed',
    pack: 'system',
    category: 'kubelet',
    severity: 'critical',
    title: '{subject} is in the failed state at collection time',
    description:
      'systemctl list-units shows a unit the node cannot work without (kubelet, containerd, sandbox-image) as failed when the bundle was collected.',
    remediation:
      "Read that unit's journal for the exit reason, fix it and restart the unit, or replace the node.",
    source:
      'eks-log-collector system/services.txt (NPD KubeletUnhealthy / ContainerRuntimeUnhealthy → critical: the node cannot run pods)',
    fisHint: 'node not ready, service crash',
    files: ['system/services.txt'],
    contains: ['failed'],
    pattern: /^\W{0,4}((?:kubelet|containerd|sandbox-image)\.service)\s{1,64}loaded\s{1,16}failed\s/,
    subjectGroup: 1,
    examples: {
      match: ['● kubelet.service                      loaded failed failed    Kubernetes Kubelet'],
      noMatch: [
        '  kubelet.service                      loaded active running   Kubernetes Kubelet',
        '● update-motd.service                  loaded failed failed    Dynamically Generate Message Of The Day',
      ],
    },
  },
  {
    kind: 'log',
    id: 'system.service-failed-to-start',
    pack: 'system',
    category: 'kubelet',
    severity: 'medium',
    title: 'Node service failed to start: {subject}',
    description:
      'systemd could not start a service the worker node depends on (kubelet, containerd, sandbox-image, nodeadm, the SSM agent, chronyd, systemd-networkd or -resolved, the user-data stage): until it runs, the node cannot join, run pods, keep time or be reached for collection. Other units failing to start (update-motd, …) are not reported.',
    remediation:
      "Read that unit's journal just before the failure (journalctl -u <unit>) for the exit reason, fix it (configuration, a dependency, the disk) and start the unit again, or replace the node.",
    source:
      'NMA ServiceFailedToStart ("Failed to start (.*?)\\.", Warning → medium), limited to the units a worker node needs',
    fisHint: 'service crash, node not ready',
    files: SYSTEMD_LOGS,
    contains: ['Failed to start '],
    pattern: new RegExp(`systemd\\[1\\]: Failed to start (${SERVICE_NAMES})(?:\\.|\\s-\\s)`),
    subjectGroup: 1,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Failed to start kubelet.service - Kubernetes Kubelet.',
        'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Failed to start pull sandbox image defined in containerd config.toml.',
        'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Failed to start amazon-ssm-agent.',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Failed to start nodeadm-run.service - EKS Nodeadm Run.',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Failed to start Dynamically Generate Message Of The Day.',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Failed to start update-motd.service - Dynamically Generate Message Of The Day.',
        'Nov 02 10:11:12 ip-10-0-1-23 app[4412]: Failed to start Kubernetes Kubelet watcher: retrying',
      ],
    },
  },
  {
    kind: 'log',
    id: 'system.rapid-cron',
    pack: 'system',
    category: 'resource-pressure',
    severity: 'low',
    title: 'Cron job runs more often than every 5 minutes: {subject}',
    description:
      'cron ran the same command again less than 5 minutes after the previous run: a job scheduled every minute or two on every node adds load (and often a process or log storm) that grows with the fleet.',
    remediation:
      'Check the crontab of the command in the evidence (/etc/crontab, /etc/cron.d, the user crontab); run it every 5 minutes or less often, or move it to a Kubernetes CronJob or a DaemonSet with a proper interval.',
    source:
      'NMA RapidCron (" CMD " lines of the cron log, the same command again within 5 minutes; Warning → low). Cron runs on minute boundaries: runs up to 4.5 minutes apart count, so a */5 job with a second of jitter does not',
    fisHint: 'CPU stress, resource exhaustion',
    files: ['var_log/cron', 'var_log/syslog'],
    contains: [' CMD ('],
    pattern: /CROND?\[\d{1,10}\]: \(([^)\s]{1,32})\) CMD \(([^\n]{1,512})\)\s*$/,
    subjectGroup: 2,
    minOccurrences: 2,
    windowMinutes: 4.5,
    perSubject: true,
    examples: {
      match: [
        'Nov 02 10:11:01 ip-10-0-1-23 CROND[21012]: (root) CMD (/usr/local/bin/node-cleanup.sh >/dev/null 2>&1)',
        'Nov 02 10:11:01 ip-10-0-1-23 CRON[21012]: (root) CMD (   cd / && /usr/local/bin/collect-metrics --once)',
      ],
      noMatch: [
        'Nov 02 10:11:02 ip-10-0-1-23 CROND[21012]: (root) CMDEND (/usr/local/bin/node-cleanup.sh >/dev/null 2>&1)',
        "Nov 02 10:11:01 ip-10-0-1-23 anacron[2211]: Job `cron.daily' started",
      ],
    },
  },
];
