import { describeDuration, parseIsoDuration } from '../duration';
import type { FindingAnalysis } from './finding-analysis';
import type { SignalDefinition } from './knowledge/types';
import type { RecommendationCandidate } from './recommend';
import type { Recommendation, SuggestedTarget } from './recommendation';

/** Actions whose effect outlives the experiment: recovery depends on the system, not on FIS. */
const IRREVERSIBLE: Readonly<Record<string, string>> = {
  'aws:ec2:terminate-instances': 'terminated instances are gone; only auto scaling brings capacity back',
  'aws:eks:terminate-nodegroup-instances': 'terminated nodes are replaced by the node group, not restored',
  'aws:ec2:send-spot-instance-interruptions':
    'interrupted Spot Instances are terminated or stopped per their interruption behaviour',
  'aws:rds:failover-db-cluster': 'the writer role moves to another instance and stays there',
  'aws:rds:reboot-db-instances': 'a reboot cannot be stopped once started',
  'aws:ec2:reboot-instances': 'a reboot cannot be stopped once started',
  'aws:eks:pod-delete': 'deleted pods are replaced by their controller, not restored',
  'aws:ecs:stop-task': 'stopped tasks are replaced by the service scheduler, not restored',
  'aws:elasticache:replicationgroup-interrupt-az-power':
    'replicas in the AZ are not replaced while the action runs',
};

function quote(terms: readonly string[]): string {
  return terms
    .slice(0, 4)
    .map((t) => `"${t}"`)
    .join(', ');
}

function label(definitions: readonly SignalDefinition[], id: string | undefined): string | undefined {
  return id ? (definitions.find((d) => d.id === id)?.label ?? id) : undefined;
}

/**
 * How a target picks its resources, in words: its tags, its parameters (aws:eks:pod selectors, an
 * Availability Zone) and its filters.
 */
