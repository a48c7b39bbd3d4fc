import type { AssistantStep } from '../scenario/schema';
import { evaluateEntities } from './entities';
import type { Evaluation } from './evaluation';
import { evaluateJsonSchema } from './json-schema';
import { evaluateMentions } from './references';
import { evaluateRegexGuard } from './regex-guard';
import { evaluateSimilarity } from './similarity';

/** Runs every evaluator an assistant step asks for over the answer text. */
export function evaluateAnswer(
  text: string,
  step: AssistantStep,
  distractors: readonly string[] = [],
): Evaluation[] {
  const out: Evaluation[] = [];
  for (const guard of step.guards ?? []) out.push(evaluateRegexGuard(text, guard));
  const expect = step.expect;
  if (!expect) return out;
  if (expect.references) out.push(evaluateMentions('references', text, expect.references));
  if (expect.metrics) out.push(evaluateMentions('metrics', text, expect.metrics));
  if (expect.json_schema) out.push(evaluateJsonSchema(text, expect.json_schema));
  if (expect.similar_to) out.push(evaluateSimilarity(text, expect.similar_to, expect.min_similarity));
  if (expect.entities) {
    out.push(
      evaluateEntities(text, {
        expected: expect.entities.expected,
        forbidden: expect.entities.forbidden,
        distractors,
        minPrecision: expect.entities.min_precision,
        minRecall: expect.entities.min_recall,
      }),
    );
  }
  return out;
}
