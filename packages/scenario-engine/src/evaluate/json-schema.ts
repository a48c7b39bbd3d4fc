import { Ajv } from 'ajv';
import type { Evaluation } from './evaluation';

/** The JSON inside an answer: the whole text, a ```json fenced block, or the first {...} span. */
export function extractJson(text: string): unknown {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // next candidate
    }
  }
  return undefined;
}

/** Validates the JSON in the answer against a JSON Schema (ajv). */
export function evaluateJsonSchema(text: string, schema: Record<string, unknown>): Evaluation {
  const value = extractJson(text);
  if (value === undefined)
    return { evaluator: 'json_schema', score: 0, passed: false, reason: 'the answer holds no JSON' };
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const passed = validate(value) as boolean;
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  return {
    evaluator: 'json_schema',
    score: passed ? 1 : 0,
    passed,
    reason: passed ? 'the JSON matches the schema' : errors.join('; '),
  };
}
