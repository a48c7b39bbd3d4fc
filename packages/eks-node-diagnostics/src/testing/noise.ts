/** A small deterministic PRNG (mulberry32), so generated bundles are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `Nov 02 10:11:12` (journalctl short format). */
export function journalTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `I1102 10:11:12.123456` (klog header without the level letter). */
export function klogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${pad(Math.floor(ms % 1000), 3)}`;
}

/** Healthy kubelet messages (klog), as a real node logs them all day. */
export const KUBELET_NOISE: ReadonlyArray<[string, string, string]> = [
  [
    'I',
    'kubelet.go:2442',
    '"SyncLoop (PLEG): event for pod" pod="shop/web-6d4cf56db6-{id}" event={"ID":"4b1f","Type":"ContainerStarted","Data":"9f2c"}',
  ],
  ['I', 'kubelet.go:2430', '"SyncLoop ADD" source="api" pods=["shop/web-6d4cf56db6-{id}"]'],
  ['I', 'kubelet.go:2437', '"SyncLoop UPDATE" source="api" pods=["batch/report-{id}"]'],
  [
    'I',
    'reconciler_common.go:258',
    '"operationExecutor.VerifyControllerAttachedVolume started for volume \\"kube-api-access-{id}\\"" pod="shop/web-6d4cf56db6-{id}"',
  ],
  [
    'I',
    'operation_generator.go:637',
    '"MountVolume.SetUp succeeded for volume \\"kube-api-access-{id}\\"" pod="shop/web-6d4cf56db6-{id}"',
  ],
  [
    'I',
    'kuberuntime_manager.go:1013',
    '"No sandbox for pod can be found. Need to start a new one" pod="shop/web-6d4cf56db6-{id}"',
  ],
  [
    'I',
    'pod_startup_latency_tracker.go:102',
    '"Observed pod startup duration" pod="shop/web-6d4cf56db6-{id}" podStartSLOduration=2.31 podStartE2EDuration="2.31s"',
  ],
  [
    'I',
    'kubelet_node_status.go:687',
    '"Recording event message for node" node="{host}" event="NodeHasSufficientMemory"',
  ],
  [
    'I',
    'kubelet_node_status.go:687',
    '"Recording event message for node" node="{host}" event="NodeHasNoDiskPressure"',
  ],
  [
    'I',
    'kubelet_node_status.go:687',
    '"Recording event message for node" node="{host}" event="NodeHasSufficientPID"',
  ],
  ['I', 'generic.go:334', '"Generic (PLEG): container finished" podID="4b1f" containerID="{id}" exitCode=0'],
  ['I', 'scope.go:117', '"RemoveContainer" containerID="{id}"'],
  [
    'I',
    'image_gc_manager.go:300',
    '"Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold" usage=71 highThreshold=85 amountToFree=0 lowThreshold=80',
  ],
  ['I', 'eviction_manager.go:189', '"Eviction manager: starting control loop"'],
  [
    'I',
    'prober.go:107',
    '"Probe failed" probeType="Readiness" pod="shop/web-6d4cf56db6-{id}" podUID="4b1f" containerName="web" probeResult="failure" output="Get \\"http://10.0.1.77:8080/ready\\": dial tcp 10.0.1.77:8080: connect: connection refused"',
  ],
  [
    'I',
    'kubelet.go:2442',
    '"SyncLoop (probe)" probe="readiness" status="ready" pod="kube-system/aws-node-7xk2p"',
  ],
  [
    'I',
    'kubelet_pods.go:186',
    '"Creating hosts mount for container" pod="shop/cart" path="/var/lib/kubelet/pods/4b1f/etc-hosts"',
  ],
  [
    'W',
    'reflector.go:547',
    'object-"shop"/"web-config": watch of *v1.ConfigMap ended with: an error on the server ("unable to decode an event from the watch stream: http2: client connection lost") has prevented the request from succeeding',
  ],
  ['I', 'server.go:1010', '"Authorization is disabled for anonymous" unauthorizedPaths=["/healthz"]'],
  [
    'E',
    'kuberuntime_manager.go:1256',
    '"Failed to pull image" err="rpc error: code = NotFound desc = failed to pull and unpack image \\"public.ecr.aws/shop/web:typo\\"" image="public.ecr.aws/shop/web:typo"',
  ],
];

/** Healthy kernel and system messages for /var/log/messages. */
export const MESSAGES_NOISE: readonly string[] = [
  'systemd[1]: Started Session {n} of User ec2-user.',
  'systemd[1]: Starting update-motd.service - Dynamically Generate Message Of The Day...',
  'systemd[1]: update-motd.service: Deactivated successfully.',
  'systemd-logind[812]: New session {n} of user ec2-user.',
  'dhclient[1011]: XMT: Solicit on eth0, interval 112140ms.',
  'chronyd[801]: Selected source 169.254.169.123',
  'chronyd[801]: System clock wrong by 0.000412 seconds, adjustment started',
  'kernel: IPv6: ADDRCONF(NETDEV_CHANGE): eni{id}: link becomes ready',
  'kernel: eni{id}: Caught tx_queue_len zero misconfig',
  'containerd[2811]: time="{iso}" level=info msg="RunPodSandbox for &PodSandboxMetadata{Name:web-6d4cf56db6-{id},} returns sandbox id \\"{id}\\""',
  'containerd[2811]: time="{iso}" level=info msg="StartContainer for \\"{id}\\" returns successfully"',
  'ec2net: [rewrite_rules] Rewriting rules for eth1',
  'amazon-ssm-agent[1502]: {iso} INFO [ssm-agent-worker] [MessageService] [Association] No associations on boot.',
  'rngd[790]: stats: FIPS 140-2 failures: 0',
];

/** Healthy containerd journal messages (logfmt). */
export const CONTAINERD_NOISE: readonly string[] = [
  'level=info msg="RunPodSandbox for &PodSandboxMetadata{Name:web-6d4cf56db6-{id},Namespace:shop,} returns sandbox id \\"{id}\\""',
  'level=info msg="CreateContainer within sandbox \\"{id}\\" for &ContainerMetadata{Name:web,Attempt:0,} returns container id \\"{id}\\""',
  'level=info msg="StartContainer for \\"{id}\\" returns successfully"',
  'level=info msg="PullImage \\"public.ecr.aws/nginx/nginx:1.27\\" returns image reference \\"sha256:{id}\\""',
  'level=info msg="ImageUpdate event name:\\"public.ecr.aws/nginx/nginx:1.27\\""',
  'level=info msg="StopPodSandbox for \\"{id}\\" returns successfully"',
  'level=info msg="TearDown network for sandbox \\"{id}\\" successfully"',
  'level=info msg="shim disconnected" id={id} namespace=k8s.io',
];

/** Healthy ipamd messages (JSON). */
export const IPAMD_NOISE: ReadonlyArray<[string, string]> = [
  ['debug', 'IP pool stats: Total IPs/Prefixes = 28/0, AssignedIPs/CooldownIPs: 11/0, c.maxIPsPerENI = 14'],
  ['debug', 'Found ENI eni-0{id} that has less than the maximum number of IP/Prefixes attached'],
  ['info', 'Received AddNetwork for NS /var/run/netns/cni-{id}, Sandbox {id}, ifname eth0'],
  ['info', 'Send AddNetworkReply: IPv4Addr: 10.0.1.{n}, IPv6Addr: , DeviceNumber: 0, err: <nil>'],
  ['info', 'Received DelNetwork for Sandbox {id}'],
  ['debug', 'Reconciling ENI/IP pool info because time since last 1m0.002s > 1m0s'],
  ['debug', 'Successfully Reconciled ENI/IP pool'],
];

/** Healthy kube-proxy container log lines. */
export const KUBE_PROXY_NOISE: readonly string[] = [
  'stderr F I{klog}       1 proxier.go:803] "SyncProxyRules complete" elapsed="112.3ms"',
  'stderr F I{klog}       1 proxier.go:1520] "Reloading service iptables data" numServices=48 numEndpoints=97 numFilterChains=6 numFilterRules=7 numNATChains=101 numNATRules=242',
  'stderr F I{klog}       1 shared_informer.go:320] Caches are synced for endpoint slice config',
];

/** Healthy CoreDNS log lines. */
export const COREDNS_NOISE: readonly string[] = [
  'stdout F [INFO] 10.0.1.{n}:40212 - {n} "A IN api.example.com. udp 33 false 512" NOERROR qr,rd,ra 60 0.001s',
  'stdout F [INFO] 10.0.1.{n}:40212 - {n} "AAAA IN web.shop.svc.cluster.local. udp 50 false 512" NOERROR qr,aa,rd 143 0.000s',
  'stdout F [INFO] 10.0.1.{n}:51512 - {n} "A IN nosuch.example. udp 33 false 512" NXDOMAIN qr,rd,ra 108 0.002s',
];
