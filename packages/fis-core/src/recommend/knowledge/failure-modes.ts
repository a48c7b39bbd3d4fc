import type { FailureMode } from './types';

const doc = (name: string) => `arn:aws:ssm:{region}::document/${name}`;
const ssmParams = (extra: Record<string, string> = {}) =>
  JSON.stringify({ DurationSeconds: '{durationSeconds}', InstallDependencies: 'True', ...extra });

/**
 * The failure modes the recommender knows: where (contexts), what (symptoms), and the FIS actions
 * that reproduce them, best first. Parameter values may use `{region}`, `{durationSeconds}`,
 * `{duration}` and `{az}`, filled in from the finding and the target configuration.
 * Every catalog action is reachable from at least one mode (a test checks it).
 */
export const FAILURE_MODES: FailureMode[] = [
  // ── Kubernetes workloads ────────────────────────────────────────────────────────────────
  {
    id: 'k8s-pod-cpu',
    title: 'CPU saturation in Kubernetes pods',
    contexts: ['k8s'],
    symptoms: ['cpu'],
    actions: [{ actionId: 'aws:eks:pod-cpu-stress', weight: 1, parameters: { percent: '80' } }],
    steadyState: 'The service keeps its latency and error-rate SLOs while pods run hot.',
    expectedBehaviour:
      'CPU limits and the HorizontalPodAutoscaler absorb the load; no pod is restarted by failing probes.',
  },
  {
    id: 'k8s-pod-memory',
    title: 'Memory exhaustion in Kubernetes pods',
    contexts: ['k8s'],
    symptoms: ['memory'],
    actions: [
      { actionId: 'aws:eks:pod-memory-stress', weight: 1, parameters: { percent: '80' } },
      {
        actionId: 'aws:eks:pod-delete',
        weight: 0.45,
        why: 'an OOM-killed pod is a deleted pod to its callers',
      },
    ],
    steadyState: 'Requests keep succeeding within SLO while memory use in the pods climbs.',
    expectedBehaviour:
      'Memory limits contain the pressure; an OOM-killed container restarts and traffic shifts to healthy replicas.',
  },
  {
    id: 'k8s-pod-io',
    title: 'I/O pressure in Kubernetes pods',
    contexts: ['k8s'],
    symptoms: ['disk-io', 'disk-full', 'io-stall'],
    actions: [{ actionId: 'aws:eks:pod-io-stress', weight: 1 }],
    steadyState: 'Request latency stays within SLO while the pods’ file systems are under I/O load.',
    expectedBehaviour:
      'The application tolerates slow local storage; ephemeral-storage limits evict misbehaving pods cleanly.',
  },
  {
    id: 'k8s-pod-latency',
    title: 'Slow network between pods and their dependencies',
    contexts: ['k8s'],
    symptoms: ['latency'],
    actions: [
      { actionId: 'aws:eks:pod-network-latency', weight: 1 },
      { actionId: 'aws:eks:pod-network-packet-loss', weight: 0.5 },
    ],
    steadyState: 'End-to-end latency and error rate stay within SLO.',
    expectedBehaviour:
      'Timeouts, retries with backoff and circuit breakers keep callers responsive when a dependency slows down.',
  },
  {
    id: 'k8s-pod-packet-loss',
    title: 'Packet loss on pod traffic',
    contexts: ['k8s'],
    symptoms: ['packet-loss'],
    actions: [
      { actionId: 'aws:eks:pod-network-packet-loss', weight: 1 },
      { actionId: 'aws:eks:pod-network-latency', weight: 0.5 },
    ],
    steadyState: 'Error rate stays within SLO despite lossy links.',
    expectedBehaviour:
      'TCP retransmission and application retries hide the loss; no request fails without a retry.',
  },
  {
    id: 'k8s-pod-dependency-blocked',
    title: 'A dependency unreachable from pods',
    contexts: ['k8s'],
    symptoms: ['port-blocked', 'connectivity-loss'],
    actions: [
      { actionId: 'aws:eks:pod-network-blackhole-port', weight: 1 },
      { actionId: 'aws:eks:pod-network-latency', weight: 0.35 },
    ],
    steadyState: 'The service answers (perhaps degraded) while one dependency is unreachable.',
    expectedBehaviour:
      'Connection timeouts are short, fallbacks serve cached or partial answers, and nothing hangs.',
  },
  {
    id: 'k8s-pod-dns-blocked',
    title: 'DNS unreachable from pods',
    contexts: ['k8s'],
    symptoms: ['dns-failure'],
    actions: [
      {
        actionId: 'aws:eks:pod-network-blackhole-port',
        weight: 1,
        parameters: { port: '53', protocol: 'udp', trafficType: 'egress' },
        why: 'dropping egress UDP 53 makes every lookup from the pods fail',
      },
    ],
    steadyState: 'The service answers (perhaps degraded) while name lookups fail.',
    expectedBehaviour:
      'Cached DNS answers and short resolver timeouts keep requests flowing; alarms fire on lookup errors.',
  },
  {
    id: 'k8s-pod-loss',
    title: 'Pods crashing or being deleted',
    contexts: ['k8s'],
    symptoms: ['process-crash', 'replica-loss'],
    actions: [{ actionId: 'aws:eks:pod-delete', weight: 1 }],
    steadyState: 'Availability stays within SLO while pods disappear.',
    expectedBehaviour:
      'Enough replicas and a PodDisruptionBudget keep the service up; replacements become ready quickly.',
  },
  {
    id: 'k8s-native-dns-chaos',
    title: 'DNS errors in Kubernetes through a Chaos Mesh DNSChaos resource',
    contexts: ['k8s-chaos-tools'],
    symptoms: ['dns-failure'],
    actions: [
      {
        actionId: 'aws:eks:inject-kubernetes-custom-resource',
        weight: 1,
        parameters: { kubernetesApiVersion: 'chaos-mesh.org/v1alpha1', kubernetesKind: 'DNSChaos' },
        why: 'a Chaos Mesh DNSChaos resource makes lookups from the selected pods fail or return wrong answers',
      },
    ],
    steadyState: 'The workload keeps its SLOs while some name lookups fail.',
    expectedBehaviour:
      'Cached DNS answers and retries absorb the failed lookups; the chaos resource is removed at the end.',
  },
  {
    id: 'k8s-native-chaos',
    title: 'Kubernetes-native chaos through a custom resource',
    contexts: ['k8s-chaos-tools'],
    symptoms: [],
    actions: [{ actionId: 'aws:eks:inject-kubernetes-custom-resource', weight: 1 }],
    steadyState: 'The workload keeps its SLOs during the injected fault.',
    expectedBehaviour:
      'The fault (DNS, clock, HTTP or I/O chaos) is absorbed; the chaos resource is removed at the end.',
  },
  {
    id: 'eks-node-loss',
    title: 'Loss of EKS worker nodes',
    contexts: ['eks-nodes'],
    symptoms: ['instance-loss', 'replica-loss', 'process-crash', 'az-outage', 'reboot'],
    actions: [
      {
        actionId: 'aws:eks:terminate-nodegroup-instances',
        weight: 1,
        parameters: { instanceTerminationPercentage: '25' },
      },
      { actionId: 'aws:eks:pod-delete', weight: 0.4 },
    ],
    steadyState: 'Availability stays within SLO while a share of the node group is terminated.',
    expectedBehaviour:
      'Pods reschedule onto remaining nodes, the node group replaces the instances, and PDBs hold.',
  },
  // ── ECS ─────────────────────────────────────────────────────────────────────────────────
  {
    id: 'ecs-cpu',
    title: 'CPU saturation in ECS tasks',
    contexts: ['ecs'],
    symptoms: ['cpu'],
    actions: [{ actionId: 'aws:ecs:task-cpu-stress', weight: 1, parameters: { percent: '80' } }],
    steadyState: 'The service keeps its SLOs while tasks run hot.',
    expectedBehaviour: 'Service auto scaling adds tasks before latency degrades.',
  },
  {
    id: 'ecs-io',
    title: 'I/O pressure in ECS tasks',
    contexts: ['ecs'],
    symptoms: ['disk-io', 'disk-full', 'io-stall'],
    actions: [{ actionId: 'aws:ecs:task-io-stress', weight: 1 }],
    steadyState: 'Latency stays within SLO while the tasks’ storage is under load.',
    expectedBehaviour: 'The application tolerates slow local storage without failing health checks.',
  },
  {
    id: 'ecs-memory',
    title: 'ECS tasks killed for memory',
    contexts: ['ecs'],
    symptoms: ['memory'],
    actions: [
      {
        actionId: 'aws:ecs:stop-task',
        weight: 0.85,
        why: 'a task that exceeds its memory is stopped by ECS',
      },
      {
        actionId: 'aws:ecs:task-kill-process',
        weight: 0.7,
        parameters: { signal: 'SIGKILL' },
        why: 'SIGKILL is what the OOM killer sends',
      },
    ],
    steadyState: 'The service stays available when a task is killed for memory.',
    expectedBehaviour: 'ECS replaces the task, the load balancer drains it, and callers retry.',
    limitation:
      'FIS has no memory-stress action for ECS tasks (the aws:ecs:task-* actions stress CPU and I/O only): stopping a task or SIGKILLing its process reproduces what the OOM killer does, not the memory pressure before it. On EC2 container instances, aws:ssm:send-command with AWSFIS-Run-Memory-Stress loads the host instead.',
  },
  {
    id: 'ecs-latency',
    title: 'Slow network from ECS tasks',
    contexts: ['ecs'],
    symptoms: ['latency'],
    actions: [
      { actionId: 'aws:ecs:task-network-latency', weight: 1 },
      { actionId: 'aws:ecs:task-network-packet-loss', weight: 0.5 },
    ],
    steadyState: 'End-to-end latency and error rate stay within SLO.',
    expectedBehaviour: 'Timeouts and retries keep the service responsive when a dependency slows down.',
  },
  {
    id: 'ecs-packet-loss',
    title: 'Packet loss on ECS task traffic',
    contexts: ['ecs'],
    symptoms: ['packet-loss'],
    actions: [
      { actionId: 'aws:ecs:task-network-packet-loss', weight: 1 },
      { actionId: 'aws:ecs:task-network-latency', weight: 0.5 },
    ],
    steadyState: 'Error rate stays within SLO despite lossy links.',
    expectedBehaviour: 'Retries hide the loss; no request fails without a retry.',
  },
  {
    id: 'ecs-dns-blocked',
    title: 'DNS unreachable from ECS tasks',
    contexts: ['ecs'],
    symptoms: ['dns-failure'],
    actions: [
      {
        actionId: 'aws:ecs:task-network-blackhole-port',
        weight: 1,
        parameters: { port: '53', protocol: 'udp', trafficType: 'egress' },
        why: 'dropping egress UDP 53 makes every lookup from the tasks fail',
      },
    ],
    steadyState: 'The service answers (perhaps degraded) while name lookups fail.',
    expectedBehaviour:
      'Cached DNS answers and short resolver timeouts keep requests flowing; alarms fire on lookup errors.',
  },
  {
    id: 'ecs-dependency-blocked',
    title: 'A dependency unreachable from ECS tasks',
    contexts: ['ecs'],
    symptoms: ['port-blocked', 'connectivity-loss'],
    actions: [{ actionId: 'aws:ecs:task-network-blackhole-port', weight: 1 }],
    steadyState: 'The service answers (perhaps degraded) while one dependency is unreachable.',
    expectedBehaviour: 'Short connection timeouts and fallbacks keep the tasks healthy.',
  },
  {
    id: 'ecs-task-loss',
    title: 'ECS tasks stopping',
    contexts: ['ecs'],
    symptoms: ['replica-loss', 'instance-loss'],
    actions: [{ actionId: 'aws:ecs:stop-task', weight: 1 }],
    steadyState: 'Availability stays within SLO while tasks are stopped.',
    expectedBehaviour:
      'The service scheduler starts replacements and the load balancer routes around the stopped tasks.',
  },
  {
    id: 'ecs-process-crash',
    title: 'A process crashing inside ECS tasks',
    contexts: ['ecs'],
    symptoms: ['process-crash'],
    actions: [
      { actionId: 'aws:ecs:task-kill-process', weight: 1 },
      { actionId: 'aws:ecs:stop-task', weight: 0.8 },
    ],
    steadyState: 'The service stays available when its main process dies.',
    expectedBehaviour:
      'The essential container exits, ECS replaces the task, and health checks catch it quickly.',
  },
  {
    id: 'ecs-host-drain',
    title: 'ECS container instances draining',
    contexts: ['ecs-cluster'],
    symptoms: ['instance-loss', 'replica-loss', 'capacity', 'reboot'],
    actions: [
      { actionId: 'aws:ecs:drain-container-instances', weight: 1, parameters: { drainagePercentage: '25' } },
      { actionId: 'aws:ecs:stop-task', weight: 0.4 },
    ],
    steadyState: 'Availability stays within SLO while a share of container instances drains.',
    expectedBehaviour:
      'Tasks move to the remaining instances and the capacity provider scales the cluster out.',
  },
  // ── EC2 ─────────────────────────────────────────────────────────────────────────────────
  {
    id: 'ec2-cpu',
    title: 'CPU saturation on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['cpu'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-CPU-Stress'),
          documentParameters: ssmParams({ LoadPercent: '80' }),
        },
        why: 'AWSFIS-Run-CPU-Stress loads the CPUs of the instances',
      },
      {
        actionId: 'aws:ec2:stop-instances',
        weight: 0.3,
        why: 'removing capacity tests that auto scaling replaces it',
      },
    ],
    steadyState: 'Latency and error rate stay within SLO while instances run hot.',
    expectedBehaviour: 'CPU alarms fire and the Auto Scaling group scales out before users notice.',
  },
  {
    id: 'ec2-memory',
    title: 'Memory exhaustion on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['memory'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Memory-Stress'),
          documentParameters: ssmParams({ Percent: '80' }),
        },
        why: 'AWSFIS-Run-Memory-Stress consumes memory on the instances',
      },
    ],
    steadyState: 'The service keeps its SLOs while memory on the instances is nearly exhausted.',
    expectedBehaviour:
      'Memory alarms fire; the OOM killer picks the stress process, not the service; the service recovers on its own.',
  },
  {
    id: 'ec2-disk-full',
    title: 'A full disk on EC2 instances',
    contexts: ['ec2', 'ebs'],
    symptoms: ['disk-full'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Disk-Fill'),
          documentParameters: ssmParams({ Percent: '95' }),
        },
        why: 'AWSFIS-Run-Disk-Fill fills the root file system',
      },
    ],
    steadyState: 'The service keeps serving while the disk fills.',
    expectedBehaviour: 'Disk alarms fire, log rotation or cleanup frees space, and writes fail gracefully.',
  },
  {
    id: 'ec2-io',
    title: 'I/O pressure on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['disk-io'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 0.9,
        parameters: {
          documentArn: doc('AWSFIS-Run-IO-Stress'),
          documentParameters: ssmParams({ Percent: '80' }),
        },
        why: 'AWSFIS-Run-IO-Stress saturates the instances’ storage',
      },
      { actionId: 'aws:ebs:volume-io-latency', weight: 0.75 },
    ],
    steadyState: 'Latency stays within SLO under heavy disk I/O.',
    expectedBehaviour: 'The application tolerates slow storage; I/O alarms fire.',
  },
  {
    id: 'ec2-latency',
    title: 'Slow network on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['latency'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Network-Latency'),
          documentParameters: ssmParams({ DelayMilliseconds: '200' }),
        },
        why: 'AWSFIS-Run-Network-Latency adds delay to the instances’ traffic',
      },
      { actionId: 'aws:network:disrupt-connectivity', weight: 0.4, parameters: { scope: 'all' } },
    ],
    steadyState: 'End-to-end latency and error rate stay within SLO.',
    expectedBehaviour: 'Timeouts, retries with backoff and circuit breakers keep callers responsive.',
  },
  {
    id: 'ec2-packet-loss',
    title: 'Packet loss on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['packet-loss'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Network-Packet-Loss'),
          documentParameters: ssmParams({ LossPercent: '7' }),
        },
        why: 'AWSFIS-Run-Network-Packet-Loss drops packets on the instances',
      },
    ],
    steadyState: 'Error rate stays within SLO despite lossy links.',
    expectedBehaviour: 'Retries hide the loss; no request fails without a retry.',
  },
  {
    id: 'ec2-port-blocked',
    title: 'A dependency port blocked on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['port-blocked'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Network-Blackhole-Port'),
          documentParameters: ssmParams({ Protocol: 'tcp', Port: '443', TrafficType: 'egress' }),
        },
        why: 'AWSFIS-Run-Network-Blackhole-Port drops traffic to one port',
      },
    ],
    steadyState: 'The service answers (perhaps degraded) while one dependency is unreachable.',
    expectedBehaviour: 'Short connection timeouts and fallbacks keep the service up.',
  },
  {
    id: 'ec2-dns-blocked',
    title: 'DNS unreachable from EC2 instances',
    contexts: ['ec2'],
    symptoms: ['dns-failure'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Network-Blackhole-Port'),
          documentParameters: ssmParams({ Protocol: 'udp', Port: '53', TrafficType: 'egress' }),
        },
        why: 'AWSFIS-Run-Network-Blackhole-Port on UDP 53 makes every lookup from the instances fail',
      },
    ],
    steadyState: 'The service answers (perhaps degraded) while name lookups fail.',
    expectedBehaviour:
      'Cached DNS answers and short resolver timeouts keep requests flowing; alarms fire on lookup errors.',
  },
  {
    id: 'ec2-process-crash',
    title: 'A process crashing on EC2 instances',
    contexts: ['ec2'],
    symptoms: ['process-crash'],
    actions: [
      {
        actionId: 'aws:ssm:send-command',
        weight: 1,
        parameters: {
          documentArn: doc('AWSFIS-Run-Kill-Process'),
          documentParameters: JSON.stringify({ ProcessName: '<YOUR PROCESS NAME>', Signal: 'SIGKILL' }),
        },
        why: 'AWSFIS-Run-Kill-Process kills the named process',
      },
      { actionId: 'aws:ec2:reboot-instances', weight: 0.4 },
    ],
    steadyState: 'The service stays available when its process dies.',
    expectedBehaviour:
      'A supervisor (systemd) restarts the process and the load balancer routes around it meanwhile.',
  },
  {
    id: 'ec2-instance-loss',
    title: 'Loss of EC2 instances',
    contexts: ['ec2', 'asg'],
    symptoms: ['instance-loss'],
    actions: [
      {
        actionId: 'aws:ec2:stop-instances',
        weight: 1,
        parameters: { startInstancesAfterDuration: '{duration}' },
      },
      { actionId: 'aws:ec2:terminate-instances', weight: 0.9 },
      { actionId: 'aws:ec2:reboot-instances', weight: 0.45 },
    ],
    steadyState: 'Availability stays within SLO while instances disappear.',
    expectedBehaviour:
      'The load balancer removes them, the Auto Scaling group replaces them, and no request is lost.',
  },
  {
    id: 'ec2-termination',
    title: 'EC2 instances terminated',
    contexts: ['ec2', 'asg'],
    symptoms: ['termination'],
    actions: [
      { actionId: 'aws:ec2:terminate-instances', weight: 1 },
      {
        actionId: 'aws:ec2:stop-instances',
        weight: 0.6,
        parameters: { startInstancesAfterDuration: '{duration}' },
      },
    ],
    steadyState: 'Availability stays within SLO when instances are terminated.',
    expectedBehaviour:
      'Nothing lives only on one instance: the group replaces it and no work or data is lost.',
  },
  {
    id: 'ec2-reboot',
    title: 'EC2 instances rebooting',
    contexts: ['ec2'],
    symptoms: ['reboot'],
    actions: [
      { actionId: 'aws:ec2:reboot-instances', weight: 1 },
      {
        actionId: 'aws:ec2:stop-instances',
        weight: 0.5,
        parameters: { startInstancesAfterDuration: '{duration}' },
      },
    ],
    steadyState: 'The service stays available while instances reboot.',
    expectedBehaviour: 'Instances come back healthy and rejoin the load balancer without manual steps.',
  },
  {
    id: 'spot-interruption',
    title: 'Spot Instance interruptions',
    contexts: ['spot'],
    symptoms: [],
    actions: [
      {
        actionId: 'aws:ec2:send-spot-instance-interruptions',
        weight: 1,
        parameters: { durationBeforeInterruption: 'PT2M' },
      },
    ],
    steadyState: 'Availability stays within SLO while Spot capacity is reclaimed.',
    expectedBehaviour:
      'The interruption notice triggers a graceful drain and replacement capacity arrives in time.',
  },
  {
    id: 'asg-capacity',
    title: 'Auto Scaling group cannot launch capacity',
    contexts: ['asg'],
    symptoms: ['capacity', 'az-outage'],
    actions: [
      {
        actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
        weight: 1,
        parameters: { percentage: '100' },
      },
      { actionId: 'aws:ec2:api-insufficient-instance-capacity-error', weight: 0.6 },
    ],
    steadyState: 'The service keeps its SLOs when one AZ has no capacity for new instances.',
    expectedBehaviour: 'The group launches in other AZs or other instance types (mixed instances policy).',
  },
  {
    id: 'ec2-capacity',
    title: 'EC2 insufficient instance capacity',
    contexts: ['ec2', 'aws-api', 'eks-nodes'],
    symptoms: ['capacity'],
    actions: [
      {
        actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
        weight: 1,
        parameters: { percentage: '100' },
      },
      {
        actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
        weight: 0.75,
        parameters: { percentage: '100' },
      },
    ],
    steadyState: 'The service keeps its SLOs when launches fail with InsufficientInstanceCapacity.',
    expectedBehaviour: 'The launcher falls back to other AZs or instance types and retries with backoff.',
  },
  // ── Databases and caches ────────────────────────────────────────────────────────────────
  {
    id: 'aurora-failover',
    title: 'Aurora cluster failover',
    contexts: ['aurora'],
    symptoms: ['failover', 'instance-loss', 'reboot', 'server-errors', 'connectivity-loss', 'process-crash'],
    actions: [
      { actionId: 'aws:rds:failover-db-cluster', weight: 1 },
      { actionId: 'aws:rds:reboot-db-instances', weight: 0.55 },
    ],
    steadyState: 'Writes succeed within SLO, with at most a short burst of retried errors.',
    expectedBehaviour:
      'A reader is promoted within about 30 s; clients reconnect to the new writer through the cluster endpoint.',
  },
  {
    id: 'rds-failover',
    title: 'RDS Multi-AZ failover',
    contexts: ['rds'],
    symptoms: ['failover'],
    actions: [
      { actionId: 'aws:rds:reboot-db-instances', weight: 1, parameters: { forceFailover: 'true' } },
      { actionId: 'aws:rds:failover-db-cluster', weight: 0.75 },
    ],
    steadyState: 'Writes succeed within SLO, with at most a short burst of retried errors.',
    expectedBehaviour: 'The standby takes over; connection pools drop stale connections and reconnect.',
  },
  {
    id: 'rds-instance-loss',
    title: 'RDS instance restart or loss',
    contexts: ['rds'],
    symptoms: [
      'reboot',
      'instance-loss',
      'process-crash',
      'server-errors',
      'connectivity-loss',
      'unavailable',
    ],
    actions: [
      { actionId: 'aws:rds:reboot-db-instances', weight: 1 },
      { actionId: 'aws:rds:failover-db-cluster', weight: 0.6 },
    ],
    steadyState: 'The application degrades gracefully while the database restarts.',
    expectedBehaviour: 'Requests fail fast or queue, connection pools reconnect, and no data is lost.',
  },
  {
    id: 'db-connection-exhaustion',
    title: 'Database connection exhaustion',
    contexts: ['rds', 'aurora'],
    symptoms: ['connection-exhaustion'],
    actions: [
      {
        actionId: 'aws:ssm:start-automation-execution',
        weight: 0.95,
        why: 'a runbook opens connections until the limit (as in AWS’s database-connection-limit-exhaustion template)',
      },
      { actionId: 'aws:rds:reboot-db-instances', weight: 0.5 },
    ],
    steadyState: 'The service keeps answering while the database is at its connection limit.',
    expectedBehaviour:
      'Pools cap their size, requests queue briefly or shed load, and alarms on connections fire.',
  },
  {
    id: 'db-lock-contention',
    title: 'Database lock contention',
    contexts: ['rds', 'aurora'],
    symptoms: ['lock-contention'],
    actions: [
      {
        actionId: 'aws:ssm:start-automation-execution',
        weight: 1,
        why: 'a runbook holds locks on hot rows (as in AWS’s database-blocking-locks template)',
      },
    ],
    steadyState: 'Latency stays within SLO while some rows are locked.',
    expectedBehaviour: 'Statement timeouts release blocked work, and lock-wait alarms fire.',
  },
  {
    id: 'dynamodb-replication',
    title: 'DynamoDB global table replication paused',
    contexts: ['dynamodb'],
    symptoms: ['replication', 'region-outage'],
    actions: [
      { actionId: 'aws:dynamodb:global-table-pause-replication', weight: 1 },
      { actionId: 'aws:network:disrupt-connectivity', weight: 0.55, parameters: { scope: 'dynamodb' } },
    ],
    steadyState: 'Reads and writes in this Region keep succeeding while replication is paused.',
    expectedBehaviour:
      'Replication lag alarms fire; the application tolerates stale cross-Region reads; replication catches up.',
  },
  {
    id: 'dynamodb-unreachable',
    title: 'DynamoDB endpoint unreachable',
    contexts: ['dynamodb'],
    symptoms: ['connectivity-loss', 'port-blocked', 'latency', 'unavailable'],
    actions: [
      { actionId: 'aws:network:disrupt-connectivity', weight: 0.9, parameters: { scope: 'dynamodb' } },
    ],
    steadyState: 'The service degrades gracefully when DynamoDB cannot be reached.',
    expectedBehaviour: 'Calls time out quickly, caches serve reads, and writes are queued or fail clearly.',
  },
  {
    id: 'dynamodb-throttling',
    title: 'DynamoDB requests throttled',
    contexts: ['dynamodb'],
    symptoms: ['throttling', 'capacity'],
    actions: [
      {
        actionId: 'aws:network:disrupt-connectivity',
        weight: 0.8,
        approximate: true,
        parameters: { scope: 'dynamodb' },
        why: 'blocking the DynamoDB endpoint from the subnets exercises the timeouts, retries with backoff and fallbacks that throttled calls rely on; calls fail outright instead of being throttled',
      },
    ],
    steadyState: 'The service keeps its SLOs, perhaps degraded, while DynamoDB calls fail.',
    expectedBehaviour:
      'SDK retries with exponential backoff and jitter, caches and fallbacks absorb the failures; retries do not amplify the load.',
  },
  {
    id: 'elasticache-az-power',
    title: 'ElastiCache nodes lost in one AZ',
    contexts: ['elasticache'],
    symptoms: ['az-outage', 'failover', 'instance-loss', 'reboot', 'process-crash', 'replica-loss'],
    actions: [
      {
        actionId: 'aws:elasticache:replicationgroup-interrupt-az-power',
        weight: 1,
        why: 'cutting power to the nodes in one AZ fails over every primary there (set availabilityZoneIdentifier to the AZ of the primary)',
      },
      {
        actionId: 'aws:ssm:start-automation-execution',
        weight: 0.6,
        parameters: {
          documentArn: 'arn:aws:ssm:{region}:<YOUR AWS ACCOUNT>:document/<YOUR ELASTICACHE FAILOVER RUNBOOK>',
          documentParameters: JSON.stringify({
            tagKey: 'FIS-Ready',
            tagValue: 'True',
            region: '{region}',
            AutomationAssumeRole: 'arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR SSM AUTOMATION ROLE NAME>',
          }),
          maxDuration: 'PT30M',
        },
        why: 'a runbook you deploy fails over the primary node of the tagged replication groups, as AWS’s elasticache-redis-primary-node-failover template does',
      },
    ],
    steadyState: 'Cache hit rate and latency recover within minutes; requests keep succeeding.',
    expectedBehaviour: 'A replica in another AZ is promoted and clients reconnect to the primary endpoint.',
  },
  {
    id: 'elasticache-unreachable',
    title: 'Cache connections failing',
    contexts: ['elasticache'],
    symptoms: [
      'connectivity-loss',
      'port-blocked',
      'connection-exhaustion',
      'latency',
      'server-errors',
      'unavailable',
    ],
    actions: [
      {
        actionId: 'aws:ssm:start-automation-execution',
        weight: 0.85,
        why: 'AWS’s elasticache-redis-connection-failure template blocks cache connections through a runbook',
      },
      { actionId: 'aws:elasticache:replicationgroup-interrupt-az-power', weight: 0.7 },
    ],
    steadyState: 'The service keeps answering, from the database, while the cache is unreachable.',
    expectedBehaviour: 'Cache calls time out fast, the database absorbs the extra load, and nothing hangs.',
  },
  {
    id: 'cache-cross-region-replication',
    title: 'ElastiCache replication falling behind',
    contexts: ['elasticache'],
    symptoms: ['replication'],
    // aws:memorydb:multi-region-cluster-pause-replication targets MemoryDB multi-Region clusters
    // only: it cannot pause the replication of an ElastiCache replication group or Global Datastore.
    actions: [],
    steadyState: 'Reads and writes keep succeeding while replicas fall behind.',
    expectedBehaviour: 'Replication lag is alarmed; reads that need fresh data go to the primary.',
    limitation:
      'FIS has no action that pauses or delays ElastiCache replication (within a replication group or across Regions with Global Datastore); aws:memorydb:multi-region-cluster-pause-replication works on MemoryDB multi-Region clusters only.',
  },
  {
    id: 'memorydb-replication',
    title: 'MemoryDB multi-Region replication paused',
    contexts: ['memorydb'],
    symptoms: [],
    actions: [{ actionId: 'aws:memorydb:multi-region-cluster-pause-replication', weight: 1 }],
    steadyState: 'Reads and writes in this Region keep succeeding while replication is paused.',
    expectedBehaviour: 'Replication lag is visible and alarmed; replication catches up afterwards.',
  },
  {
    id: 'dsql-connection-failure',
    title: 'Aurora DSQL connections failing',
    contexts: ['dsql'],
    symptoms: [],
    actions: [
      { actionId: 'aws:dsql:cluster-connection-failure', weight: 1, parameters: { percentage: '50' } },
    ],
    steadyState: 'Transactions keep succeeding, with retries, while some connections fail.',
    expectedBehaviour: 'The client retries on a new connection; the error rate stays within budget.',
  },
  // ── Serverless and streams ──────────────────────────────────────────────────────────────
  {
    id: 'lambda-errors',
    title: 'Lambda invocations failing',
    contexts: ['lambda'],
    symptoms: ['server-errors', 'process-crash', 'unavailable'],
    actions: [
      {
        actionId: 'aws:lambda:invocation-error',
        weight: 1,
        parameters: { preventExecution: 'true', invocationPercentage: '20' },
      },
      { actionId: 'aws:lambda:invocation-http-integration-response', weight: 0.5 },
    ],
    steadyState: 'The workflow completes (with retries) while a share of invocations fails.',
    expectedBehaviour: 'Retries, dead-letter queues and error alarms handle the failures; nothing is lost.',
  },
  {
    id: 'lambda-latency',
    title: 'Slow Lambda start-up',
    contexts: ['lambda'],
    symptoms: ['cold-start', 'latency'],
    actions: [
      {
        actionId: 'aws:lambda:invocation-add-delay',
        weight: 1,
        parameters: { invocationPercentage: '20', startupDelayMilliseconds: '2000' },
      },
    ],
    steadyState: 'Callers keep their latency SLO while some invocations start slowly.',
    expectedBehaviour: 'Timeouts are set above the added delay or callers fail fast and retry.',
  },
  {
    id: 'lambda-throttling',
    title: 'Lambda invocations throttled',
    contexts: ['lambda'],
    symptoms: ['throttling'],
    actions: [
      {
        actionId: 'aws:lambda:invocation-error',
        weight: 0.8,
        approximate: true,
        parameters: { preventExecution: 'true', invocationPercentage: '20' },
        why: 'with preventExecution the function code does not run, as with a throttled invocation: callers get an error and must retry or dead-letter it (a function error, not 429 TooManyRequestsException)',
      },
      {
        actionId: 'aws:lambda:invocation-add-delay',
        weight: 0.6,
        approximate: true,
        parameters: { invocationPercentage: '50', startupDelayMilliseconds: '2000' },
        why: 'slower invocations hold their concurrency longer (concurrency ≈ request rate × duration), so at production traffic the function can reach its concurrency limit and be throttled for real; at low traffic it only adds latency',
      },
    ],
    steadyState: 'Callers keep their SLOs, with retries, while invocations are slow or fail.',
    expectedBehaviour:
      'Callers back off and retry (asynchronous invocations are retried by Lambda); nothing is lost, and concurrency alarms fire before users notice.',
    limitation:
      'FIS cannot throttle Lambda: throttling at the concurrency limit (429 TooManyRequestsException) is a quota being reached, not a fault FIS injects. The Lambda actions delay or fail invocations; only real load can push a function to its limit.',
  },
  {
    id: 'lambda-http',
    title: 'Bad HTTP responses from a Lambda integration',
    contexts: ['lambda'],
    symptoms: ['http-errors'],
    actions: [
      {
        actionId: 'aws:lambda:invocation-http-integration-response',
        weight: 1,
        parameters: {
          statusCode: '502',
          contentTypeHeader: 'application/json',
          preventExecution: 'true',
          invocationPercentage: '20',
        },
      },
      {
        actionId: 'aws:lambda:invocation-error',
        weight: 0.6,
        parameters: { preventExecution: 'true', invocationPercentage: '20' },
      },
    ],
    steadyState: 'The API keeps its error budget while the integration returns errors.',
    expectedBehaviour: 'Clients retry idempotent calls and the front end shows a clear error, not a hang.',
  },
  {
    id: 'kinesis-throughput',
    title: 'Kinesis throughput exceeded',
    contexts: ['kinesis'],
    symptoms: ['throttling', 'capacity', 'server-errors'],
    actions: [
      {
        actionId: 'aws:kinesis:stream-provisioned-throughput-exception',
        weight: 1,
        parameters: { percentage: '50' },
      },
      { actionId: 'aws:fis:inject-api-throttle-error', weight: 0.45, parameters: { service: 'kinesis' } },
    ],
    steadyState: 'Producers and consumers keep up, with retries, while calls are throttled.',
    expectedBehaviour: 'Clients back off and retry; no record is lost; iterator age recovers.',
  },
  {
    id: 'kinesis-api-errors',
    title: 'Kinesis API calls failing',
    contexts: ['kinesis'],
    symptoms: ['unavailable', 'server-errors'],
    actions: [
      {
        actionId: 'aws:fis:inject-api-unavailable-error',
        weight: 0.9,
        parameters: { service: 'kinesis', operations: 'GetRecords,GetShardIterator', percentage: '50' },
      },
      {
        actionId: 'aws:fis:inject-api-internal-error',
        weight: 0.8,
        parameters: { service: 'kinesis', operations: 'GetRecords,GetShardIterator', percentage: '50' },
      },
      {
        actionId: 'aws:kinesis:stream-provisioned-throughput-exception',
        weight: 0.5,
        parameters: { percentage: '50' },
      },
    ],
    steadyState: 'Producers and consumers keep up, with retries, while Kinesis calls fail.',
    expectedBehaviour: 'Clients back off and retry instead of crashing; no record is lost.',
  },
  {
    id: 'kinesis-expired-iterator',
    title: 'Kinesis iterators expiring',
    contexts: ['kinesis'],
    symptoms: ['expired-iterator', 'latency', 'replication'],
    actions: [
      {
        actionId: 'aws:kinesis:stream-expired-iterator-exception',
        weight: 1,
        parameters: { percentage: '50' },
      },
      {
        actionId: 'aws:kinesis:stream-provisioned-throughput-exception',
        weight: 0.4,
        parameters: { percentage: '50' },
      },
    ],
    steadyState: 'Consumers keep processing with bounded iterator age.',
    expectedBehaviour:
      'Consumers request a new iterator from their checkpoint and neither skip nor duplicate records.',
  },
  {
    id: 'msk-broker-reboot',
    title: 'An Amazon MSK broker restarting',
    contexts: ['msk'],
    symptoms: [
      'reboot',
      'instance-loss',
      'failover',
      'process-crash',
      'replica-loss',
      'unavailable',
      'connectivity-loss',
      'latency',
    ],
    actions: [
      {
        actionId: 'aws:ssm:start-automation-execution',
        weight: 1,
        parameters: {
          documentArn: 'arn:aws:ssm:{region}:<YOUR AWS ACCOUNT>:document/<YOUR MSK BROKER REBOOT RUNBOOK>',
          documentParameters: JSON.stringify({
            tagKey: 'FIS-Ready',
            tagValue: 'True',
            brokerSelection: 'random',
            region: '{region}',
            AutomationAssumeRole: 'arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR SSM AUTOMATION ROLE NAME>',
          }),
          maxDuration: 'PT21M',
        },
        why: 'a runbook you deploy reboots one broker of the tagged clusters (kafka:RebootBroker) and waits for it to recover, as AWS’s msk-broker-reboot template does',
      },
    ],
    steadyState: 'Producers and consumers keep their SLOs while one broker restarts.',
    expectedBehaviour:
      'Partition leadership moves to in-sync replicas, clients reconnect and retry, and no acknowledged record is lost.',
    limitation:
      'FIS has no action or target type for Amazon MSK: it cannot reboot or stop a broker itself. AWS’s fis-template-library does it with aws:ssm:start-automation-execution and an Automation runbook (msk-broker-reboot) that you deploy in your account with its own role.',
  },
  {
    id: 'sqs-impairment',
    title: 'An SQS queue unavailable',
    contexts: ['sqs'],
    symptoms: ['unavailable', 'connectivity-loss'],
    actions: [
      {
        actionId: 'aws:ssm:start-automation-execution',
        weight: 1,
        parameters: {
          documentArn: 'arn:aws:ssm:{region}:<YOUR AWS ACCOUNT>:document/<YOUR SQS IMPAIRMENT RUNBOOK>',
          documentParameters: JSON.stringify({
            tagKey: 'FIS-Ready',
            tagValue: 'True',
            duration: '{duration}',
            AutomationAssumeRole: 'arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR SSM AUTOMATION ROLE NAME>',
          }),
          maxDuration: 'PT1H',
        },
        why: 'a runbook you deploy applies a deny-all policy to the tagged queues for the duration, as AWS’s sqs-queue-impairment template does',
      },
    ],
    steadyState: 'Producers and consumers keep their SLOs, perhaps degraded, while the queue refuses calls.',
    expectedBehaviour:
      'Producers buffer or fail clearly, consumers back off, and the backlog drains once the queue is back.',
    limitation:
      'FIS has no action or target type for Amazon SQS: it cannot impair a queue itself. AWS’s fis-template-library does it with aws:ssm:start-automation-execution and an Automation runbook (sqs-queue-impairment) that you deploy in your account.',
  },
  {
    id: 'clock-skew',
    title: 'Clocks drifting',
    contexts: [],
    symptoms: ['clock-skew'],
    actions: [],
    steadyState: 'Requests keep succeeding while one host’s clock is off.',
    expectedBehaviour: 'Token validation and ordering tolerate the configured skew; NTP alarms fire.',
    limitation:
      'FIS has no action that skews clocks on EC2 instances, ECS tasks or Lambda; on EKS, a Chaos Mesh TimeChaos resource through aws:eks:inject-kubernetes-custom-resource can.',
  },
  // ── Storage ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'replication-unnamed-store',
    title: 'Replication falling behind (store not named)',
    contexts: [],
    symptoms: ['replication'],
    actions: [
      { actionId: 'aws:dynamodb:global-table-pause-replication', weight: 0.45 },
      { actionId: 'aws:s3:bucket-pause-replication', weight: 0.4 },
    ],
    steadyState: 'The primary Region keeps serving while replication is paused.',
    expectedBehaviour: 'Replication lag is alarmed and replication catches up afterwards.',
  },
  {
    id: 's3-replication',
    title: 'S3 replication paused',
    contexts: ['s3'],
    symptoms: ['replication'],
    actions: [{ actionId: 'aws:s3:bucket-pause-replication', weight: 1 }],
    steadyState: 'Writes to the source bucket keep succeeding while replication is paused.',
    expectedBehaviour: 'Replication lag alarms fire and replication catches up afterwards.',
  },
  {
    id: 's3-unreachable',
    title: 'S3 unreachable from the VPC',
    contexts: ['s3'],
    symptoms: ['connectivity-loss', 'latency', 'server-errors', 'port-blocked', 'unavailable'],
    actions: [{ actionId: 'aws:network:disrupt-connectivity', weight: 0.9, parameters: { scope: 's3' } }],
    steadyState: 'The service degrades gracefully when S3 cannot be reached.',
    expectedBehaviour: 'Calls time out fast and retry; uploads are buffered or fail clearly.',
  },
  {
    id: 'ebs-latency',
    title: 'EBS volume latency',
    contexts: ['ebs'],
    symptoms: ['disk-io', 'latency'],
    actions: [
      {
        actionId: 'aws:ebs:volume-io-latency',
        weight: 1,
        parameters: { readIOLatencyMilliseconds: '100', writeIOLatencyMilliseconds: '100' },
      },
      { actionId: 'aws:ebs:pause-volume-io', weight: 0.7 },
    ],
    steadyState: 'Latency stays within SLO while storage is slow.',
    expectedBehaviour: 'I/O latency alarms fire; the application and database tolerate the slowdown.',
  },
  {
    id: 'ebs-stall',
    title: 'EBS volume I/O stalled',
    contexts: ['ebs', 'ec2'],
    symptoms: ['io-stall'],
    actions: [
      { actionId: 'aws:ebs:pause-volume-io', weight: 1, parameters: { duration: 'PT2M' } },
      { actionId: 'aws:ebs:volume-io-latency', weight: 0.6 },
    ],
    steadyState: 'The service survives a volume that stops answering.',
    expectedBehaviour:
      'Health checks mark the instance unhealthy, traffic moves away, and I/O resumes cleanly.',
  },
  // ── Network ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'subnet-connectivity-loss',
    title: 'Loss of connectivity for subnets',
    contexts: ['network'],
    symptoms: ['connectivity-loss', 'port-blocked', 'packet-loss'],
    actions: [{ actionId: 'aws:network:disrupt-connectivity', weight: 1, parameters: { scope: 'all' } }],
    steadyState: 'The service keeps its SLOs while one subnet is cut off.',
    expectedBehaviour: 'Load balancers and clients route around the isolated subnet.',
  },
  {
    id: 'az-outage',
    title: 'An Availability Zone impaired',
    contexts: [],
    symptoms: ['az-outage'],
    actions: [
      {
        actionId: 'aws:network:disrupt-connectivity',
        weight: 0.9,
        parameters: { scope: 'all' },
        why: 'cutting the AZ’s subnets off reproduces an AZ impairment',
      },
      {
        actionId: 'aws:ec2:stop-instances',
        weight: 0.75,
        parameters: { startInstancesAfterDuration: '{duration}' },
      },
      { actionId: 'aws:arc:start-zonal-autoshift', weight: 0.6 },
    ],
    steadyState: 'The service keeps its SLOs with one AZ impaired.',
    expectedBehaviour: 'Traffic shifts to healthy AZs and capacity there scales to absorb it.',
  },
  {
    id: 'cross-az-latency',
    title: 'Traffic between AZs slowed or cut',
    contexts: ['network'],
    symptoms: ['az-outage'],
    actions: [
      {
        actionId: 'aws:network:disrupt-connectivity',
        weight: 0.95,
        parameters: { scope: 'availability-zone' },
      },
    ],
    steadyState: 'The service keeps its SLOs when cross-AZ traffic fails.',
    expectedBehaviour: 'Zonal isolation keeps requests within their AZ.',
  },
  {
    id: 'vpc-endpoint-down',
    title: 'Interface VPC endpoint unavailable',
    contexts: ['vpc-endpoint'],
    symptoms: [],
    actions: [{ actionId: 'aws:network:disrupt-vpc-endpoint', weight: 1 }],
    steadyState: 'The service degrades gracefully when a PrivateLink endpoint stops answering.',
    expectedBehaviour: 'Calls through the endpoint time out fast and alarms fire.',
  },
  {
    id: 'transit-gateway-down',
    title: 'Transit gateway cross-Region path lost',
    contexts: ['transit-gateway'],
    symptoms: [],
    actions: [
      { actionId: 'aws:network:transit-gateway-disrupt-cross-region-connectivity', weight: 1 },
      { actionId: 'aws:network:route-table-disrupt-cross-region-connectivity', weight: 0.5 },
    ],
    steadyState: 'Each Region keeps serving its users while the inter-Region path is down.',
    expectedBehaviour: 'Cross-Region calls fail fast and the Regions operate independently.',
  },
  {
    id: 'cross-region-link-loss',
    title: 'Cross-Region connectivity lost',
    contexts: ['cross-region'],
    symptoms: [
      'connectivity-loss',
      'latency',
      'region-outage',
      'server-errors',
      'port-blocked',
      'unavailable',
    ],
    actions: [
      { actionId: 'aws:network:route-table-disrupt-cross-region-connectivity', weight: 1 },
      { actionId: 'aws:network:transit-gateway-disrupt-cross-region-connectivity', weight: 0.55 },
    ],
    steadyState: 'Each Region keeps serving its users while the other Region is unreachable.',
    expectedBehaviour: 'Cross-Region calls fail fast; the failover plan works without the other Region.',
  },
  {
    id: 'direct-connect-down',
    title: 'Direct Connect virtual interface down',
    contexts: ['direct-connect'],
    symptoms: [],
    actions: [{ actionId: 'aws:directconnect:virtual-interface-disconnect', weight: 1 }],
    steadyState: 'Traffic to on-premises keeps flowing over the redundant path.',
    expectedBehaviour: 'BGP fails over to the backup connection or VPN within the expected time.',
  },
  // ── AWS APIs, zonal shift, alarms, runbooks ────────────────────────────────────────────
  {
    id: 'aws-api-throttling',
    title: 'AWS API calls throttled',
    contexts: ['aws-api'],
    symptoms: ['throttling'],
    actions: [
      {
        actionId: 'aws:fis:inject-api-throttle-error',
        weight: 1,
        parameters: { service: 'ec2', percentage: '50' },
      },
    ],
    steadyState: 'The automation keeps working, more slowly, while AWS API calls are throttled.',
    expectedBehaviour: 'SDK retries with exponential backoff and jitter absorb the throttling.',
  },
  {
    id: 'service-api-throttling',
    title: 'Calls to an AWS service throttled',
    contexts: [
      'dynamodb',
      's3',
      'kinesis',
      'sqs',
      'lambda',
      'msk',
      'aurora',
      'rds',
      'elasticache',
      'memorydb',
      'dsql',
    ],
    symptoms: ['throttling'],
    actions: [
      {
        // The service parameter is the API the finding names: when the catalog does not list it for
        // the action, the recommender drops the action and says FIS cannot throttle that API.
        actionId: 'aws:fis:inject-api-throttle-error',
        weight: 0.9,
        parameters: { percentage: '50' },
        why: 'it returns throttling errors to the callers of the API the finding names',
      },
    ],
    steadyState: 'The service keeps working, more slowly, while calls to its dependency are throttled.',
    expectedBehaviour:
      'SDK retries with exponential backoff and jitter absorb the throttling; retries do not amplify it.',
  },
  {
    id: 'aws-api-throttling-implicit',
    title: 'EC2 API calls throttled',
    contexts: ['ec2', 'asg', 'eks-nodes'],
    symptoms: ['throttling'],
    actions: [
      {
        actionId: 'aws:fis:inject-api-throttle-error',
        weight: 0.85,
        parameters: { service: 'ec2', percentage: '50' },
        why: 'throttling around EC2 is almost always its API throttling the callers',
      },
    ],
    steadyState: 'Automation that calls the EC2 API keeps working, more slowly, while it is throttled.',
    expectedBehaviour:
      'Callers retry with exponential backoff and jitter instead of amplifying the throttling.',
  },
  {
    id: 'aws-api-internal-errors',
    title: 'AWS API calls failing with internal errors',
    contexts: ['aws-api'],
    symptoms: ['server-errors'],
    actions: [
      {
        actionId: 'aws:fis:inject-api-internal-error',
        weight: 1,
        parameters: { service: 'ec2', percentage: '50' },
      },
      {
        actionId: 'aws:fis:inject-api-unavailable-error',
        weight: 0.7,
        parameters: { service: 'ec2', percentage: '50' },
      },
    ],
    steadyState: 'The automation keeps working while AWS API calls fail intermittently.',
    expectedBehaviour:
      'Retries handle transient 5xx errors and the caller reports persistent failure clearly.',
  },
  {
    id: 'aws-api-unavailable',
    title: 'AWS API unavailable',
    contexts: ['aws-api'],
    symptoms: ['unavailable'],
    actions: [
      {
        actionId: 'aws:fis:inject-api-unavailable-error',
        weight: 1,
        parameters: { service: 'ec2', percentage: '50' },
      },
      {
        actionId: 'aws:fis:inject-api-internal-error',
        weight: 0.6,
        parameters: { service: 'ec2', percentage: '50' },
      },
    ],
    steadyState: 'The automation keeps working while an AWS API is unavailable.',
    expectedBehaviour: 'Callers back off and retry; no workflow is left half done.',
  },
  {
    id: 'zonal-shift',
    title: 'Traffic shifted away from an AZ',
    contexts: ['arc'],
    symptoms: [],
    actions: [
      { actionId: 'aws:arc:start-zonal-autoshift', weight: 1 },
      { actionId: 'aws:network:disrupt-connectivity', weight: 0.3, parameters: { scope: 'all' } },
    ],
    steadyState: 'The service keeps its SLOs with one AZ’s traffic shifted away.',
    expectedBehaviour: 'Remaining AZs have the capacity to absorb the shifted traffic.',
  },
  {
    id: 'alarm-verification',
    title: 'Alarms that must fire',
    contexts: ['monitoring'],
    symptoms: ['alarm-gap'],
    actions: [
      { actionId: 'aws:cloudwatch:assert-alarm-state', weight: 1, parameters: { alarmStates: 'ALARM' } },
      { actionId: 'aws:fis:wait', weight: 0.5 },
    ],
    steadyState: 'The alarms that guard the service are in OK state before the fault.',
    expectedBehaviour: 'The alarms reach ALARM within the expected detection time once the fault starts.',
  },
  {
    id: 'sequencing',
    title: 'Staged experiment with observation windows',
    contexts: ['sequencing'],
    symptoms: [],
    actions: [
      { actionId: 'aws:fis:wait', weight: 0.75 },
      { actionId: 'aws:cloudwatch:assert-alarm-state', weight: 0.4, parameters: { alarmStates: 'OK' } },
    ],
    steadyState: 'The system settles between stages of the experiment.',
    expectedBehaviour: 'Each stage’s effect is observed before the next begins.',
  },
  {
    id: 'runbook-fault',
    title: 'A custom fault run by an SSM Automation runbook',
    contexts: ['runbook', 'cloudfront'],
    symptoms: [],
    actions: [{ actionId: 'aws:ssm:start-automation-execution', weight: 1 }],
    steadyState: 'The service keeps its SLOs while the runbook injects the fault.',
    expectedBehaviour: 'The fault is absorbed and the runbook’s rollback step restores the resource.',
  },
];
