import { type Finding, type FindingInput, normalizeFinding, stableId } from '@faultline/findings';
import { ZodError } from 'zod';
import { bundledCatalog } from '../catalog/bundled-catalog';
import type { Catalog } from '../catalog/catalog';
import type { CatalogAction } from '../catalog/types';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import { apiSubject, fitPresets } from './api-service';
import { chaosResourceParameters } from './chaos-resource';
import { analyzeFinding, type FindingAnalysis, NAMED } from './finding-analysis';
import { CONTEXTS } from './knowledge/contexts';
import { FAILURE_MODES } from './knowledge/failure-modes';
import { SYMPTOMS } from './knowledge/symptoms';
import type { FailureMode, FailureModeAction, SignalDefinition } from './knowledge/types';
import { lexicalScores } from './lexical-index';
import { type NotedLimitation, noteLimitation, reportedLimitations } from './limitations';
import { DEFAULT_DURATION_SECONDS, defaultParameters } from './parameter-defaults';
import { findPlaceholders } from './placeholders';
import type { Recommendation, RecommendationResult } from './recommendation';
import { describeRecommendation } from './recommendation-text';
import { suggestTarget } from './target-suggestion';

/** Options of {@link recommend}. */
export interface RecommendOptions {
  /** Catalog to recommend from. Defaults to the bundled snapshot. */
  catalog?: Catalog;
  /** How many recommendations at most. Default 5, at most 20. */
  limit?: number;
  /** Recommendations scoring below this are dropped. Default 0.08. */
  minScore?: number;
  /** Fault duration to aim for, in seconds (clamped to each action's limits). Default 300. */
  durationSeconds?: number;
  /** AWS region of the experiment, used in document ARNs. Defaults to the finding's ARNs' region. */
  region?: string;
  /** Failure modes and signals to use instead of the built-in knowledge base. */
  knowledge?: { failureModes?: FailureMode[]; contexts?: SignalDefinition[]; symptoms?: SignalDefinition[] };
}

interface Candidate {
  action: CatalogAction;
  score: number;
  mode?: FailureMode;
  modeAction?: FailureModeAction;
  /** Parameter presets: the failure mode's, adjusted to the finding (the API namespace it names). */
  presets?: Record<string, string>;
  /** Sentences for the rationale beyond the signals (why a parameter was chosen). */
  notes: string[];
  contextId?: string;
  symptomId?: string;
  lexical: number;
  arnMatch: boolean;
}

/** Score used for a mode without contexts (it applies anywhere) and without symptoms. */
const ANY_CONTEXT = 0.7;
const LEXICAL_BONUS = 0.12;
const LEXICAL_ONLY = 0.45;
const ARN_BONUS = 0.1;
/** The highest raw score: a full failure-mode match plus both bonuses. Scores are reported relative to it. */
const MAX_RAW_SCORE = 1 + LEXICAL_BONUS + ARN_BONUS;

function contextScore(
  analysis: FindingAnalysis,
  definitions: readonly SignalDefinition[],
  id: string,
): number {
  const found = analysis.contexts.get(id)?.score ?? 0;
  const definition = definitions.find((d) => d.id === id);
  if (!definition?.prior) return found;
  const groupNamed = definitions.some(
    (d) => d.group === definition.group && (analysis.contexts.get(d.id)?.score ?? 0) >= 0.5,
  );
  if (groupNamed) return found;
  // A service whose hosts AWS runs (Aurora, DynamoDB, MSK) leaves no instance of yours to assume.
  const managedNamed = definitions.some(
    (d) => d.managed && (analysis.contexts.get(d.id)?.score ?? 0) >= NAMED,
  );
  if (managedNamed) return found;
  const otherStrong = [...analysis.contexts.values()].some((s) => s.score >= 0.8);
  return Math.max(found, otherStrong ? definition.prior / 2 : definition.prior);
}

function best(ids: readonly string[], score: (id: string) => number): { id?: string; score: number } {
  let top: { id?: string; score: number } = { score: 0 };
  for (const id of ids) {
    const value = score(id);
    if (value > top.score) top = { id, score: value };
  }
  return top;
}

/**
 * How close a mode that names a symptom may come to a mode that names none (the same action, e.g.
 * aws:eks:inject-kubernetes-custom-resource) and still be the one whose parameters and rationale
 * the action gets. A symptom-less mode draws on every symptom found, so it would otherwise always
 * edge out the mode written for exactly that symptom (DNSChaos for DNS errors).
 */
const SPECIFIC_MODE_MARGIN = 0.98;

/** Whether a failure mode's score for an action replaces the candidate already held for it. */
function beats(score: number, mode: FailureMode, current: Candidate): boolean {
  const specific = mode.symptoms.length > 0;
  const currentSpecific = (current.mode?.symptoms.length ?? 0) > 0;
  if (specific && !currentSpecific) return score >= current.score * SPECIFIC_MODE_MARGIN;
  if (!specific && currentSpecific) return score * SPECIFIC_MODE_MARGIN > current.score;
  return score > current.score;
}

