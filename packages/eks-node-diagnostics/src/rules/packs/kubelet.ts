import { KUBELET_LOGS, SYSTEMD_LOGS } from '../file-groups';
import type { LogRule } from '../types';

const J = 'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal kubelet[3012]:';

/** Kubelet: PLEG, readiness, pressure and eviction, certificates, API server reachability, restarts, probes. */
export const KUBELET_RULES: readonly LogRule[] = [
  {
    kind: 'log',
    id: 'kubelet.pleg-unhealthy',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'high',
    title: 'Kubelet PLEG is not healthy',
    description:
      'The pod lifecycle event generator stopped relisting containers in time, so the kubelet skips pod synchronisation and the node flaps NotReady. Usually the container runtime is hung or overloaded.',
    remediation:
      'Check containerd health and load (containerd/containerd-log.txt, too many containers, slow disk); restart containerd if hung; look for the known PLEG kernel bugs; drain and replace the node if it persists.',
    source: 'EKS troubleshooting (PLEG); AWS sample node diagnostics rule table',
    fisHint: 'container runtime hang, node not ready, CPU stress',
    files: KUBELET_LOGS,
    contains: ['PLEG is not healthy'],
    pattern:
      /PLEG is not healthy: pleg (?:was last seen active [0-9hms.]{1,32} ago|has yet to be successful)/,
    minOccurrences: 3,
    windowMinutes: 10,
    examples: {
      match: [
        `${J} E1102 10:11:12.123456    3012 kubelet.go:2412] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m5.09s ago; threshold is 3m0s"`,
        `${J} I1102 10:11:12.1 3012 kubelet.go:1879] skipping pod synchronization - PLEG is not healthy: pleg has yet to be successful`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 generic.go:334] "Generic (PLEG): container finished" podID="4b1f" containerID="abc" exitCode=0`,
        `${J} I1102 10:11:12.123456    3012 kubelet.go:2442] "SyncLoop (PLEG): event for pod" pod="default/web-6d4cf56db6-7xk2p"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.node-not-ready',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'critical',
    title: 'Node became NotReady',
    description:
      'The kubelet set the node Ready condition to False: the node cannot run new pods and its pods may be evicted by the control plane.',
    remediation:
      'Read the condition message in the evidence (runtime down, PLEG, network plugin not ready); fix that cause; cordon and drain the node if it does not recover.',
    source: 'kubelet setters.go "Node became not ready" (NMA ContainerRuntimeReady, Fatal → critical)',
    fisHint: 'node not ready, instance failure',
    files: KUBELET_LOGS,
    contains: ['Node became not ready'],
    pattern: /"Node became not ready" node="([^"]{1,253})"/,
    subjectGroup: 1,
    examples: {
      match: [
        `${J} I1102 10:11:12.123456    3012 setters.go:552] "Node became not ready" node="ip-10-0-1-23.ec2.internal" condition={"type":"Ready","status":"False","reason":"KubeletNotReady","message":"container runtime is down"}`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:76] "Successfully registered node" node="ip-10-0-1-23.ec2.internal"`,
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeReady"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.memory-eviction',
    pack: 'kubelet',
    category: 'resource-pressure',
    severity: 'high',
    title: 'Kubelet is evicting pods for memory',
    description:
      'The node crossed the memory eviction threshold (memory.available) and the kubelet evicts pods to reclaim memory: workloads are killed and rescheduled.',
    remediation:
      'Set memory requests and limits that match real use, reserve memory for the system (kubeReserved/systemReserved), and find the pod whose usage grows (container_memory_working_set_bytes).',
    source: 'kubelet eviction manager (NMA/NPD MemoryPressure)',
    fisHint: 'memory pressure, memory exhaustion, OOM, pod eviction',
    files: KUBELET_LOGS,
    contains: ['attempting to reclaim'],
    pattern: /[Ee]viction manager: attempting to reclaim"?,? (?:resourceName=")?memory/,
    examples: {
      match: [
        `${J} I1102 10:11:12.123456    3012 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="memory"`,
        `${J} W1102 10:11:12.123456    3012 eviction_manager.go:142] eviction manager: attempting to reclaim memory`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 eviction_manager.go:189] "Eviction manager: starting control loop"`,
        `${J} I1102 10:11:12.123456    3012 eviction_manager.go:292] "Eviction manager: no resources are starved"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.disk-eviction',
    pack: 'kubelet',
    category: 'storage',
    severity: 'high',
    title: 'Kubelet is evicting pods for disk',
    description:
      'The node crossed a disk eviction threshold (nodefs or imagefs, space or inodes): the kubelet garbage-collects images and evicts pods.',
    remediation:
      'Grow the root volume or move container storage to a larger volume, cap container logs (containerLogMaxSize), and find what fills the disk (storage/pod_local_storage.txt).',
    source: 'kubelet eviction manager (NPD/NMA DiskPressure)',
    fisHint: 'disk full, disk pressure, storage exhaustion',
    files: KUBELET_LOGS,
    contains: ['attempting to reclaim'],
    pattern:
      /[Ee]viction manager: attempting to reclaim"?,? (?:resourceName=")?(?:ephemeral-storage|nodefs|imagefs)/,
    examples: {
      match: [
        `${J} I1102 10:11:12.123456    3012 eviction_manager.go:366] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"`,
        `${J} W1102 10:11:12.1 3012 eviction_manager.go:142] eviction manager: attempting to reclaim nodefs`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 eviction_manager.go:292] "Eviction manager: no resources are starved"`,
        `${J} I1102 10:11:12.123456    3012 image_gc_manager.go:300] "Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=71 highThreshold=85`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.pressure-condition',
    pack: 'kubelet',
    category: 'resource-pressure',
    severity: 'high',
    title: 'Node reports {subject}',
    description:
      'The kubelet recorded a pressure condition on the node (memory, disk or PIDs); the scheduler stops placing pods there and evictions follow. A condition the kubelet later cleared (NodeHasNoDiskPressure, NodeHasSufficientMemory, NodeHasSufficientPID) is reported low, with the time it cleared.',
    remediation:
      'See the matching eviction or state finding for the resource; free it or give the node more of it, and set requests so the scheduler accounts for real use.',
    source:
      'kubelet node status events (NPD/NMA pressure conditions); a later "NodeHasNo…/NodeHasSufficient…" clears it',
    fisHint: 'resource pressure, memory pressure, disk pressure',
    files: KUBELET_LOGS,
    contains: ['event="NodeHas'],
    pattern: /event="(NodeHas(?:DiskPressure|InsufficientMemory|InsufficientPID))"/,
    subjectGroup: 1,
    resolvedBy: {
      contains: ['event="NodeHas'],
      pattern: /event="(NodeHas(?:NoDiskPressure|SufficientMemory|SufficientPID))"/,
      clears: {
        NodeHasNoDiskPressure: 'NodeHasDiskPressure',
        NodeHasSufficientMemory: 'NodeHasInsufficientMemory',
        NodeHasSufficientPID: 'NodeHasInsufficientPID',
      },
      severity: 'low',
      title: 'Node reported {subject}, since cleared',
      examples: [
        `${J} I1102 10:31:12.123456    3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasNoDiskPressure"`,
        `${J} I1102 10:31:12.1 3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasSufficientMemory"`,
        `${J} I1102 10:31:12.1 3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasSufficientPID"`,
      ],
    },
    examples: {
      match: [
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasDiskPressure"`,
        `${J} I1102 10:11:12.1 3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasInsufficientMemory"`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasNoDiskPressure"`,
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasSufficientMemory"`,
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:687] "Recording event message for node" node="ip-10-0-1-23.ec2.internal" event="NodeHasSufficientPID"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.certificate-expired',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'critical',
    title: 'Kubelet TLS fails: a certificate has expired or is not yet valid',
    // Go's x509 error says which: "current time … is after <notAfter>" (expired, or the clock is
    // ahead) or "… is before <notBefore>" (not yet valid: the clock is behind)
    subjectTitles: {
      after: 'Kubelet TLS fails: a certificate has expired (or the node clock is ahead)',
      before: 'Kubelet TLS fails: a certificate is not yet valid (the node clock is behind)',
    },
    description:
      'TLS between the kubelet and the API server fails because a certificate is outside its validity period: expired, or not yet valid because the node clock is wrong (clock skew). The node cannot talk to the API server.',
    remediation:
      'Check the node clock (time-sync findings) first: "is before" in the evidence means the clock is behind; then let the kubelet rotate its client certificate (rotateCertificates) or replace the node.',
    source: 'Go crypto/x509 error text ("current time … is after/before …"); EKS troubleshooting',
    fisHint: 'node not ready, API server unreachable',
    files: KUBELET_LOGS,
    contains: ['x509: certificate has expired'],
    pattern:
      /x509: certificate has expired or is not yet valid(?:: current time \S{1,64} is (after|before) )?/,
    subjectGroup: 1,
    examples: {
      match: [
        `${J} E1102 10:11:12.123456    3012 kubelet_node_status.go:96] "Unable to register node with API server" err="Post \\"https://ABC.gr7.us-east-1.eks.amazonaws.com/api/v1/nodes\\": x509: certificate has expired or is not yet valid: current time 2026-11-02T10:11:12Z is after 2026-10-30T00:00:00Z"`,
        `${J} E1102 08:11:12.123456    3012 reflector.go:158] "Unhandled Error" err="k8s.io/client-go/informers/factory.go:160: Failed to watch *v1.Node: failed to list *v1.Node: Get \\"https://ABC.gr7.us-east-1.eks.amazonaws.com/api/v1/nodes?limit=500\\": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-02T08:11:12Z is before 2026-11-02T09:00:00Z" logger="UnhandledError"`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 certificate_manager.go:356] "Certificate rotation is enabled"`,
        `${J} I1102 10:11:12.123456    3012 dynamic_cafile_content.go:157] "Starting controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.certificate-rotation-failed',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'high',
    title: 'Kubelet cannot get a signed certificate',
    description:
      'The kubelet failed to obtain a signed certificate from the control plane; when the current one expires the node drops out of the cluster.',
    remediation:
      'Check that the node role is mapped in aws-auth or an access entry and that CSRs are approved (kubectl get csr); fix the clock if it is skewed.',
    source: 'kubelet certificate_manager.go',
    files: KUBELET_LOGS,
    contains: ['Failed while requesting a signed certificate'],
    pattern: /Failed while requesting a signed certificate from the (?:control plane|master)/,
    minOccurrences: 2,
    examples: {
      match: [
        `${J} E1102 10:11:12.123456    3012 certificate_manager.go:562] "Failed while requesting a signed certificate from the control plane" err="cannot create certificate signing request: Unauthorized" logger="kubernetes.io/kubelet-serving"`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 certificate_manager.go:578] "Certificate rotation deadline is" deadline="2026-12-01 10:00:00 +0000 UTC"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.api-server-unreachable',
    pack: 'kubelet',
    category: 'networking',
    severity: 'high',
    title: 'Kubelet cannot reach the API server',
    description:
      'Repeated failures to update node status or renew the node lease: if they last past the grace period (40 s by default) the control plane marks the node NotReady and evicts its pods.',
    remediation:
      'Check the route and security groups to the cluster endpoint (networking/curl_api_server.txt), DNS for the endpoint, and any DROP/REJECT rule on 443 (analyze_iptables).',
    source: 'kubelet node status and lease controller; NMA (kubelet health)',
    fisHint: 'network connectivity loss to the API server, network disruption',
    files: KUBELET_LOGS,
    contains: ['will retry', 'Unable to register node'],
    pattern:
      /(?:Error updating node status, will retry|[Ff]ailed to ensure lease exists, will retry|Unable to register node with API server)/,
    minOccurrences: 3,
    windowMinutes: 10,
    examples: {
      match: [
        `${J} E1102 10:11:12.123456    3012 kubelet_node_status.go:540] "Error updating node status, will retry" err="error getting node \\"ip-10-0-1-23.ec2.internal\\": Get \\"https://ABC.eks.amazonaws.com/api/v1/nodes/ip-10-0-1-23\\": dial tcp 10.0.0.10:443: i/o timeout"`,
        `${J} E1102 10:11:12.1 3012 controller.go:145] "Failed to ensure lease exists, will retry" err="context deadline exceeded" interval="7s"`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:76] "Successfully registered node" node="ip-10-0-1-23.ec2.internal"`,
        `${J} I1102 10:11:12.123456    3012 kubelet_node_status.go:73] "Attempting to register node" node="ip-10-0-1-23.ec2.internal"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.node-unauthorized',
    pack: 'kubelet',
    category: 'iam',
    severity: 'critical',
    title: 'API server refuses the node (Unauthorized)',
    description:
      'The API server answers Unauthorized to the kubelet: the node IAM role is not mapped (aws-auth ConfigMap or access entry), so the node never joins.',
    remediation:
      'Map the node instance role in an EKS access entry (type EC2_LINUX) or the aws-auth ConfigMap with groups system:bootstrappers and system:nodes.',
    source: 'EKS troubleshooting "Nodes fail to join cluster"',
    files: KUBELET_LOGS,
    contains: ['Unauthorized'],
    pattern: /"Unable to register node with API server" err="Unauthorized"/,
    examples: {
      match: [
        `${J} E1102 10:11:12.123456    3012 kubelet_node_status.go:96] "Unable to register node with API server" err="Unauthorized" node="ip-10-0-1-23.ec2.internal"`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 server.go:1010] "Authorization is disabled for anonymous" unauthorizedPaths=["/healthz"]`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.frequent-restart',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'high',
    title: 'Kubelet restarts repeatedly',
    description:
      'systemd started the kubelet 5 or more times within 20 minutes: it is crash-looping, and the node flaps between Ready and NotReady.',
    remediation:
      'Read the lines before each start in the kubelet journal for the exit reason (bad config.json, certificate, cgroup driver mismatch) and fix it.',
    source: 'NPD FrequentKubeletRestart (systemd-monitor-counter: 5 in 20m)',
    fisHint: 'kubelet crash, node not ready',
    files: SYSTEMD_LOGS,
    contains: ['Started '],
    pattern: /systemd\[1\]: Started (?:Kubernetes [Kk]ubelet|kubelet\.service)/,
    minOccurrences: 5,
    windowMinutes: 20,
    examples: {
      match: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Started Kubernetes Kubelet.',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Started kubelet.service - Kubernetes Kubelet.',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Started containerd.service - containerd container runtime.',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: Starting Kubernetes Kubelet...',
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.service-failed',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'high',
    title: 'kubelet.service entered the failed state',
    description:
      'systemd reports the kubelet unit failed: while it is down the node runs no new pods and goes NotReady.',
    remediation:
      'Read the kubelet journal just before the failure for the exit reason; fix the configuration or the dependency (containerd, certificates) and restart the unit.',
    source: 'NMA KubeletFailed ("Unit kubelet.service entered failed state"), systemd "Failed with result"',
    fisHint: 'kubelet crash, node not ready',
    files: SYSTEMD_LOGS,
    contains: ['kubelet.service'],
    pattern:
      /(?:Unit kubelet\.service entered failed state|kubelet\.service: Failed with result '[a-z-]{1,32}')/,
    examples: {
      match: [
        "Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: kubelet.service: Failed with result 'exit-code'.",
        'Nov 02 10:11:12 ip-10-0-1-23 systemd[1]: Unit kubelet.service entered failed state.',
      ],
      noMatch: [
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.',
        'Nov 02 10:11:12 ip-10-0-1-23.ec2.internal systemd[1]: kubelet.service: Consumed 1min 3.2s CPU time.',
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.probe-failures',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'low',
    title: 'Pod probes fail faster than 5 per second',
    description:
      'Readiness or liveness probes of pods on this node failed more than 5 times within a second: many pods failing their probes at once points at the node (CPU starvation, pod networking, DNS) rather than one application. aws-node is reported by cni-ipamd.aws-node-not-ready.',
    remediation:
      'See whether the failing pods share a cause on the node (CPU throttling or steal, conntrack or ENA allowance drops, DNS timeouts); for one pod alone, fix its probe endpoint or timeouts.',
    source:
      'NMA ReadinessProbeFailures / LivenessProbeFailures (a limiter of 1/s with a burst of 5: "only above 5/s"; Warning → low per the reference)',
    fisHint: 'CPU stress, network latency',
    files: KUBELET_LOGS,
    contains: ['"Probe failed" probeType="', 'probe for "'],
    // the kubelet's structured wording, and the older `Readiness probe for "pod_ns(uid):container" failed`
    pattern:
      /(?:"Probe failed" probeType="(?:Readiness|Liveness)" pod="(?!kube-system\/aws-node-)([^"]{1,253})"|(?:Readiness|Liveness) probe for "(?!aws-node-)([^"(]{1,253})(?:\([^"]{0,253})?" failed)/,
    subjectGroup: 1,
    minOccurrences: 6,
    windowMinutes: 1 / 60,
    examples: {
      match: [
        `${J} I1102 10:11:12.123456    3012 prober.go:107] "Probe failed" probeType="Readiness" pod="shop/web-6d4cf56db6-7xk2p" podUID="4b1f" containerName="web" probeResult="failure" output="Get \\"http://10.0.1.77:8080/ready\\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"`,
        `${J} I1102 10:11:12.123456    3012 prober.go:107] "Probe failed" probeType="Liveness" pod="shop/cart-7d9f8-abcde" podUID="9f2c" containerName="cart" probeResult="failure" output="command timed out"`,
        `${J} I1102 10:11:12.123456    3012 prober.go:116] Readiness probe for "web-6d4cf56db6-7xk2p_shop(4b1f2c3d-aaaa-bbbb-cccc-123456789abc):web" failed (failure): HTTP probe failed with statuscode: 503`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 prober.go:107] "Probe failed" probeType="Startup" pod="shop/web-6d4cf56db6-7xk2p" podUID="4b1f" containerName="web" probeResult="failure" output="HTTP probe failed with statuscode: 503"`,
        `${J} I1102 10:11:12.123456    3012 kubelet.go:2442] "SyncLoop (probe)" probe="liveness" status="unhealthy" pod="shop/web-6d4cf56db6-7xk2p"`,
      ],
    },
  },
  {
    kind: 'log',
    id: 'kubelet.pod-stuck-terminating',
    pack: 'kubelet',
    category: 'kubelet',
    severity: 'critical',
    title: 'Pod stuck terminating: {subject}',
    description:
      'A pod keeps containers in a non-exited state and cannot be removed: the container runtime no longer stops containers on this node.',
    remediation:
      'Inspect the container with crictl; restart containerd; if the task is in uninterruptible sleep (hung-task finding) the node needs a reboot or replacement.',
    source: 'NMA PodStuckTerminating (MinOccurrences 2, Fatal → critical)',
    files: KUBELET_LOGS,
    contains: ['non-exited state'],
    pattern:
      /"Pod still has one or more containers in the non-exited state and will not be removed from desired state" pod="([^"]{1,253})"/,
    subjectGroup: 1,
    minOccurrences: 2,
    examples: {
      match: [
        `${J} I1102 10:11:12.123456    3012 kubelet.go:2053] "Pod still has one or more containers in the non-exited state and will not be removed from desired state" pod="shop/cart-7d9f8-abcde"`,
      ],
      noMatch: [
        `${J} I1102 10:11:12.123456    3012 kubelet.go:2430] "SyncLoop DELETE" source="api" pods=["shop/cart-7d9f8-abcde"]`,
      ],
    },
  },
];
