import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import type { Location } from '../json-pointer';

/** T07: action and target names are 1–64 characters without whitespace. Returns false for a bad name. */
export function checkName(
  scope: TemplateScope,
  at: Location,
  name: string,
  kind: 'action' | 'target',
): boolean {
  if (name.length === 0 || name.length > 64) {
    scope.ctx.rule(
      'T07',
      Code.InvalidName,
      at,
      `${kind === 'action' ? 'Action' : 'Target'} name ${JSON.stringify(name.slice(0, 80))} has ${name.length} characters; names are 1-64 characters.`,
    );
    return false;
  }
  if (/\s/.test(name)) {
    scope.ctx.rule(
      'T07',
      Code.InvalidName,
      at,
      `${kind === 'action' ? 'Action' : 'Target'} name ${JSON.stringify(name)} contains whitespace; names may not.`,
      `use ${JSON.stringify(name.trim().replace(/\s+/g, '-'))}`,
    );
    return false;
  }
  return true;
}
