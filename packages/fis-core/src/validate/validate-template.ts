import { bundledCatalog } from '../catalog/bundled-catalog';
import { catalogIndex } from './catalog-index';
import { ValidationIssueCode as Code } from './codes';
import { type TemplateScope, ValidationContext } from './context';
import { reportDuplicateKeys } from './duplicate-keys';
import { API_FIELDS, CLOUDFORMATION_FIELDS } from './field-names';
import { ROOT } from './json-pointer';
import { locateTemplates, type TemplateUnit } from './normalize-shape';
import { parseInput } from './parse-input';
import { checkUnknownFields } from './read-value';
import { checkActionTargetReferences } from './rules/action-targets';
import { checkActions } from './rules/actions';
import { checkDescription } from './rules/description';
import { checkExperimentOptions } from './rules/experiment-options';
import { checkExperimentReport } from './rules/experiment-report';
import { checkLogConfiguration } from './rules/log-configuration';
import { checkRoleArnField } from './rules/role-arn';
import { checkSchedule } from './rules/schedule';
import { checkStartAfter } from './rules/start-after';
import { checkStopConditions } from './rules/stop-conditions';
import { checkTemplateTags } from './rules/tags';
import { checkTargets } from './rules/targets';
import { scanPlaceholders } from './scan-placeholders';
import type { TemplateModel } from './template-model';
import type { TemplateShape, ValidateTemplateOptions, ValidationResult } from './types';
import { isRecord, own } from './values';

function validateUnit(ctx: ValidationContext, unit: TemplateUnit): void {
  const fields = unit.shape === 'api' ? API_FIELDS : CLOUDFORMATION_FIELDS;
  const scope: TemplateScope = {
    ctx,
    shape: unit.shape,
    names: fields.names,
    fields,
    root: unit.root,
    allowIntrinsics: unit.shape !== 'api',
  };
  const template = unit.properties;
  if (!isRecord(template)) return;
  scanPlaceholders(ctx, template, unit.root, scope.allowIntrinsics);
  checkUnknownFields(scope, unit.root, template, fields.topLevel, fields.readOnly);
  checkDescription(scope, template);
  checkRoleArnField(scope, template);
  checkStopConditions(scope, template);
  const targets = checkTargets(scope, template);
  const actions = checkActions(scope, template);
  const names = (key: string) => {
    const value = own(template, key);
    return new Set(isRecord(value) ? Object.keys(value) : []);
  };
  const model: TemplateModel = {
    actionNames: names(fields.names.actions),
    targetNames: names(fields.names.targets),
    actions,
    actionsByName: new Map(actions.map((a) => [a.name, a])),
    targets,
    targetsByName: new Map(targets.map((t) => [t.name, t])),
  };
  checkActionTargetReferences(scope, model);
  checkSchedule(scope, checkStartAfter(scope, model));
  checkTemplateTags(scope, template);
  checkLogConfiguration(scope, template);
  checkExperimentOptions(scope, template);
  checkExperimentReport(scope, template);
}

function timestamp(now: (() => Date) | undefined): string {
  try {
    const date = now ? now() : new Date();
    if (date instanceof Date && !Number.isNaN(date.getTime())) return date.toISOString();
  } catch {
    // a failing clock must not fail the validation
  }
  return new Date().toISOString();
}

/**
 * Validates a FIS experiment template against the FIS catalog: every statically checkable template
 * rule (T01–T42), every per-action fact (parameters, types, ranges, durations, target keys and
 * resource types), and warnings for legal but risky templates (no stop condition, ALL on
 * production, actions that cannot be undone, placeholders).
 *
 * The input may be the CreateExperimentTemplate body (camelCase), CloudFormation
 * `AWS::FIS::ExperimentTemplate` Properties (PascalCase), a whole CloudFormation template, or any of
 * these as JSON or YAML text (CloudFormation short-form tags such as `!Ref` and `!Sub` included).
 * Invalid input of any kind is reported in the result; this function does not throw.
 *
 * @example
 * const result = validateTemplate({
 *   description: 'Stop one tagged instance for 5 minutes',
 *   targets: { web: { resourceType: 'aws:ec2:instance', resourceTags: { Chaos: 'ready' }, selectionMode: 'COUNT(1)' } },
 *   actions: { stop: { actionId: 'aws:ec2:stop-instances', parameters: { startInstancesAfterDuration: 'PT13H' }, targets: { Instances: 'web' } } },
 *   stopConditions: [{ source: 'none' }],
 *   roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
 * });
 * result.valid; // false
 * result.errors[0]; // { code: 'DURATION_OUT_OF_RANGE', path: '/actions/stop/parameters/startInstancesAfterDuration', … }
 */
export function validateTemplate(input: unknown, options: ValidateTemplateOptions = {}): ValidationResult {
  const catalog = options.catalog ?? bundledCatalog();
  const ctx = new ValidationContext(catalogIndex(catalog), options.region ?? catalog.source.region);
  let shape: TemplateShape = 'api';
  try {
    let document = input;
    if (typeof input === 'string') {
      const parsed = parseInput(input);
      if (parsed.ok) {
        document = parsed.value;
        reportDuplicateKeys(ctx, parsed.duplicateKeys ?? []);
      } else {
        ctx.error(
          Code.ParseError,
          ROOT,
          parsed.message,
          parsed.suggestion ? { suggestion: parsed.suggestion } : {},
        );
        document = undefined;
      }
    }
    if (ctx.errors.length === 0) {
      const located = locateTemplates(ctx, document);
      shape = located.shape;
      for (const unit of located.units) validateUnit(ctx, unit);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.error(
      Code.ValidatorFailed,
      ROOT,
      `The validator failed on this input (${reason.slice(0, 200)}); the issues listed may be incomplete. Please report this.`,
    );
  }
  const { errors, warnings } = ctx.finish();
  return {
    valid: errors.length === 0,
    errors,
    warnings,
    invalidActions: [...ctx.invalidActions],
    invalidResourceTypes: [...ctx.invalidResourceTypes],
    placeholders: ctx.placeholders,
    shape,
    validatedAt: timestamp(options.now),
    catalogSource: catalog.source,
  };
}
