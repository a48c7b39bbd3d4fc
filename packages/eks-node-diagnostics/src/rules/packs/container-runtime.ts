import { KUBELET_LOGS, RUNTIME_LOGS, SYSTEMD_LOGS } from '../file-groups';
import type { LogRule } from '../types';

const K = 'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal kubelet[3012]:';
const C = 'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal containerd[2811]:';

/** Container runtime: sandbox and container creation, image pulls, containerd restarts and failures. */
export const CONTAINER_RUNTIME_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'container-runtime.sandbox-create-failed',
    pack: 'container-runtime',
    category: 'container-runtime',
    severity: 'high',
    title: 'Pod sandboxes fail to start',
    description:
      'The runtime repeatedly fails to create pod sandboxes (pause container and network namespace): new pods on this node stay in ContainerCreating.',
    remediation:
      'Read the error after "failed": a CNI error points at aws-node/ipamd (cni-ipamd findings), a pause image pull error at ECR access or the sandbox-image service, a runc error at the runtime.',
    source: 'kubelet kuberuntime_sandbox.go "Failed to create sandbox for pod"; EKS troubleshooting',
    fisHint: 'container runtime failure, pods cannot start',
    files: RUNTIME_LOGS,
    contains: ['sandbox'],
    pattern:
      /(?:Failed to create sandbox for pod|RunPodSandbox from runtime service failed|failed to setup network for sandbox)/,
    minOccurrences: 3,
    windowMinutes: 10,
    examples: {
      match: [
        `${K} E1102 10:11:12.123456    3012 kuberuntime_sandbox.go:72] "Failed to create sandbox for pod" err="rpc error: code = Unknown desc = failed to setup network for sandbox \\"9f2c\\": plugin type=\\"aws-cni\\" name=\\"aws-cni\\" failed (add)" pod="shop/cart-7d9f8-abcde"`,
        `${C} time="2026-11-02T10:11:12Z" level=error msg="RunPodSandbox for &PodSandboxMetadata{Name:cart,} failed, error" error="failed to setup network for sandbox \\"9f2c\\""`,
      ],
      noMatch: [
        `${C} time="2026-11-02T10:11:12Z" level=info msg="RunPodSandbox for &PodSandboxMetadata{Name:cart,} returns sandbox id \\"9f2c\\""`,
        `${K} I1102 10:11:12.123456    3012 kuberuntime_manager.go:1013] "No sandbox for pod can be found. Need to start a new one" pod="shop/cart-7d9f8-abcde"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'container-runtime.image-pull-failed',
    pack: 'container-runtime',
    category: 'container-runtime',
    severity: 'medium',
    title: 'Image pulls fail: registry unreachable or refusing the node',
    description:
      'Image pulls failed 5 or more times within 30 minutes on timeouts, refused connections, throttling or missing credentials: a node-level problem reaching the registry, so pods cannot start. (A typo in one image name is not counted.)',
    remediation:
      'Check the route to the registry (VPC endpoints for ECR and S3, or NAT), ECR permissions of the node role (ecr:GetAuthorizationToken, BatchGetImage), and Docker Hub rate limits.',
    source:
      'kubelet "Failed to pull image" / containerd PullImage errors (inferred: infrastructure causes only)',
    fisHint: 'image registry unreachable, dependency failure, network disruption',
    files: RUNTIME_LOGS,
    contains: ['ailed to pull', 'PullImage'],
    pattern:
      /(?:[Ff]ailed to pull (?:and unpack )?image|PullImage \\?"[^"]{1,512}" failed|PullImage from image service failed)[^\n]{0,2000}?(?:i\/o timeout|TLS handshake timeout|no basic auth credentials|403 Forbidden|toomanyrequests|connection refused|context deadline exceeded)/,
    minOccurrences: 5,
    windowMinutes: 30,
    examples: {
      match: [
        `${K} E1102 10:11:12.123456    3012 remote_image.go:180] "PullImage from image service failed" err="rpc error: code = Unknown desc = failed to pull and unpack image \\"123456789012.dkr.ecr.us-east-1.amazonaws.com/cart:v9\\": failed to resolve reference: dial tcp 52.46.1.1:443: i/o timeout" image="123456789012.dkr.ecr.us-east-1.amazonaws.com/cart:v9"`,
        `${C} time="2026-11-02T10:11:12Z" level=error msg="PullImage \\"public.ecr.aws/nginx/nginx:1.27\\" failed" error="failed to resolve reference: unexpected status from HEAD request: 403 Forbidden"`,
      ],
      noMatch: [
        `${C} time="2026-11-02T10:11:12Z" level=info msg="PullImage \\"public.ecr.aws/nginx/nginx:1.27\\" returns image reference \\"sha256:1f2e\\""`,
        `${K} E1102 10:11:12.123456    3012 kuberuntime_manager.go:1256] "Failed to pull image" err="rpc error: code = NotFound desc = failed to pull and unpack image \\"public.ecr.aws/shop/web:typo\\": not found" image="public.ecr.aws/shop/web:typo"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'container-runtime.oci-runtime-failed',
    pack: 'container-runtime',
    category: 'container-runtime',
    severity: 'medium',
    title: 'OCI runtime fails to create containers',
    description:
      'runc could not create or start a container (cgroup, seccomp, mount or exec errors): the affected pods crash-loop.',
    remediation:
      'Read the error after "OCI runtime create failed"; an "exec format error" is a wrong-architecture image, "no space left" a full disk, "cgroup" a runtime/kubelet cgroup-driver mismatch.',
    source: 'NMA ContainerRuntimeFailed ("OCI runtime create failed"), NPD DockerContainerStartupFailure',
    fisHint: 'container runtime failure',
    files: RUNTIME_LOGS,
    contains: ['OCI runtime'],
    pattern: /OCI runtime (?:create|start) failed/,
    minOccurrences: 2,
    examples: {
      match: [
        `${C} time="2026-11-02T10:11:12Z" level=error msg="StartContainer for \\"abc\\" failed" error="failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \\"/app\\": permission denied"`,
        'Nov 02 10:11:12 ip-10-0-1-23 dockerd[990]: OCI runtime start failed: container process is already dead: unknown',
      ],
      noMatch: [
        `${C} time="2026-11-02T10:11:12Z" level=info msg="StartContainer for \\"abc\\" returns successfully"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'container-runtime.containerd-frequent-restart',
    pack: 'container-runtime',
    category: 'container-runtime',
    severity: 'high',
    title: 'containerd restarts repeatedly',
    description:
      "systemd started containerd 5 or more times within 20 minutes: every restart disrupts running containers' supervision and image pulls.",
    remediation:
      'Read the containerd journal before each start (config errors, OOM kill of containerd, disk full) and fix the cause.',
    source: 'NPD FrequentContainerdRestart (systemd-monitor-counter: 5 in 20m)',
    fisHint: 'container runtime crash',
    files: SYSTEMD_LOGS,
    contains: ['containerd'],
    pattern: /systemd\[1\]: Starting (?:containerd container runtime|containerd\.service)/,
    minOccurrences: 5,
    windowMinutes: 20,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Starting containerd container runtime...',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Starting containerd.service - containerd container runtime...',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Started containerd.service - containerd container runtime.',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Starting Kubernetes Kubelet...',
      ],
    },
  },
  {
    kind: 'log',
    id: 'container-runtime.containerd-failed',
    pack: 'container-runtime',
    category: 'container-runtime',
    severity: 'critical',
    title: 'containerd.service failed',
    description:
      'systemd reports containerd failed: without a runtime the kubelet reports "container runtime is down" and the node cannot run pods.',
    remediation:
      'Read the containerd journal for the exit reason; fix config.toml or the disk; restart containerd, or replace the node.',
    source: 'NPD ContainerRuntimeUnhealthy / NMA ContainerRuntimeReady (node unusable → critical)',
    fisHint: 'container runtime crash, node not ready',
    files: SYSTEMD_LOGS,
    contains: ['containerd.service'],
    pattern:
      /(?:Unit containerd\.service entered failed state|containerd\.service: Failed with result '[a-z-]{1,32}')/,
    examples: {
      match: [
        "Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: containerd.service: Failed with result 'exit-code'.",
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: containerd.service: Deactivated successfully.',
      ],
    },
  },
  {
    kind: 'log',
    id: 'container-runtime.etc-hosts-mount-failed',
    pack: 'container-runtime',
    category: 'container-runtime',
    severity: 'medium',
    title: 'Containers fail to mount /etc/hosts',
    description: 'The runtime cannot bind-mount the pod /etc/hosts into containers; the pods fail to start.',
    remediation:
      'Check the kubelet pods directory (/var/lib/kubelet/pods) for a full disk or a read-only file system.',
    source: 'NMA EtcHostsMountFailed',
    files: ['var_log/messages', 'var_log/syslog', 'containerd/containerd-log.txt', ...KUBELET_LOGS],
    contains: ['etc-hosts'],
    pattern: /error mounting \\?"?[^"\s]{0,600}etc-hosts\\?"? to rootfs at \\?"?\/etc\/hosts/,
    examples: {
      match: [
        `${C} time="2026-11-02T10:11:12Z" level=error msg="failed to create task" error="error mounting \\"/var/lib/kubelet/pods/4b1f/etc-hosts\\" to rootfs at \\"/etc/hosts\\": no such file or directory"`,
      ],
      noMatch: [
        `${K} I1102 10:11:12.1 3012 kubelet_pods.go:186] "Creating hosts mount for container" pod="shop/cart" path="/var/lib/kubelet/pods/4b1f/etc-hosts"`,
      ],
    },
  },
];
