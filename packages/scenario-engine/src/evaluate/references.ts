import type { Evaluation } from './evaluation';
import { mentions } from './text-tokens';

/** The answer must mention every term (references or metrics); the score is the share found. */
export function evaluateMentions(
  kind: 'references' | 'metrics',
  text: string,
  terms: readonly string[],
): Evaluation {
  const missing = terms.filter((t) => !mentions(text, t));
  const score = terms.length === 0 ? 1 : (terms.length - missing.length) / terms.length;
  return {
    evaluator: kind,
    score,
    passed: missing.length === 0,
    reason: missing.length === 0 ? `mentions ${terms.join(', ')}` : `does not mention ${missing.join(', ')}`,
    details: { missing },
  };
}
