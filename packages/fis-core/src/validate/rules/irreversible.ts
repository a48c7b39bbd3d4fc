import { own, type RecordValue } from '../values';

/**
 * Actions whose effect stopping the experiment does not undo, and why. Chosen by what the action
 * does (terminate, interrupt, fail over, reboot), not by its name: pods deleted by
 * aws:eks:pod-delete and tasks stopped by aws:ecs:stop-task are restarted by their controllers, so
 * they are not listed.
 */
const IRREVERSIBLE: Record<string, string> = {
  'aws:ec2:terminate-instances':
    'terminated instances are gone for good: stopping the experiment does not bring them back, only an Auto Scaling group replaces them',
  'aws:eks:terminate-nodegroup-instances':
    'terminated nodes are gone for good: the node group launches new ones, and the pods on them are evicted',
  'aws:ec2:send-spot-instance-interruptions':
    'interrupted Spot Instances are stopped or terminated by EC2, and FIS does not restore them',
  'aws:rds:failover-db-cluster':
    'the writer moves to a replica and FIS does not fail back: stopping the experiment leaves the new writer in place',
  'aws:rds:reboot-db-instances':
    'a reboot cannot be stopped once started (with forceFailover the primary moves to the standby and stays there)',
  'aws:ec2:reboot-instances':
    'a reboot cannot be stopped once started, and in-memory state on the instances is lost',
  'aws:elasticache:replicationgroup-interrupt-az-power':
    'primaries in the affected AZ fail over to replicas; FIS restores power when the action ends but does not fail back',
  'aws:elasticache:interrupt-cluster-az-power':
    'primaries in the affected AZ fail over to replicas; FIS restores power when the action ends but does not fail back',
};

/** Why an action cannot be undone quickly, or `undefined` when stopping the experiment reverts it. */
export function irreversibleReason(
  actionId: string,
  parameters: RecordValue | undefined,
): string | undefined {
  if (actionId === 'aws:ec2:stop-instances') {
    return parameters && own(parameters, 'startInstancesAfterDuration') !== undefined
      ? undefined
      : 'without startInstancesAfterDuration FIS leaves the instances stopped; someone has to start them again';
  }
  return IRREVERSIBLE[actionId];
}
