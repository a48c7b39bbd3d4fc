import { DOCUMENTED_FILTER_PATHS } from '../../catalog/documented-filter-paths';
import type { CatalogResourceType } from '../../catalog/types';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import type { Location } from '../json-pointer';
import { quote } from '../values';

function pascalCase(path: string): string {
  return path
    .split('.')
    .map((element) => element.charAt(0).toUpperCase() + element.slice(1))
    .join('.');
}

function lastElement(path: string): string {
  return path.split('.').at(-1) ?? path;
}

/**
 * T24, the path of one filter: FIS reads it against the resource's Describe output only when the
 * experiment starts, and a wrong path matches nothing, so the experiment fails then (or, with
 * emptyTargetResolutionMode skip, silently skips the action). Warns, with the fix where there is
 * one, on a path that is not PascalCase (AWS documents PascalCase elements even where the Describe
 * output is camelCase), a near miss of a documented path for the resource type (AvailabiltyZone),
 * a path documented for another type (Placement.AvailabilityZone on an ECS task), or, for types
 * with documented paths, a path far from all of them. Paths AWS documents pass silently.
 */
export function checkFilterPath(
  scope: TemplateScope,
  at: Location,
  path: string,
  type: CatalogResourceType | undefined,
): void {
  if (!type) return;
  const documented = DOCUMENTED_FILTER_PATHS[type.type] ?? [];
  if (documented.includes(path)) return;
  const warn = (message: string, suggestion?: string) =>
    scope.ctx.warn(Code.UnknownFilterPath, at, `${at.label}: ${quote(path)} ${message}`, {
      ruleId: 'T24',
      ...(suggestion !== undefined && { suggestion }),
    });
  const caseOnly = documented.find((p) => p.toLowerCase() === path.toLowerCase());
  if (caseOnly !== undefined) {
    warn(
      `differs only in case from ${caseOnly}, the path AWS documents for ${type.type}; filter paths are PascalCase and do not match in another case.`,
      `use ${caseOnly}`,
    );
    return;
  }
  if (path.split('.').some((element) => /^[a-z]/.test(element))) {
    warn(
      'has an element that is not PascalCase; AWS FIS filter paths are PascalCase even where the Describe output is camelCase, and a path in another case matches nothing.',
      `use ${pascalCase(path)}`,
    );
    return;
  }
  if (documented.length === 0) return;
  const near = closestMatch(path, documented);
  if (near !== undefined) {
    warn(`is not a filter path AWS documents for ${type.type}; did you mean ${near}?`, `use ${near}`);
    return;
  }
  const elsewhere = Object.entries(DOCUMENTED_FILTER_PATHS).find(
    ([other, paths]) => other !== type.type && paths.includes(path),
  );
  const sameLeaf = documented.find((p) => lastElement(p) === lastElement(path));
  if (elsewhere) {
    warn(
      `is a filter path of ${elsewhere[0]}, not of ${type.type}: FIS reads it in the ${type.type} description, where it matches nothing.`,
      sameLeaf !== undefined ? `use ${sameLeaf}` : undefined,
    );
    return;
  }
  warn(
    `is none of the filter paths AWS documents for ${type.type} (${documented.join(', ')}); FIS checks it only when the experiment starts, and a path the resource's Describe output does not have selects nothing. Make sure the attribute exists.`,
    sameLeaf !== undefined ? `use ${sameLeaf}` : undefined,
  );
}
