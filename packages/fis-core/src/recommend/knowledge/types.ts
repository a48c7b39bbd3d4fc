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
}
