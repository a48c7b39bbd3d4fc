/**
 * Where kernel messages land in a bundle: `dmesg` (dmesg.current), `dmesg --ctime`
 * (dmesg.human.current, the same ring buffer with wall-clock times), the boot log, syslog, and our
 * Faultline-Dmesg document. A rule reports one file, never a sum, so a line in several counts once.
 */
export const KERNEL_LOGS = [
  'kernel/dmesg.current',
  'kernel/dmesg.human.current',
  'kernel/dmesg.boot',
  'var_log/messages',
  'var_log/syslog',
  'faultline/dmesg.txt',
] as const;

/** Where the kubelet journal lands (journalctl -u kubelet; also in messages on AL2). */
export const KUBELET_LOGS = ['kubelet/kubelet.log', 'var_log/messages', 'var_log/syslog'] as const;

/** Container runtime journal, plus the kubelet's view of runtime calls. */
export const RUNTIME_LOGS = [
  'containerd/containerd-log.txt',
  'kubelet/kubelet.log',
  'var_log/messages',
  'var_log/syslog',
] as const;

/** systemd unit messages (starts, failures). */
export const SYSTEMD_LOGS = [
  'var_log/messages',
  'var_log/syslog',
  'kubelet/kubelet.log',
  'containerd/containerd-log.txt',
] as const;

/** VPC CNI ipamd and plugin logs (rotated files share the prefix). */
export const IPAMD_LOGS = ['var_log/aws-routed-eni/ipamd', 'var_log/aws-routed-eni/plugin'] as const;

/** aws-node container and pod logs as the collector copies them. */
export const AWS_NODE_LOGS = ['var_log/aws-node', 'var_log/kube-system_aws-node'] as const;

/** kube-proxy log and its container logs. */
export const KUBE_PROXY_LOGS = ['var_log/kube-proxy', 'var_log/kube-system_kube-proxy'] as const;

/** CoreDNS container logs copied from the node, when a CoreDNS replica runs there. */
export const COREDNS_LOGS = ['var_log/coredns', 'var_log/kube-system_coredns'] as const;
