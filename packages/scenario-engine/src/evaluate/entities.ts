import type { Evaluation } from './evaluation';
import { mentions } from './text-tokens';

/** Inputs of {@link evaluateEntities}. */
export interface EntityExpectation {
  /** The faulty resources: what a correct root cause names. */
  expected: readonly string[];
  /** Names that must not be blamed: the chaos tool that injected the fault. */
  forbidden: readonly string[];
  /** Other names the assistant could name (services, probes): wrong answers that lower precision. */
  distractors?: readonly string[];
  minPrecision: number;
  minRecall: number;
}

/**
 * Scores a root cause as precision and recall over the entities the answer names, out of the
 * known ones (expected, forbidden and distractors). Naming a forbidden entity fails outright: an
 * assistant that blames the experiment has not found the cause.
 */
export function evaluateEntities(text: string, expectation: EntityExpectation): Evaluation {
  const universe = [
    ...new Set([...expectation.expected, ...expectation.forbidden, ...(expectation.distractors ?? [])]),
  ];
  const named = universe.filter((e) => mentions(text, e));
  const right = named.filter((e) => expectation.expected.includes(e));
  const blamed = named.filter((e) => expectation.forbidden.includes(e));
  const precision = named.length === 0 ? 0 : right.length / named.length;
  const recall = expectation.expected.length === 0 ? 1 : right.length / expectation.expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const reasons: string[] = [];
  if (blamed.length > 0) reasons.push(`blames ${blamed.join(', ')} (the chaos tool, not the cause)`);
  if (precision < expectation.minPrecision)
    reasons.push(`precision ${precision.toFixed(2)} < ${expectation.minPrecision}`);
  if (recall < expectation.minRecall) reasons.push(`recall ${recall.toFixed(2)} < ${expectation.minRecall}`);
  return {
    evaluator: 'rca_entities',
    score: f1,
    passed: reasons.length === 0,
    reason:
      reasons.length === 0
        ? `names ${right.join(', ')} (precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)})`
        : reasons.join('; '),
    details: { named, precision, recall, blamed },
  };
}
