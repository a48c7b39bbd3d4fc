import { ValidationIssueCode as Code } from './codes';
import type { ValidationContext } from './context';
import { isIntrinsic } from './intrinsic';
import { child, type Location } from './json-pointer';
import { findPlaceholders } from './placeholders';
import { isRecord, MAX_ENTRIES, quote } from './values';

/** Nothing in an experiment template is deeper than this; deeper content is not scanned. */
const MAX_DEPTH = 32;
/** At most this many values are scanned, whatever the input's size. */
const MAX_VALUES = 1_000_000;

/**
 * Finds placeholder text in every string of a template (CloudFormation intrinsics excepted), records
 * it in `ctx.placeholders` and reports one PLACEHOLDER warning per field. Fields holding placeholders
 * are then skipped by the format checks, so one placeholder does not cascade into format errors.
 * Iterative: deep input cannot overflow the stack.
 */
export function scanPlaceholders(
  ctx: ValidationContext,
  value: unknown,
  root: Location,
  cloudFormation: boolean,
): void {
  // locations are built only for containers and for strings that hold a placeholder
  const stack: Array<[value: unknown, parent: Location | undefined, key: string | number, depth: number]> = [
    [value, undefined, '', 0],
  ];
  let budget = MAX_VALUES;
  const found: Array<[Location, string[]]> = [];
  while (stack.length > 0 && budget-- > 0) {
    const [current, parent, key, depth] = stack.pop()!;
    if (typeof current === 'string') {
      const texts = findPlaceholders(current, { allowDynamicReferences: cloudFormation });
      if (texts.length > 0) found.push([parent ? child(parent, key) : root, texts]);
      continue;
    }
    if (depth >= MAX_DEPTH || typeof current !== 'object' || current === null) continue;
    if (cloudFormation && isIntrinsic(current)) continue;
    const at = parent ? child(parent, key) : root;
    if (Array.isArray(current)) {
      for (let i = Math.min(current.length, MAX_ENTRIES) - 1; i >= 0; i--)
        stack.push([current[i], at, i, depth + 1]);
    } else if (isRecord(current)) {
      const keys = Object.keys(current);
      for (let i = Math.min(keys.length, MAX_ENTRIES) - 1; i >= 0; i--) {
        const name = keys[i]!;
        stack.push([current[name], at, name, depth + 1]);
      }
    }
  }
  for (const [at, texts] of found) {
    ctx.placeholderPaths.add(at.path);
    for (const text of texts)
      ctx.placeholders.push({ path: at.path, text: text.length > 120 ? `${text.slice(0, 119)}…` : text });
    ctx.warn(
      Code.Placeholder,
      at,
      `${at.label || 'The value'} still holds placeholder text ${texts
        .slice(0, 10)
        .map((t) => (t.length > 60 ? quote(t, 60) : t))
        .join(
          ', ',
        )}${texts.length > 10 ? ', …' : ''}; replace it with a real value before creating the template.`,
    );
  }
}
