import type { Evaluation } from './evaluation';
import { tokens } from './text-tokens';

const STOP = new Set([
  'the',
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'is',
  'was',
  'are',
  'it',
  'this',
  'that',
  'for',
  'with',
  'by',
  'be',
  'as',
  'at',
]);

function vector(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tokens(text)) if (!STOP.has(t)) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

/** Cosine similarity of term-frequency vectors (stop words removed); no model, deterministic. */
export function tokenCosine(a: string, b: string): number {
  const va = vector(a);
  const vb = vector(b);
  let dot = 0;
  for (const [t, n] of va) dot += n * (vb.get(t) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));
  const denominator = norm(va) * norm(vb);
  return denominator === 0 ? 0 : dot / denominator;
}

/** Semantic similarity of the answer to a reference answer (token cosine), against a minimum. */
export function evaluateSimilarity(text: string, reference: string, min: number): Evaluation {
  const score = tokenCosine(text, reference);
  return {
    evaluator: 'similarity',
    score,
    passed: score >= min,
    reason: `token cosine ${score.toFixed(2)} ${score >= min ? '>=' : '<'} ${min}`,
  };
}
