/** The AWS-owned runbook that runs eks-log-collector.sh and uploads the bundle to S3. */
export const AWS_COLLECT_DOCUMENT = 'AWSSupport-CollectEKSInstanceLogs';

/** Our read-only Automation documents, shipped as YAML in `automation/` and installed by `automation/cloudformation.yaml`. */
export const FAULTLINE_DOCUMENTS = {
  'iptables-dump': {
    name: 'Faultline-IptablesDump',
    file: 'faultline-iptables-dump.yaml',
    description: 'iptables-save (legacy and nft), nft list ruleset, ip rule and routes.',
  },
  'conntrack-stats': {
    name: 'Faultline-ConntrackStats',
    file: 'faultline-conntrack-stats.yaml',
    description: 'conntrack -S, conntrack count and max, ss -s socket summary, ethtool allowance counters.',
  },
  'dns-check': {
    name: 'Faultline-DnsCheck',
    file: 'faultline-dns-check.yaml',
    description:
      'Resolves names through each nameserver of resolv.conf and the cluster DNS; one RESOLVE line per attempt.',
  },
  'node-status': {
    name: 'Faultline-NodeStatus',
    file: 'faultline-node-status.yaml',
    description: 'kubelet and containerd unit status and recent journal, chronyc tracking, timedatectl.',
  },
  dmesg: {
    name: 'Faultline-Dmesg',
    file: 'faultline-dmesg.yaml',
    description: 'Kernel messages of the last hours (dmesg --ctime), tail-capped.',
  },
} as const;

/** What collect_node_diagnostics can run: the full bundle, or one of our targeted documents. */
export type CollectionDocument = 'eks-log-collector' | keyof typeof FAULTLINE_DOCUMENTS;

/** Every document key. */
export const COLLECTION_DOCUMENTS = ['eks-log-collector', ...Object.keys(FAULTLINE_DOCUMENTS)] as [
  CollectionDocument,
  ...CollectionDocument[],
];

/** The SSM document name for a key; our documents take an optional name prefix from the stack. */
export function documentName(document: CollectionDocument, prefix = ''): string {
  if (document === 'eks-log-collector') return AWS_COLLECT_DOCUMENT;
  const name = FAULTLINE_DOCUMENTS[document].name;
  return prefix ? `${prefix}${name}` : name;
}