/** How much a failure mode about another service than the one a per-service symptom is about counts. */
const OTHER_SERVICE = 0.5;

/**
 * Whether an action aims at another service than the ones the finding names: its resource type
 * belongs to a context the finding does not mention, while it names a context that has resource
 * types of its own (a Kinesis stream action for a DynamoDB finding whose words match Kinesis's).
 */
function aimsElsewhere(
  action: CatalogAction,
  analysis: FindingAnalysis,
  contexts: readonly SignalDefinition[],
): boolean {
  const types = Object.values(action.targets);
  const owners = contexts.filter((d) => d.resourceTypes?.some((t) => types.includes(t)));
  if (owners.length === 0 || owners.some((d) => (analysis.contexts.get(d.id)?.score ?? 0) >= 0.5)) {
    return false;
  }
  return contexts.some(
    (d) => (d.resourceTypes?.length ?? 0) > 0 && (analysis.contexts.get(d.id)?.score ?? 0) >= NAMED,
  );
}

function scoreCandidates(
  catalog: Catalog,
  analysis: FindingAnalysis,
  knowledge: { failureModes: FailureMode[]; contexts: SignalDefinition[]; symptoms: SignalDefinition[] },
): { candidates: Candidate[]; limitations: Map<string, NotedLimitation> } {
  const candidates = new Map<string, Candidate>();
  const limitations = new Map<string, NotedLimitation>();
  const lexical = lexicalScores(catalog, analysis.text);
  const anySymptom = Math.max(0, ...[...analysis.symptoms.values()].map((s) => s.score));
  for (const mode of knowledge.failureModes) {
    const context = mode.contexts.length
      ? best(mode.contexts, (id) => contextScore(analysis, knowledge.contexts, id))
      : { score: ANY_CONTEXT };
    if (context.score === 0) continue;
    const symptom = mode.symptoms.length
      ? best(mode.symptoms, (id) => analysis.symptoms.get(id)?.score ?? 0)
      : { score: 0.75 + 0.25 * anySymptom };
    if (symptom.score === 0) continue;
    const subject = apiSubject(analysis, knowledge.contexts, symptom.id);
    const namespace = knowledge.contexts.find((d) => d.id === context.id)?.apiNamespace;
    const perService = knowledge.symptoms.find((d) => d.id === symptom.id)?.perService === true;
    const match =
      context.score *
      symptom.score *
      (perService && subject && namespace && namespace !== subject ? OTHER_SERVICE : 1);
    const named = mode.symptoms.length === 0 || symptom.score >= NAMED;
    if (mode.limitation) {
      noteLimitation(limitations, mode.limitation, {
        score: match,
        named,
        modeId: mode.id,
        actionless: mode.actions.length === 0,
      });
    }
    for (const modeAction of mode.actions) {
      const action = catalog.action(modeAction.actionId);
      if (!action || action.deprecated) continue;
      const score = match * modeAction.weight;
      const fitted = fitPresets(action, modeAction.parameters, subject, (text) =>
        noteLimitation(limitations, text, { score, named }),
      );
      if (!fitted) continue;
      const current = candidates.get(action.id);
      if (!current || beats(score, mode, current)) {
        candidates.set(action.id, {
          action,
          score,
          mode,
          modeAction,
          ...fitted,
          ...(context.id !== undefined && { contextId: context.id }),
          ...(symptom.id !== undefined && { symptomId: symptom.id }),
          lexical: 0,
          arnMatch: false,
        });
      }
    }
  }
  for (const action of catalog.actions) {
    if (action.deprecated) continue;
    const lex = lexical.get(action.id) ?? 0;
    const arnMatch = Object.values(action.targets).some((type) => analysis.resourceArns.has(type));
    const current = candidates.get(action.id);
    if (current) {
      current.lexical = lex;
      current.arnMatch = arnMatch;
      current.score += LEXICAL_BONUS * lex + (arnMatch && current.score > 0.05 ? ARN_BONUS : 0);
    } else if (lex > 0 && !aimsElsewhere(action, analysis, knowledge.contexts)) {
      const score = LEXICAL_ONLY * lex * lex + (arnMatch ? ARN_BONUS / 2 : 0);
      const subject = apiSubject(analysis, knowledge.contexts, undefined);
      const fitted = fitPresets(action, undefined, subject, (text) =>
        noteLimitation(limitations, text, { score, named: false }),
      );
      if (!fitted) continue;
      candidates.set(action.id, { action, score, ...fitted, lexical: lex, arnMatch });
    }
  }
  return { candidates: [...candidates.values()], limitations };
}

