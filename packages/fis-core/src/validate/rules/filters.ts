import type { CatalogResourceType } from '../../catalog/types';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { checkLength, checkUnknownFields, expectKind, readString, reportMissing } from '../read-value';
import { firstEntries, has, own, type RecordValue } from '../values';
import { checkFilterPath } from './filter-path';

/**
 * T24: filters are a list of `{ path, values }`, path ≤ 256 characters, values a non-empty list of
 * strings ≤ 128; not on tags (use resourceTags), and only on resource types that support filters.
 * Paths that are probably wrong get a warning (see {@link checkFilterPath}).
 */
export function checkFilters(
  scope: TemplateScope,
  at: Location,
  value: unknown,
  type: CatalogResourceType | undefined,
) {
  if (!expectKind(scope, at, value, 'list', 'T24')) return;
  const filters = value as unknown[];
  if (type && !type.filtersSupported && filters.length > 0) {
    scope.ctx.rule(
      'T24',
      Code.FiltersNotSupported,
      at,
      `${at.label}: ${type.type} targets do not support filters.`,
      type.parameters.length > 0
        ? `narrow the selection with parameters (${type.parameters.map((p) => p.name).join(', ')})`
        : 'remove the filters',
    );
    return;
  }
  const { filterPath, filterValues } = scope.names;
  firstEntries(filters).forEach((filter, i) => {
    const filterAt = child(at, i);
    if (!expectKind(scope, filterAt, filter, 'object', 'T24')) return;
    const object = filter as RecordValue;
    checkUnknownFields(scope, filterAt, object, scope.fields.filter);
    const pathAt = child(filterAt, filterPath);
    if (!has(object, filterPath))
      reportMissing(
        scope,
        pathAt,
        'T24',
        'the attribute path, e.g. State.Name or Placement.AvailabilityZone',
      );
    else {
      const path = readString(scope, pathAt, own(object, filterPath), 'T24');
      if (
        path !== undefined &&
        !scope.ctx.hasPlaceholder(pathAt) &&
        checkLength(scope, pathAt, path, 1, 256, 'T24')
      ) {
        if (/^(tags?\b|tag:)/i.test(path)) {
          scope.ctx.rule(
            'T24',
            Code.FilterOnTags,
            pathAt,
            `${pathAt.label}: ${JSON.stringify(path)} filters on tags; FIS selects by tags with resourceTags, not filters.`,
            'move the tag to resourceTags',
          );
        } else checkFilterPath(scope, pathAt, path, type);
      }
    }
    const valuesAt = child(filterAt, filterValues);
    if (!has(object, filterValues)) {
      reportMissing(scope, valuesAt, 'T24', 'a list of values to match (any of them)');
      return;
    }
    const values = own(object, filterValues);
    if (!expectKind(scope, valuesAt, values, 'list', 'T24')) return;
    const list = values as unknown[];
    if (list.length === 0) {
      scope.ctx.rule(
        'T24',
        Code.ValueTooShort,
        valuesAt,
        `${valuesAt.label} is empty; a filter needs at least one value.`,
      );
    }
    firstEntries(list).forEach((item, j) => {
      if (scope.allowIntrinsics && isIntrinsic(item)) return;
      const itemAt = child(valuesAt, j);
      const text = readString(scope, itemAt, item, 'T24');
      if (text !== undefined) checkLength(scope, itemAt, text, 0, 128, 'T24');
    });
  });
}
