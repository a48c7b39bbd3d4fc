/** A weighted term: the words to look for and how strongly they signal. */
export type WeightedTerm = readonly [term: string, weight: number];

/** A context (where) or a symptom (what) the recommender looks for in a finding. */
export interface SignalDefinition {
  id: string;
  /** Words for people: used in rationales. */
  label: string;
  terms: WeightedTerm[];
  /** Contexts of one group compete: priors apply only when no context of the group is named. */
  group?: string;
  /** Score used when nothing in the finding names any context (compute and network defaults). */
  prior?: number;
  /**
   * A symptom that is often an effect rather than a cause (latency, errors): it counts for less when
   * a specific symptom is also present.
   */
  generic?: boolean;
  /** FIS resource types whose ARNs in a finding raise this context directly. */
  resourceTypes?: string[];
  /**
   * Phrases whose words are no evidence for this signal: a "replication group" names an ElastiCache
   * resource, not replication falling behind.
   */
  except?: string[];
  /**
   * Contexts: the AWS API namespace of the service (`dynamodb`, `kinesis`, `ec2`). Actions that
   * inject errors into AWS API calls take a namespace as their `service` parameter; it must be the
   * one the finding is about, and one the catalog lists for the action.
   */
  apiNamespace?: string;
  /**
   * Contexts: AWS runs the hosts of this service (Aurora, DynamoDB, MSK, …). When the finding names
   * it, no compute context is assumed by prior: there is no instance of yours to fault.
   */
  managed?: boolean;
  /**
   * Symptoms: the behaviour of one service's API (throttling). Failure modes about another service
   * the finding names count for less: "EC2 began throttling" does not make a Lambda named in the
   * same finding a throttled Lambda.
   */
  perService?: boolean;
  /**
   * Contexts: the platform a workload runs on (`kubernetes`, `ecs`, `lambda`). A platform only
   * hinted at (by words such as "OOMKilled" or "container") gives way to another platform the
   * finding names outright.
   */
  platform?: string;
}

/** How one action serves a failure mode. */
export interface FailureModeAction {
  actionId: string;
  /** 0..1: how directly this action reproduces the failure mode. */
  weight: number;
  /** Parameters that make the action reproduce this failure (override catalog defaults). */
  parameters?: Record<string, string>;
  /** Why this action, in one sentence for the rationale. */
  why?: string;
  /**
   * The action does not reproduce the failure itself but tests the same recovery paths (blocking
   * DynamoDB for a throttled table): the rationale says it reproduces the failure mode only approximately.
   */
  approximate?: boolean;
}

/**
 * A failure mode: a kind of failure in a context, the symptoms that reveal it, and the FIS
 * actions that reproduce it. Kept as data: adding one needs no code change.
 */
export interface FailureMode {
  id: string;
  title: string;
  /** Context ids; the best-matching one counts. Empty: the mode applies anywhere. */
  contexts: string[];
  /** Symptom ids; the best-matching one counts. Empty: the context alone is enough. */
  symptoms: string[];
  actions: FailureModeAction[];
  /** What should stay true while the fault runs. */
  steadyState: string;
  /** What the system is expected to do under the fault. */
  expectedBehaviour: string;
  /**
   * What FIS cannot do for this failure, said plainly (no action reproduces it directly). Reported
   * with the recommendations when the mode matches the finding; a mode may have a limitation and no
   * actions at all.
   */
  limitation?: string;
}
