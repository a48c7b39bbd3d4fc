import { parseArn } from '../arn';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import type { Location } from '../json-pointer';

/**
 * Warns when an ARN names a region other than the one the template is validated for. FIS runs an
 * experiment in one region; its alarms, log groups, documents and (regional) targets live there.
 */
export function checkArnRegion(scope: TemplateScope, at: Location, arnText: string): void {
  const expected = scope.ctx.region;
  if (!expected) return;
  const arn = parseArn(arnText);
  if (!arn || arn.region === '' || arn.region === expected) return;
  scope.ctx.warn(
    Code.ArnRegionMismatch,
    at,
    `${at.label} is in region ${arn.region}, but the template is validated for ${expected}; FIS uses resources of the experiment's own region.`,
    { suggestion: `use the ${expected} ARN` },
  );
}
