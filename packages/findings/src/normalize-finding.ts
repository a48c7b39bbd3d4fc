import { type Finding, type FindingInput, FindingInputSchema } from './finding';
import { toSeverity } from './severity';
import { findingId } from './stable-id';

const ARN = /\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12})?:[A-Za-z0-9_./:*@+=,-]+/g;

/** Extracts the distinct AWS ARNs that appear in a text, in order of appearance. */
export function extractArns(text: string): string[] {
  const found = text.match(ARN) ?? [];
  return [...new Set(found.map((arn) => arn.replace(/[.,;:)]+$/, '')))];
}

function firstSentence(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const sentence = line.split(/(?<=[.!?])\s/, 1)[0] ?? line;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}

function resourceOf(entry: string | { arn?: string; id?: string }): string | undefined {
  return typeof entry === 'string' ? entry : (entry.arn ?? entry.id);
}

/**
 * Turns any accepted finding shape into a full {@link Finding}: fills the title from the summary,
 * maps priority onto the severity scale, takes the category from `type`, collects ARNs named in the
 * text into `resources`, and derives a stable id when none is given. Unknown fields are kept.
 * Throws a `ZodError` (with the path of the offending field) when the input is not a finding.
 *
 * @example
 * normalizeFinding({ id: 'f-1', summary: 'DB failover took 4 minutes', type: 'DATABASE_ISSUE' });
 */
export function normalizeFinding(input: FindingInput | unknown): Finding {
  const parsed = FindingInputSchema.parse(input);
  const {
    id,
    source,
    title,
    summary,
    description,
    severity,
    priority,
    category,
    type,
    resources,
    evidence,
    detectedAt,
    relatedFindingIds,
    ...extra
  } = parsed;
  const text = (summary?.trim() || description?.trim() || title?.trim()) as string;
  const evidenceList = (evidence ?? []).map((e) => (typeof e === 'string' ? { excerpt: e } : e));
  const named = (resources ?? []).map(resourceOf).filter((r): r is string => Boolean(r));
  const mentioned = extractArns([title, text, ...evidenceList.map((e) => e.excerpt ?? '')].join('\n'));
  const allResources = [...new Set([...named, ...mentioned])];
  const normalizedCategory = (category ?? type ?? 'uncategorized')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return {
    ...extra,
    id:
      id ??
      findingId({
        rule: normalizedCategory,
        resource: allResources[0],
        evidence: text,
      }),
    source: source ?? (priority !== undefined ? 'aws-devops-agent' : 'unknown'),
    title: title?.trim() || firstSentence(text),
    summary: text,
    severity: toSeverity(severity) ?? toSeverity(priority) ?? 'medium',
    category: normalizedCategory || 'uncategorized',
    resources: allResources,
    evidence: evidenceList,
    ...(detectedAt !== undefined && { detectedAt }),
    relatedFindingIds: relatedFindingIds ?? [],
  };
}