function selectedBy(target: SuggestedTarget): string {
  const criteria = [
    ...Object.entries(target.parameters ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(target.filters ?? []).map((f) => `${f.path} in ${f.values.join(', ')}`),
  ];
  if (target.resourceTags && Object.keys(target.resourceTags).length > 0) {
    const tagged = `resources tagged ${JSON.stringify(target.resourceTags)}`;
    return criteria.length ? `${tagged} with ${criteria.join(', ')}` : tagged;
  }
  if (criteria.length > 0) return `resources matching ${criteria.join(', ')}`;
  return 'all resources of the type';
}

/** True when the target is narrowed to this Availability Zone (a parameter or a filter value). */
function narrowedTo(target: SuggestedTarget | null, zone: string | undefined): boolean {
  if (!target || !zone || target.resourceArns) return false;
  return (
    Object.entries(target.parameters ?? {}).some(([k, v]) => /availabilityZone/i.test(k) && v === zone) ||
    (target.filters ?? []).some((f) => f.values.includes(zone))
  );
}

function stopConditionSuggestion(candidate: RecommendationCandidate): string {
  const service = candidate.action.service;
  const metric: Record<string, string> = {
    rds: 'the database’s client error rate or DatabaseConnections dropping to zero for longer than the expected failover',
    eks: 'the service’s 5XX rate (> 5% for 1 minute) or p99 latency above its SLO',
    ecs: 'the service’s 5XX rate (> 5% for 1 minute) or HealthyHostCount below the minimum',
    lambda: 'the function’s Errors/Invocations ratio above the error budget',
    kinesis: 'consumer IteratorAgeMilliseconds above the processing SLO',
    dynamodb: 'ReplicationLatency or the application’s error rate',
    elasticache: 'the application’s error rate or cache-miss latency above its SLO',
  };
  return `CloudWatch alarm on ${metric[service] ?? 'the service’s error rate (> 5% for 1 minute) or p99 latency above its SLO'}; FIS stops the experiment when it fires.`;
}

/** Titles, rationale, hypothesis and safety notes of one recommendation, in words. */
export function describeRecommendation(
  candidate: RecommendationCandidate,
  analysis: FindingAnalysis,
  knowledge: { contexts: readonly SignalDefinition[]; symptoms: readonly SignalDefinition[] },
  target: SuggestedTarget | null,
  parameters: Record<string, string>,
): Pick<
  Recommendation,
  'title' | 'rationale' | 'hypothesis' | 'stopCondition' | 'blastRadius' | 'description'
> & {
  duration?: string;
} {
  const { action, mode, modeAction } = candidate;
  const rationale: string[] = [];
  const contextLabel = label(knowledge.contexts, candidate.contextId);
  const symptomLabel = label(knowledge.symptoms, candidate.symptomId);
  if (candidate.contextId) {
    const matched = analysis.contexts.get(candidate.contextId)?.matched ?? [];
    rationale.push(
      matched.length
        ? `The finding is about ${contextLabel} (it mentions ${quote(matched)}).`
        : `No platform is named; ${contextLabel} is the most common place for this failure.`,
    );
  }
  if (candidate.symptomId) {
    const matched = analysis.symptoms.get(candidate.symptomId)?.matched ?? [];
    rationale.push(`It describes ${symptomLabel} (${quote(matched)}).`);
  }
  if (mode) {
    const how = modeAction?.approximate ? ' only approximately' : '';
    rationale.push(
      `${action.id} reproduces "${mode.title.toLowerCase()}"${how}${modeAction?.why ? `: ${modeAction.why}` : ''}.`,
    );
  }
  if (candidate.arnMatch) {
    rationale.push(
      `The finding names resources of the type this action targets (${Object.values(action.targets).join(', ')}).`,
    );
  }
  if (candidate.lexical >= 0.3 && !mode) {
    rationale.push(`Its catalog description matches the finding’s words: “${action.description}”`);
  }
  rationale.push(...candidate.notes);
  const zone = analysis.availabilityZones.find((z) => narrowedTo(target, z));
  if (zone) rationale.push(`The target is limited to ${zone}, the Availability Zone the finding names.`);
  if (mode?.limitation) rationale.push(`Limitation: ${mode.limitation}`);

  const durationValue = action.durationParameter ? parameters[action.durationParameter] : undefined;
  const durationSeconds = durationValue ? parseIsoDuration(durationValue) : null;
  const blastRadius: string[] = [];
  if (target?.resourceArns)
    blastRadius.push(`Limited to the ${target.resourceArns.length} resource(s) named in the target.`);
  else if (target)
    blastRadius.push(
      `Selection ${target.selectionMode} of ${selectedBy(target)}; widen only after a clean run.`,
    );
  else blastRadius.push('The action takes no target: its effect is set by its parameters.');
  if (durationSeconds)
    blastRadius.push(
      `The fault lasts ${describeDuration(durationSeconds)} and is reverted by FIS at the end.`,
    );
  for (const [name, value] of Object.entries(parameters)) {
    if (/percent/i.test(name) && /^\d+$/.test(value))
      blastRadius.push(`${name} = ${value}%: start small and raise it run by run.`);
  }
  const irreversible = IRREVERSIBLE[action.id];
  if (irreversible) blastRadius.push(`Not undone by stopping the experiment: ${irreversible}.`);
  blastRadius.push(...action.targetingRestrictions.slice(0, 2));

  return {
    title: mode ? `${mode.title} (${action.id})` : action.description,
    rationale,
    hypothesis: {
      steadyState:
        mode?.steadyState ?? 'The service keeps its error-rate and latency SLOs while the fault runs.',
      expectedBehaviour:
        mode?.expectedBehaviour ??
        `The system tolerates: ${action.description.charAt(0).toLowerCase()}${action.description.slice(1)}`,
    },
    stopCondition: { source: 'aws:cloudwatch:alarm', suggestion: stopConditionSuggestion(candidate) },
    blastRadius,
    description: action.description,
    ...(durationValue !== undefined && { duration: durationValue }),
  };
}
