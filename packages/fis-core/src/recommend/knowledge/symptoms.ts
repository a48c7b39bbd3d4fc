import type { SignalDefinition } from './types';

/** What went wrong: the symptoms a finding describes, in the words incidents use. */
export const SYMPTOMS: SignalDefinition[] = [
  {
    id: 'cpu',
    label: 'CPU saturation',
    terms: [
      ['cpu', 2.5], ['processor', 1.5], ['load average', 2], ['cpu throttl*', 2], ['compute bound', 2],
      ['cpu bound', 2.5], ['hot loop', 1.5], ['busy loop', 1.5], ['cpu credit', 2], ['burst credit', 1.5],
      ['core pegged', 2], ['pegged', 1.2], ['saturat*', 0.6], ['vcpu', 2], ['utilization', 0.5], ['steal', 0.8],
      ['noisy neighbor', 1], ['regex backtrack*', 1.2], ['spinning', 1], ['100 percent', 0.8],
    ],
  },
  {
    id: 'memory',
    label: 'memory exhaustion',
    terms: [
      ['memory', 2.5], ['oom', 3], ['oom killed', 3], ['out of memory', 3], ['outofmemory*', 3], ['heap', 2],
      ['memory leak', 3], ['rss', 1.5], ['swap', 1.5], ['gc pause', 1.5], ['garbage collect*', 1.5], ['leak*', 1.2],
      ['memory pressure', 3], ['exit code 137', 2.5], ['137', 0.8], ['ram', 1.5], ['mem', 1.5], ['resident set', 1.5],
    ],
  },
  {
    id: 'disk-io',
    label: 'slow or stalled storage I/O',
    terms: [
      ['iops', 2], ['io wait', 2.5], ['iowait', 2.5], ['disk latency', 3], ['slow disk', 2.5], ['io stall*', 3],
      ['stalled io', 3], ['fsync', 2], ['write latency', 2], ['read latency', 2], ['disk queue', 2.5],
      ['queue depth', 2], ['io', 1], ['i o', 1.5], ['disk throughput', 2], ['volume latency', 3], ['storage latency', 3],
      ['disk', 0.8], ['checkpoint', 0.6], ['wal', 0.8], ['commit latency', 1.5], ['io bound', 2],
      ['throughput', 0.3], ['volume', 0.4], ['burst balance', 2],
    ],
  },
  {
    id: 'io-stall',
    label: 'storage I/O that stops completely',
    terms: [
      ['hung task', 2.5], ['blocked for more than', 3], ['d state', 2], ['io freeze', 3.5], ['freez*', 1.5],
      ['io pause', 3.5], ['io stall*', 3], ['stall*', 1.5], ['hung', 1.2], ['hang', 1], ['stuck', 1.2],
      ['unresponsive volume', 3.5], ['volume impaired', 3.5], ['impaired volume', 3.5], ['io error', 2],
      ['read only file system', 2], ['remount*', 1.5], ['frozen', 1.5], ['no io', 2.5], ['io', 0.4],
    ],
  },
  {
    id: 'disk-full',
    label: 'a full disk',
    terms: [
      ['disk full', 3], ['no space left', 3], ['enospc', 3], ['filesystem full', 3], ['file system full', 3],
      ['volume full', 3], ['disk usage', 2], ['disk space', 2.5], ['filled up', 1.5], ['ran out of disk', 3],
      ['inode', 2], ['log rotation', 1.2], ['full disk', 3], ['100 full', 1], ['out of space', 2.5],
      ['disk pressure', 2.5], ['ephemeral storage', 2],
    ],
  },
  {
    id: 'latency',
    label: 'added network latency',
    terms: [
      ['latency', 2], ['slow', 1], ['slowness', 1.5], ['timeout', 1.5], ['timed out', 1.5], ['time out', 1.5],
      ['delay', 1.2], ['delayed', 1], ['lag', 0.8], ['p99', 1.5], ['p95', 1.5], ['p90', 1.2], ['tail latency', 2],
      ['jitter', 2], ['rtt', 2], ['round trip', 1.5], ['response time', 1.5], ['sluggish', 1.5], ['brownout', 1.5],
      ['degraded', 0.6], ['took', 0.3], ['ms', 0.5], ['second', 0.3], ['deadline exceeded', 1.5], ['504', 0.8],
      ['gateway timeout', 1.2], ['hang', 0.8], ['hung', 0.6], ['crawl*', 1],
    ],
  },
  {
    id: 'packet-loss',
    label: 'packet loss',
    terms: [
      ['packet loss', 3.5], ['dropped packet', 3.5], ['packet drop', 3.5], ['retransmi*', 3], ['lossy', 2.5],
      ['flaky network', 2], ['intermittent connectivity', 1.5], ['intermittent', 0.6], ['tcp retr*', 3],
      ['drops', 0.8], ['dropping', 0.8], ['loss', 1], ['packets', 1.2], ['dup ack', 2], ['reset', 0.5],
      ['blip', 0.6], ['choppy', 1.5],
    ],
  },
  {
    id: 'port-blocked',
    label: 'a dependency port unreachable',
    terms: [
      ['port', 1.5], ['connection refused', 2.5], ['econnrefused', 2.5], ['blocked', 1], ['firewall', 1.2],
      ['security group', 1], ['egress', 0.8], ['ingress', 0.5], ['blackhole*', 2.5], ['black hole', 2.5],
      ['cannot connect', 1.2], ['could not connect', 1.2], ['unable to connect', 1.2], ['connect timeout', 1.5],
      ['dependency', 0.8], ['downstream', 0.6], ['upstream', 0.6], ['unreachable', 1], ['dns', 1],
      ['udp', 1.5], ['tcp', 0.8], ['5432', 1.5], ['3306', 1.5], ['6379', 1.5], ['443', 0.8], ['53', 0.8],
      ['no route to host', 1.5], ['connection reset', 1],
    ],
  },
  {
    id: 'connectivity-loss',
    label: 'loss of network connectivity',
    terms: [
      ['network partition', 3], ['partition', 1.5], ['connectivity', 2], ['unreachable', 1.5], ['isolated', 1.5],
      ['split brain', 2.5], ['cannot reach', 1.5], ['could not reach', 1.5], ['network outage', 3],
      ['network down', 3], ['cut off', 2], ['lost connectivity', 3], ['loss of connectivity', 3], ['no route', 1.5],
      ['blackhole*', 1.5], ['outage', 0.6], ['disconnect*', 1.5], ['link down', 2.5], ['network failure', 2.5],
      ['nacl', 1], ['route table', 1], ['timed out', 0.5], ['connection timeout', 1], ['severed', 2],
    ],
  },
  {
    id: 'process-crash',
    label: 'a crashed or killed process',
    terms: [
      ['crash', 2], ['crashed', 2], ['segfault', 3], ['segmentation fault', 3], ['process died', 3], ['process exit*', 2.5],
      ['killed', 1.2], ['sigkill', 2.5], ['sigterm', 2], ['sigsegv', 3], ['panic', 2], ['core dump*', 3],
      ['exit code', 1.5], ['exited', 1.2], ['died', 1.5], ['restart*', 1], ['crashloop*', 2], ['crash loop', 2],
      ['abort*', 0.8], ['daemon', 0.8], ['process', 1], ['worker process', 1.5], ['supervisor', 1], ['pid', 1],
      ['fatal', 1], ['unhandled exception', 1.5], ['stack trace', 1],
    ],
  },
  {
    id: 'replica-loss',
    label: 'loss of tasks, pods or replicas',
    terms: [
      ['evicted', 2], ['evict*', 1.5], ['pod deleted', 3], ['deleted', 0.8], ['reschedul*', 2], ['rolling restart', 2],
      ['task stopped', 2.5], ['stopped task', 2.5], ['tasks stopped', 2.5], ['replica', 0.8], ['replacement', 1],
      ['redeploy*', 1], ['preempt*', 1.5], ['terminated', 1], ['killed', 0.8], ['went away', 1.2], ['disappear*', 1.5],
      ['lost', 0.6], ['restarted', 1], ['restart*', 0.8], ['drain*', 0.6], ['scaled in', 1.2], ['scale in', 1.2],
      ['not enough replica', 2], ['single replica', 2], ['one replica', 2], ['unavailable replica', 2],
    ],
  },
  {
    id: 'instance-loss',
    label: 'loss of an instance or host',
    terms: [
      ['instance failure', 3], ['host failure', 3], ['hardware failure', 3], ['instance terminated', 3],
      ['instance retirement', 3], ['retirement', 2], ['scheduled event', 2], ['underlying host', 3],
      ['degraded hardware', 3], ['impaired', 2], ['status check', 2.5], ['system status check', 3],
      ['instance status check', 3], ['went down', 1.5], ['host down', 2.5], ['node died', 2.5], ['lost node', 2.5],
      ['node failure', 2.5], ['instance stopped', 2.5], ['unresponsive', 1.2], ['terminat*', 1],
      ['single point of failure', 2], ['spof', 2], ['stopped', 0.8], ['dead', 1], ['died', 0.8], ['crashed', 0.6],
      ['lost', 0.5], ['outage', 0.5], ['fail', 0.4], ['failed', 0.4], ['kernel panic', 2],
    ],
  },
  {
    id: 'reboot',
    label: 'a reboot',
    terms: [
      ['reboot*', 3], ['restart*', 1], ['patch*', 1.5], ['maintenance window', 2], ['kernel update', 2],
      ['os update', 2], ['bounce', 1.5], ['bounced', 1.5], ['power cycle', 2.5], ['maintenance', 1.2],
      ['engine upgrade', 1.5], ['minor version upgrade', 2], ['pending maintenance', 2.5],
    ],
  },
  {
    id: 'failover',
    label: 'a failover',
    terms: [
      ['failover', 3], ['fail over', 3], ['failed over', 3], ['fails over', 3], ['failing over', 3],
      ['promot*', 2], ['primary switch', 2.5], ['election', 1.5], ['new primary', 2.5], ['new writer', 2.5],
      ['writer switch*', 2.5], ['flip*', 1], ['switchover', 2.5], ['switched over', 2.5], ['dns flip', 2],
      ['endpoint changed', 2], ['standby', 1.2], ['multi az', 1.2], ['primary', 0.8], ['writer', 0.8],
      ['read only', 1.5], ['readonly', 1.5], ['read only transaction', 2], ['cannot execute', 1],
      ['stale connection', 1.5], ['stale dns', 1.5], ['reconnect*', 1], ['connection drop*', 1],
    ],
  },
  {
    id: 'replication',
    label: 'replication lag or a replication stop',
    terms: [
      ['replication', 2.5], ['replicat*', 1.5], ['replica lag', 3], ['replication lag', 3.5], ['stale read', 2.5],
      ['eventual consistency', 2], ['eventually consistent', 2], ['out of sync', 2], ['diverge*', 1.5],
      ['sync', 0.8], ['crr', 1.5], ['lag', 1], ['behind', 0.8], ['backlog', 0.6], ['last writer wins', 2],
      ['conflict', 1], ['missing object', 1.5], ['not replicated', 3], ['copy', 0.4],
    ],
  },
  {
    id: 'throttling',
    label: 'throttling',
    terms: [
      ['throttl*', 3], ['rate exceeded', 3], ['rate limit*', 2.5], ['429', 2.5], ['too many request*', 3],
      ['throughput exceeded', 3], ['provisioned throughput exceeded', 3.5], ['request limit exceeded', 3],
      ['slow down', 1.5], ['slowdown', 2], ['limit exceeded', 2], ['exceeded', 0.8], ['quota', 1],
      ['back off', 1.5], ['backoff', 1.5], ['retry storm', 2], ['retries', 1], ['retrying', 1],
    ],
  },
  {
    id: 'capacity',
    label: 'a shortage of capacity',
    terms: [
      ['insufficient capacity', 3.5], ['insufficient instance capacity', 4], ['insufficientinstancecapacity', 4],
      ['ice', 2], ['capacity', 1.5], ['unable to launch', 3], ['could not launch', 3], ['failed to launch', 3],
      ['launch fail*', 3], ['scale out fail*', 2.5], ['could not scale', 2.5], ['no capacity', 3],
      ['capacity shortage', 3], ['out of capacity', 3], ['instance type unavailable', 2.5], ['capacity reservation', 2],
      ['pending', 0.6], ['unschedulable', 1.2], ['scale out', 0.8], ['scaling', 0.6], ['run instances', 1.5],
      ['runinstances', 1.5], ['launch', 0.8],
    ],
  },
  {
    id: 'server-errors',
    label: 'server-side errors',
    terms: [
      ['500', 1.5], ['5xx', 2.5], ['internal error', 3], ['internal server error', 2.5], ['internalerror', 3],
      ['internal failure', 3], ['service unavailable', 1.5], ['serviceunavailable', 1.5], ['503', 1], ['unavailable', 0.6],
      ['error rate', 1.5], ['errors', 0.8], ['error', 0.6], ['exception', 0.8], ['fail*', 0.5], ['502', 1.5],
      ['bad gateway', 1.5], ['http status', 1.2], ['status code', 1.2], ['non 2xx', 1.5], ['failed invocation', 2],
      ['invocation error', 2.5], ['function error', 2.5], ['unhandled', 1],
    ],
  },
  {
    id: 'unavailable',
    label: 'a dependency answering "unavailable"',
    terms: [
      ['service unavailable', 3], ['serviceunavailable', 3.5], ['503', 2.5], ['unavailable', 1.5], ['unavailable exception', 3],
      ['temporarily unavailable', 3], ['not available', 1.2], ['down', 0.6],
    ],
  },
  {
    id: 'az-outage',
    label: 'an Availability Zone outage',
    terms: [
      ['availability zone', 2.5], ['az', 2], ['zonal', 2], ['single az', 2], ['az outage', 3.5], ['az failure', 3.5],
      ['az impairment', 3.5], ['az degradation', 3], ['zone', 1.2], ['power', 1.5], ['power loss', 2.5],
      ['power interruption', 3], ['power outage', 3], ['datacenter', 1.2], ['data center', 1.2], ['use1 az*', 2.5],
      ['usw2 az*', 2.5], ['euw1 az*', 2.5], ['one az', 2.5], ['an az', 2], ['cross az', 1], ['gray failure', 2],
    ],
  },
  {
    id: 'region-outage',
    label: 'a regional outage or cross-Region link loss',
    terms: [
      ['region outage', 3.5], ['regional outage', 3.5], ['region failure', 3.5], ['region impairment', 3.5],
      ['region wide', 3], ['entire region', 3], ['whole region', 3], ['cross region', 1.5], ['dr', 1.5],
      ['disaster recovery', 2.5], ['failover region', 2.5], ['region', 0.8], ['regional', 1], ['rpo', 1.5], ['rto', 1.5],
    ],
  },
  {
    id: 'connection-exhaustion',
    label: 'connection exhaustion',
    terms: [
      ['too many connection*', 3.5], ['max connection*', 3], ['connection limit', 3], ['connection pool', 2.5],
      ['pool exhausted', 3], ['connection exhaust*', 3.5], ['exhaust*', 1.2], ['max clients', 2.5],
      ['max_connections', 3], ['connection storm', 3], ['pool', 0.8], ['connection', 0.6], ['remaining connection slot', 3],
    ],
  },
  {
    id: 'lock-contention',
    label: 'lock contention',
    terms: [
      ['lock', 2], ['deadlock', 3], ['blocking', 2], ['lock contention', 3.5], ['row lock', 3], ['lock wait', 3],
      ['blocked queries', 3], ['blocking queries', 3], ['long running transaction', 2], ['table lock', 3],
      ['idle in transaction', 2.5], ['waiting for lock', 3],
    ],
  },
  {
    id: 'cold-start',
    label: 'slow function start-up',
    terms: [
      ['cold start', 3.5], ['init duration', 3], ['startup', 1.2], ['start up', 1], ['slow start', 2.5],
      ['initialization', 1.5], ['init', 1], ['warm up', 1.2], ['provisioned concurrency', 1.5], ['duration', 0.4],
      ['function timeout', 2], ['task timed out', 2.5], ['timed out after', 1.5],
    ],
  },
  {
    id: 'expired-iterator',
    label: 'expired stream iterators',
    terms: [
      ['expired iterator', 4], ['iterator expired', 4], ['expirediterator*', 4], ['iterator age', 3.5],
      ['iteratorage', 3.5], ['get records', 1], ['getrecords', 1], ['shard iterator', 2.5], ['checkpoint', 1],
      ['consumer lag', 2], ['reprocess*', 1.2], ['iterator', 2], ['millis behind latest', 3], ['millisbehindlatest', 3],
    ],
  },
  {
    id: 'alarm-gap',
    label: 'alarms that did not fire or fired late',
    terms: [
      ['alarm', 1.5], ['did not fire', 3], ["didn't fire", 3], ['never fired', 3], ['not fire', 2.5], ['no alert', 3],
      ['no page', 2.5], ['not paged', 3], ['missed alert', 3], ['alert missed', 3], ['alerting gap', 3],
      ['monitoring gap', 3], ['detection', 1.5], ['detect*', 1], ['insufficient data', 2.5], ['found out from customer', 2.5],
      ['customers reported', 1.5], ['customer reported', 1.5], ['silent', 1], ['late alert', 2.5], ['blind spot', 2.5],
      ['alarm state', 2.5], ['verify alarm', 3], ['mttd', 2],
    ],
  },
  {
    id: 'http-errors',
    label: 'bad HTTP responses from an integration',
    terms: [
      ['502', 2], ['503', 1.5], ['504', 1.5], ['bad gateway', 2.5], ['gateway timeout', 2], ['http status', 2],
      ['status code', 2], ['integration response', 3], ['api gateway', 1.5], ['alb', 1], ['target group', 1],
      ['vpc lattice', 2.5], ['lattice', 2], ['malformed response', 2.5], ['http error', 2], ['content type', 1.5],
    ],
  },
  {
    id: 'edge-impairment',
    label: 'edge or CDN impairment',
    terms: [['origin', 1], ['edge', 1.5], ['cdn', 2], ['cache miss', 1.5], ['cache hit ratio', 1.5], ['origin shield', 2]],
  },
];
