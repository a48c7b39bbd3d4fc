import type { Finding } from '@faultline/findings';
import type { Catalog } from '../catalog/catalog';
import type { SignalDefinition } from './knowledge/types';
import { matchTerm, type PreparedText, prepareText, termPositions } from './text-signals';

/** How strongly one signal (a context or a symptom) is present in a finding. */
export interface SignalScore {
  score: number;
  matched: string[];
  /** Token positions of the matched words in the finding's text (none for ARN evidence). */
  positions?: number[];
}

/** Everything the recommender reads from a finding. */
export interface FindingAnalysis {
  text: PreparedText;
  contexts: Map<string, SignalScore>;
  symptoms: Map<string, SignalScore>;
  /** FIS resource type → ARNs from the finding that match it. */
  resourceArns: Map<string, string[]>;
  /** Availability Zone names or ids mentioned (us-east-1a, use1-az2). */
  availabilityZones: string[];
  /** Region names mentioned or found in ARNs. */
  regions: string[];
}

const AZ_NAME = /\b([a-z]{2}(?:-gov)?-[a-z]+-\d[a-z])\b/g;
const AZ_ID = /\b([a-z]{3,4}\d-az\d)\b/g;
const REGION =
  /\b((?:us|eu|ap|sa|ca|me|af|il|mx)(?:-gov)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d)\b/g;

/** Saturating sum: many weak hints add up, but never beyond 1. */
export function saturate(weight: number): number {
  return 1 - Math.exp(-weight);
}

/**
 * The score of a signal the finding names outright: matched words weighing 2 or more together (a
 * term that alone names it, or several hints), or an ARN of its resource type.
 */
export const NAMED = saturate(2);

function scoreSignals(
  text: PreparedText,
  definitions: readonly SignalDefinition[],
): Map<string, SignalScore> {
  const scores = new Map<string, SignalScore>();
  for (const definition of definitions) {
    let weight = 0;
    const matched: string[] = [];
    const excluded = new Set((definition.except ?? []).flatMap((phrase) => termPositions(text, phrase)));
    const positions: number[] = [];
    for (const [term, termWeight] of definition.terms) {
      if (matchTerm(text, term, excluded)) {
        weight += termWeight;
        matched.push(term.replace(/\*/g, ''));
        positions.push(...termPositions(text, term).filter((p) => !excluded.has(p)));
      }
    }
    if (weight > 0) scores.set(definition.id, { score: saturate(weight), matched, positions });
  }
  return scores;
}

function arnsByResourceType(resources: readonly string[], catalog: Catalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const arn of resources) {
    if (!arn.startsWith('arn:')) continue;
    for (const type of catalog.resourceTypes) {
      if (!type.arnPattern || type.deprecated) continue;
      if (new RegExp(type.arnPattern).test(arn)) {
        const list = out.get(type.type) ?? [];
        list.push(arn);
        out.set(type.type, list);
      }
    }
  }
  // A spot instance ARN is an instance ARN: keep it under aws:ec2:instance only.
  out.delete('aws:ec2:spot-instance');
  return out;
}

/**
 * Whether a context only hinted at gives way to a context the finding names outright: one of the
 * same group (ElastiCache named, RDS only hinted by "primary"), another workload platform (ECS
 * named, Kubernetes only hinted by "OOMKilled"), or a managed service when the hint is a platform
 * ("cache node" is not an EKS node).
 */
function givesWay(hinted: SignalDefinition, named: SignalDefinition): boolean {
  if (hinted.id === named.id) return false;
  if (hinted.group !== undefined && hinted.group === named.group) return true;
  if (hinted.platform === undefined) return false;
  return named.managed === true || (named.platform !== undefined && named.platform !== hinted.platform);
}

/** Drops contexts only hinted at when the finding names a context they give way to. */
function settleHints(contexts: Map<string, SignalScore>, definitions: readonly SignalDefinition[]): void {
  const named = definitions.filter((d) => (contexts.get(d.id)?.score ?? 0) >= NAMED);
  for (const definition of definitions) {
    const score = contexts.get(definition.id)?.score;
    if (score === undefined || score >= NAMED) continue;
    if (named.some((other) => givesWay(definition, other))) contexts.delete(definition.id);
  }
}

/** Generic symptoms (latency, errors) are often effects: they count for less beside a specific one. */
function discountGenericSymptoms(
  symptoms: Map<string, SignalScore>,
  definitions: readonly SignalDefinition[],
): void {
  const generic = new Set(definitions.filter((d) => d.generic).map((d) => d.id));
  const specific = Math.max(0, ...[...symptoms].filter(([id]) => !generic.has(id)).map(([, s]) => s.score));
  if (specific < 0.6) return;
  for (const id of generic) {
    const current = symptoms.get(id);
    if (current) symptoms.set(id, { ...current, score: current.score * 0.75 });
  }
}

/** Reads contexts, symptoms, ARNs, zones and regions from a finding. */
export function analyzeFinding(
  finding: Finding,
  catalog: Catalog,
  knowledge: { contexts: readonly SignalDefinition[]; symptoms: readonly SignalDefinition[] },
): FindingAnalysis {
  const evidence = finding.evidence.map((e) => e.excerpt ?? '').join('\n');
  const raw = [finding.title, finding.summary, finding.category.replace(/_/g, ' '), evidence].join('\n');
  const text = prepareText(raw);
  const contexts = scoreSignals(text, knowledge.contexts);
  const symptoms = scoreSignals(text, knowledge.symptoms);
  const resourceArns = arnsByResourceType(finding.resources, catalog);
  for (const definition of knowledge.contexts) {
    const types = definition.resourceTypes ?? [];
    const arns = types.flatMap((t) => resourceArns.get(t) ?? []);
    if (arns.length === 0) continue;
    const current = contexts.get(definition.id);
    contexts.set(definition.id, {
      ...current,
      score: Math.max(current?.score ?? 0, 0.95),
      matched: [...(current?.matched ?? []), `ARN of ${types.join(' or ')}`],
    });
  }
  settleHints(contexts, knowledge.contexts);
  discountGenericSymptoms(symptoms, knowledge.symptoms);
  const lower = raw.toLowerCase();
  const zones = [
    ...new Set([...lower.matchAll(AZ_NAME), ...lower.matchAll(AZ_ID)].map((m) => m[1] as string)),
  ];
  if (zones.length) {
    // A named Availability Zone is a strong sign the failure is zonal.
    const current = symptoms.get('az-outage');
    const weight = -Math.log(1 - (current?.score ?? 0)) + 1.5;
    symptoms.set('az-outage', {
      ...current,
      score: saturate(weight),
      matched: [...(current?.matched ?? []), zones[0] as string],
    });
  }
  const regionsFromArns = finding.resources
    .map((arn) => arn.split(':')[3])
    .filter((r): r is string => Boolean(r));
  return {
    text,
    contexts,
    symptoms,
    resourceArns,
    availabilityZones: [
      ...new Set([...lower.matchAll(AZ_NAME), ...lower.matchAll(AZ_ID)].map((m) => m[1] as string)),
    ],
    regions: [...new Set([...regionsFromArns, ...[...lower.matchAll(REGION)].map((m) => m[1] as string)])],
  };
}