function toFinding(input: Finding | FindingInput): Finding {
  try {
    return normalizeFinding(input);
  } catch (error) {
    if (error instanceof ZodError) {
      const issues = error.issues.map((i) => ({
        path: ['finding', ...i.path].join('.'),
        message: i.message,
      }));
      throw new FisCoreError(
        FisCoreErrorCode.InvalidInput,
        `invalid finding: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        { cause: error, data: { issues } },
      );
    }
    throw error;
  }
}

/**
 * Ranks the FIS experiments that would test the failure a finding describes.
 *
 * It reads where the failure happened (contexts: EKS pods, Aurora, Kinesis, …, also from ARNs) and
 * what happened (symptoms: CPU saturation, failover, throttling, …), scores the knowledge base's
 * failure modes on both, and adds a lexical match against the catalog's action descriptions so an
 * action no failure mode names can still be found. Each recommendation carries parameters within
 * the catalog's limits, a suggested target, a stop condition, the IAM permissions it needs and a
 * testable hypothesis. Actions that inject AWS API errors are pointed at the API the finding is
 * about, or dropped when FIS cannot reach it; `limitations` says plainly what FIS cannot do for the
 * finding. Throws {@link FisCoreError} `FIS_INVALID_INPUT` when the input is not a finding.
 *
 * @example
 * const { recommendations } = recommend({ id: 'inc-1', summary: 'Aurora writer failed over, checkout errored for 40 s' });
 * recommendations[0].actionId; // 'aws:rds:failover-db-cluster'
 */
export function recommend(
  input: Finding | FindingInput,
  options: RecommendOptions = {},
): RecommendationResult {
  const catalog = options.catalog ?? bundledCatalog();
  const finding = toFinding(input);
  const knowledge = {
    failureModes: options.knowledge?.failureModes ?? FAILURE_MODES,
    contexts: options.knowledge?.contexts ?? CONTEXTS,
    symptoms: options.knowledge?.symptoms ?? SYMPTOMS,
  };
  const analysis = analyzeFinding(finding, catalog, knowledge);
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 5)), 20);
  const minScore = options.minScore ?? 0.08;
  const scored = scoreCandidates(catalog, analysis, knowledge);
  const ranked = scored.candidates
    .filter((c) => c.score >= minScore)
    .sort((a, b) => b.score - a.score || a.action.id.localeCompare(b.action.id))
    .slice(0, limit);
  const parameterContext = {
    durationSeconds: options.durationSeconds ?? DEFAULT_DURATION_SECONDS,
    availabilityZones: analysis.availabilityZones,
    regions: analysis.regions,
    ...((options.region ?? analysis.regions[0]) !== undefined && {
      region: options.region ?? analysis.regions[0],
    }),
  };
  const recommendations = ranked.map((candidate, index): Recommendation => {
    const chaos = chaosResourceParameters(
      candidate.action,
      analysis,
      candidate.presets,
      candidate.symptomId,
      knowledge.symptoms,
    );
    if (chaos.note) candidate.notes.push(chaos.note);
    const parameters = defaultParameters(candidate.action, chaos.parameters, parameterContext);
    const target = suggestTarget(catalog, candidate.action, analysis);
    const text = describeRecommendation(candidate, analysis, knowledge, target, parameters);
    const recommendation: Recommendation = {
      id: stableId('rec', {
        findingId: finding.id,
        actionId: candidate.action.id,
        mode: candidate.mode?.id ?? null,
      }),
      findingId: finding.id,
      rank: index + 1,
      actionId: candidate.action.id,
      title: text.title,
      score: Math.round(Math.min(candidate.score / MAX_RAW_SCORE, 1) * 1000) / 1000,
      ...(candidate.mode && { failureModeId: candidate.mode.id }),
      rationale: text.rationale,
      hypothesis: text.hypothesis,
      parameters,
      target,
      stopCondition: text.stopCondition,
      blastRadius: text.blastRadius,
      permissions: candidate.action.permissions.filter((p) => !p.conditional).map((p) => p.action),
      placeholders: [],
      action: candidate.action.id,
      ...(text.duration !== undefined && { duration: text.duration }),
      description: text.description,
      targets: target ? [target.resourceType] : [],
      stopConditions: [text.stopCondition.suggestion],
    };
    recommendation.placeholders = findPlaceholders([parameters, target]);
    return recommendation;
  });
  const limitations = reportedLimitations(scored.limitations, scored.candidates, ranked);
  return {
    findingId: finding.id,
    count: recommendations.length,
    recommendations,
    limitations,
    analysis: {
      contexts: summarize(analysis.contexts, knowledge.contexts),
      symptoms: summarize(analysis.symptoms, knowledge.symptoms),
      resourceTypes: [...analysis.resourceArns].map(([resourceType, arns]) => ({ resourceType, arns })),
    },
  };
}

function summarize(
  scores: FindingAnalysis['contexts'],
  definitions: readonly SignalDefinition[],
): RecommendationResult['analysis']['contexts'] {
  return [...scores]
    .map(([id, s]) => ({
      id,
      label: definitions.find((d) => d.id === id)?.label ?? id,
      score: Math.round(s.score * 1000) / 1000,
      matched: s.matched,
    }))
    .sort((a, b) => b.score - a.score);
}

export type { Candidate as RecommendationCandidate };
