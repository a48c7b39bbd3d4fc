import type { TemplateScope } from '../context';
import { child } from '../json-pointer';
import { checkLength, readString, reportMissing } from '../read-value';
import { has, own, type RecordValue } from '../values';

/** T01: description is required, 1–512 characters. */
export function checkDescription(scope: TemplateScope, template: RecordValue): void {
  const key = scope.names.description;
  const at = child(scope.root, key);
  if (!has(template, key)) {
    reportMissing(scope, at, 'T01', 'a description of 1-512 characters');
    return;
  }
  const text = readString(scope, at, own(template, key), 'T01');
  if (text === undefined || scope.ctx.hasPlaceholder(at)) return;
  checkLength(scope, at, text, 1, 512, 'T01');
}
