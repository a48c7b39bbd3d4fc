import { parseArn } from '../arn';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { didYouMean } from '../did-you-mean';
import { child, type Location } from '../json-pointer';
import { isRecord, own, type RecordValue } from '../values';

/**
 * For aws:ssm:send-command running one of the AWSFIS-* documents the catalog knows: the document's
 * required parameters must be in documentParameters, and names it does not have are flagged.
 */
export function checkSsmDocumentParameters(
  scope: TemplateScope,
  parametersAt: Location,
  given: RecordValue,
): void {
  const arnText = own(given, 'documentArn');
  if (typeof arnText !== 'string' || scope.ctx.hasPlaceholder(child(parametersAt, 'documentArn'))) return;
  const arn = parseArn(arnText);
  const name = arn?.resource.startsWith('document/') ? arn.resource.slice('document/'.length) : undefined;
  const document = name ? scope.ctx.index.ssmDocuments.get(name) : undefined;
  if (!document) return;
  const at = child(parametersAt, 'documentParameters');
  const text = own(given, 'documentParameters');
  if (text === undefined) {
    if (document.required.length > 0) {
      scope.ctx.rule(
        'T11',
        Code.MissingRequiredParameter,
        at,
        `${at.label} is required: ${document.name} needs ${document.required.join(', ')}.`,
        `set it to a JSON string such as ${JSON.stringify(JSON.stringify(Object.fromEntries(document.required.map((p) => [p, '…']))))}`,
      );
    }
    return;
  }
  if (typeof text !== 'string' || scope.ctx.hasPlaceholder(at)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return; // reported as INVALID_JSON by the parameter check
  }
  if (!isRecord(parsed)) return;
  const keys = Object.keys(parsed);
  const missing = document.required.filter((p) => !keys.includes(p));
  if (missing.length > 0) {
    scope.ctx.error(
      Code.MissingDocumentParameter,
      at,
      `${at.label} lacks ${missing.join(', ')}, which ${document.name} requires.`,
      { ruleId: 'T11' },
    );
  }
  for (const key of keys) {
    if (document.known.includes(key)) continue;
    const suggestion = didYouMean(key, document.known);
    scope.ctx.warn(
      Code.UnknownDocumentParameter,
      at,
      `${at.label}: ${document.name} has no parameter ${JSON.stringify(key)}; it takes ${document.known.join(', ')}.`,
      suggestion ? { suggestion } : {},
    );
  }
}
