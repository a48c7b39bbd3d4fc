import { LOG_RULES } from './catalog';
import type { LogRule } from './types';

/** The log rules a single line fires, pre-filter and pattern, as the analyser tests them. */
export function rulesFiring(line: string): LogRule[] {
  return LOG_RULES.filter(
    (rule) => rule.contains.some((literal) => line.includes(literal)) && rule.pattern.test(line),
  );
}

/** The subject a rule captures from a line (`undefined` when it captures none). */
export function subjectOf(rule: LogRule, line: string): string | undefined {
  if (rule.subjectGroup === undefined) return undefined;
  const match = rule.pattern.exec(line);
  return match?.[rule.subjectGroup] ?? match?.slice(1).find((group) => group !== undefined);
}
