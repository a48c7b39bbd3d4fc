import { AWS_NODE_LOGS, IPAMD_LOGS, KUBELET_LOGS, RUNTIME_LOGS } from '../file-groups';
import type { LogRule } from '../types';

const I = (level: string, msg: string) =>
  `{"level":"${level}","ts":"2026-11-02T10:11:12.123Z","caller":"ipamd/ipamd.go:512","msg":"${msg}"}`;
const K = 'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal kubelet[3012]:';
/** A line of the aws-cni plugin's own log (var_log/aws-routed-eni/plugin.log). */
const P = (msg: string) =>
  `{"level":"error","ts":"2026-11-02T10:11:12.123Z","caller":"routed-eni-cni-plugin/cni.go:279","msg":"${msg}"}`;

/** VPC CNI: IP address management, ENIs, aws-node readiness, the network policy agent. */
export const CNI_IPAMD_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'cni-ipamd.subnet-out-of-ips',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'high',
    title: 'Subnet has no free IP addresses for pods',
    description:
      'ipamd cannot allocate addresses because the subnet is exhausted (with prefix delegation: it has no free /28 block left): new pods on this node cannot get an IP and stay in ContainerCreating.',
    remediation:
      'Add subnets or a secondary CIDR (custom networking), enable prefix delegation (or, with it on, use subnets with free contiguous /28 blocks or a subnet CIDR reservation), or lower WARM_IP_TARGET/WARM_ENI_TARGET so nodes hold fewer idle addresses.',
    source:
      'NMA IPAMDNoIPs ("InsufficientFreeAddressesInSubnet"); EC2 InsufficientCidrBlocks for prefix delegation (inferred)',
    fisHint: 'IP address exhaustion, network capacity',
    files: IPAMD_LOGS,
    contains: ['InsufficientFreeAddressesInSubnet', 'InsufficientCidrBlocks'],
    pattern: /Insufficient(?:FreeAddressesInSubnet|CidrBlocks)\b/,
    examples: {
      match: [
        I(
          'error',
          'Failed to increase pool size due to not able to allocate ENI AllocENI: error creating ENI: InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses to satisfy the request.',
        ),
        I(
          'error',
          'Failed to allocate a private IP/Prefix addresses on ENI eni-0f1e2d3c4b5a69788: InsufficientCidrBlocks: The specified subnet does not have enough free cidr blocks to satisfy the request.',
        ),
      ],
      noMatch: [
        I(
          'debug',
          'IP pool stats: Total IPs/Prefixes = 28/0, AssignedIPs/CooldownIPs: 11/0, c.maxIPsPerENI = 14',
        ),
      ],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.ip-assign-failed',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'high',
    title: 'Pods cannot get an IP address',
    description:
      'The CNI plugin repeatedly failed to assign an IP to new pods (the warm pool is empty or ipamd is unreachable).',
    remediation:
      'Check the cni-ipamd findings for the cause (subnet exhaustion, ENI limits, ipamd down); on small instance types the per-node ENI/IP limit caps pods (max-pods).',
    source:
      'VPC CNI plugin: "Failed to assign an IP address to container|pod" in plugin.log, "add cmd: failed to assign an IP address to container" in the kubelet and containerd; EKS troubleshooting',
    fisHint: 'IP address exhaustion, pods cannot start',
    files: [...IPAMD_LOGS, ...RUNTIME_LOGS],
    // plugin.log capitalises the message the kubelet quotes in lower case: the literal skips the F
    contains: ['ailed to assign an IP address'],
    pattern: /[Ff]ailed to assign an IP address to (?:container|pod)/,
    minOccurrences: 3,
    windowMinutes: 15,
    examples: {
      match: [
        `${K} E1102 10:11:12.1 3012 pod_workers.go:1300] "Error syncing pod, skipping" err="failed to setup network for sandbox: add cmd: failed to assign an IP address to container" pod="shop/cart"`,
        P('Failed to assign an IP address to container 9f2c1d3e4b5a'),
        P('Failed to assign an IP address to pod cart-7d9f8-abcde, namespace shop sandbox 9f2c1d3e4b5a'),
      ],
      noMatch: [
        I('info', 'Send AddNetworkReply: IPv4Addr: 10.0.1.77, IPv6Addr: , DeviceNumber: 0, err: <nil>'),
      ],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.eni-attach-failed',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'high',
    title: 'ENIs cannot be created or attached',
    description:
      'ipamd failed to create or attach an elastic network interface, so the node cannot grow its pod IP pool.',
    remediation:
      'Check the node role for ec2:CreateNetworkInterface/AttachNetworkInterface (AmazonEKS_CNI_Policy), the instance type ENI limit, and EC2 API throttling.',
    source: 'VPC CNI ipamd (AllocENI / attachENI errors)',
    fisHint: 'network interface failure, IP address exhaustion',
    files: IPAMD_LOGS,
    contains: ['ENI', 'AttachmentLimitExceeded'],
    pattern:
      /(?:[Ff]ailed to (?:attach|create|allocate) (?:an )?ENI|AttachmentLimitExceeded|attachENI: failed to attach ENI)/,
    minOccurrences: 2,
    examples: {
      match: [
        I(
          'error',
          'Failed to increase pool size: failed to allocate a private IP address: AttachmentLimitExceeded: Interface count 4 exceeds the limit for t3.medium',
        ),
        I(
          'error',
          'Failed to attach ENI eni-0abc: UnauthorizedOperation: You are not authorized to perform this operation.',
        ),
      ],
      noMatch: [
        I('info', 'Successfully created and attached a new ENI eni-0abc12 to instance'),
        I('debug', 'Found ENI eni-0abc12 that has less than the maximum number of IP/Prefixes attached'),
      ],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.api-server-unreachable',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'critical',
    title: 'ipamd cannot reach the API server',
    description:
      'aws-node cannot talk to the Kubernetes API (no service account token, wrong endpoint or network): ipamd never becomes ready and no pod on the node gets networking.',
    remediation:
      'Check the aws-node service account and its IRSA/pod identity role, the kube-proxy rules for the kubernetes service (analyze_iptables) and the route to the cluster endpoint.',
    source: 'NMA IPAMDNotReady (Fatal → critical)',
    fisHint: 'API server unreachable, network disruption',
    files: [...IPAMD_LOGS, ...AWS_NODE_LOGS],
    contains: ['API server', 'API Server'],
    pattern: /(?:Failed to check API server connectivity|Unable to reach API Server)/,
    examples: {
      match: [
        I(
          'error',
          'Failed to check API server connectivity: invalid configuration: no configuration has been provided',
        ),
        I(
          'error',
          'Unable to reach API Server, Get "https://172.20.0.1:443/version?timeout=5s": dial tcp 172.20.0.1:443: i/o timeout',
        ),
      ],
      noMatch: [
        I(
          'info',
          'Successful communication with the Cluster! Cluster Version is: v1.30.4-eks-a737599. git version: v1.30.4-eks-a737599.',
        ),
      ],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.repeated-restart',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'medium',
    title: 'ipamd restarts repeatedly',
    description:
      'L-IPAMD started 5 or more times in the log: aws-node is crash-looping, and pod networking is unavailable during each restart.',
    remediation:
      'Read the aws-node container logs for the exit reason (API server, IMDS access, permissions) and fix it.',
    source: 'NMA IPAMDRepeatedlyRestart ("Starting L-IPAMD", MinOccurrences 5)',
    fisHint: 'CNI crash',
    files: IPAMD_LOGS,
    contains: ['Starting L-IPAMD'],
    pattern: /Starting L-IPAMD/,
    minOccurrences: 5,
    examples: {
      match: [I('info', 'Starting L-IPAMD v1.18.3  ...')],
      noMatch: [I('info', 'Started L-IPAMD introspection server')],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.aws-node-not-ready',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'high',
    title: 'aws-node is not ready',
    description:
      'The aws-node readiness probe failed 5 or more times within 10 minutes: ipamd is not serving, so new pods get no IP addresses.',
    remediation:
      'Read ipamd.log for the reason (API server, IMDS, ENI permissions); check the aws-node DaemonSet events.',
    source: 'kubelet prober (NMA readiness probe failures, rate-limited); EKS troubleshooting',
    fisHint: 'CNI failure, network disruption',
    files: KUBELET_LOGS,
    contains: ['aws-node'],
    pattern: /"Probe failed" probeType="Readiness" pod="kube-system\/aws-node-[a-z0-9]{1,16}"/,
    minOccurrences: 5,
    windowMinutes: 10,
    examples: {
      match: [
        `${K} I1102 10:11:12.123456    3012 prober.go:107] "Probe failed" probeType="Readiness" pod="kube-system/aws-node-7xk2p" podUID="4b1f" containerName="aws-node" probeResult="failure" output="{\\"level\\":\\"info\\",\\"msg\\":\\"timeout: failed to connect service \\\\\\":50051\\\\\\" within 5s\\"}"`,
      ],
      noMatch: [
        `${K} I1102 10:11:12.123456    3012 prober.go:107] "Probe failed" probeType="Liveness" pod="kube-system/aws-node-7xk2p" podUID="4b1f" containerName="aws-node" probeResult="failure" output="timeout: failed to connect service \\":50051\\" within 5s"`,
        `${K} I1102 10:11:12.123456    3012 kubelet.go:2442] "SyncLoop (probe)" probe="readiness" status="ready" pod="kube-system/aws-node-7xk2p"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.plugin-cannot-reach-ipamd',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'high',
    title: 'CNI plugin cannot reach ipamd',
    description:
      'The aws-cni plugin cannot call ipamd over gRPC (port 50051): ipamd is down, so pod sandboxes fail.',
    remediation:
      'Check that the aws-node pod runs and is ready on this node; read its logs for the crash reason.',
    source:
      'VPC CNI plugin: "Error received from AddNetwork grpc call" in plugin.log, "…AddNetwork gRPC call" as the kubelet quotes it',
    fisHint: 'CNI failure, pods cannot start',
    files: [...IPAMD_LOGS, ...RUNTIME_LOGS],
    // plugin.log writes "grpc", the error the kubelet quotes "gRPC": the literal stops before it,
    // so the search a finding suggests (this literal) finds both wordings, Add and Del
    contains: ['Error received from '],
    pattern: /Error received from (?:AddNetwork|DelNetwork) g(?:RPC|rpc) call/,
    minOccurrences: 3,
    windowMinutes: 15,
    examples: {
      match: [
        `${K} E1102 10:11:12.1 3012 kuberuntime_sandbox.go:72] "Failed to create sandbox for pod" err="add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial tcp 127.0.0.1:50051: connect: connection refused\\""`,
        P(
          'Error received from AddNetwork grpc call for containerID 9f2c1d3e4b5a: rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial tcp 127.0.0.1:50051: connect: connection refused\\"',
        ),
      ],
      noMatch: [I('info', 'Received AddNetwork for NS /var/run/netns/cni-1f2e, Sandbox 9f2c, ifname eth0')],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.network-policy-bpf-recovery',
    pack: 'cni-ipamd',
    category: 'cni-ipamd',
    severity: 'medium',
    title: 'Network policy agent failed to recover BPF state',
    description:
      'The network policy agent could not restore its eBPF maps after a restart: network policies may not be enforced, or may block traffic, until it recovers.',
    remediation: 'Restart aws-node on the node; upgrade the VPC CNI to a version with the recovery fix.',
    source: 'NMA NPABPFRecoveryError (recovery failures and "got err for … in-mem map" map errors)',
    files: ['var_log/aws-routed-eni/network-policy-agent', 'var_log/aws-routed-eni/ebpf-sdk'],
    contains: ['ecover', 'in-mem map'],
    pattern:
      /(?:Failed to recover the BPF state|BPF State Recovery failed|failed to recover global maps|got err for (?:cluster policy )?(?:ingress|egress) in-mem map)/,
    examples: {
      match: [
        '{"level":"error","ts":"2026-11-02T10:11:12.123Z","logger":"ebpf-client","msg":"Failed to recover the BPF state: failed to load pinned maps"}',
        '{"level":"error","ts":"2026-11-02T10:11:12.123Z","logger":"ebpf-client","caller":"ebpf/bpf_client.go:439","msg":"got err for ingress in-mem map","error":"map key not found"}',
        '{"level":"error","ts":"2026-11-02T10:11:12.123Z","logger":"ebpf-client","caller":"ebpf/bpf_client.go:471","msg":"got err for cluster policy egress in-mem map","error":"map key not found"}',
      ],
      noMatch: [
        '{"level":"info","ts":"2026-11-02T10:11:12.123Z","logger":"ebpf-client","msg":"Successfully recovered BPF state"}',
      ],
    },
  },
  {
    kind: 'log',
    id: 'cni-ipamd.irsa-assume-role-denied',
    pack: 'cni-ipamd',
    category: 'iam',
    severity: 'high',
    title: 'aws-node cannot assume its IAM role',
    description:
      'STS refuses AssumeRoleWithWebIdentity for aws-node (IRSA trust policy or OIDC provider wrong): ipamd cannot call EC2 and cannot manage ENIs.',
    remediation:
      'Check the IAM OIDC provider of the cluster and the role trust policy (sub system:serviceaccount:kube-system:aws-node).',
    source: 'AWS sample rule table (IRSA/OIDC errors)',
    files: [...IPAMD_LOGS, ...AWS_NODE_LOGS],
    contains: ['AssumeRoleWithWebIdentity', 'InvalidIdentityToken'],
    pattern:
      /(?:not authorized to perform sts:AssumeRoleWithWebIdentity|InvalidIdentityToken: No OpenIDConnect provider found)/i,
    examples: {
      match: [
        I(
          'error',
          'WebIdentityErr: failed to retrieve credentials caused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity status code: 403',
        ),
      ],
      noMatch: [I('info', 'Using web identity credentials from AWS_WEB_IDENTITY_TOKEN_FILE')],
    },
  },
];
