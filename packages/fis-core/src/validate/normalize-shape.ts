import { ValidationIssueCode as Code } from './codes';
import type { ValidationContext } from './context';
import { didYouMean } from './did-you-mean';
import { API_FIELDS, CLOUDFORMATION_FIELDS } from './field-names';
import { child, type Location, ROOT } from './json-pointer';
import type { TemplateShape } from './types';
import { describeValue, has, isRecord, own } from './values';

/** The CloudFormation resource type of an experiment template. */
export const EXPERIMENT_TEMPLATE_TYPE = 'AWS::FIS::ExperimentTemplate';

/** One experiment template found in the input, and where. */
export interface TemplateUnit {
  shape: TemplateShape;
  /** Location of the template's properties (API body or CloudFormation Properties). */
  root: Location;
  properties: unknown;
}

/** What the input holds: its shape and the templates in it. */
export interface LocatedTemplates {
  shape: TemplateShape;
  units: TemplateUnit[];
}

function countKeys(document: Record<string, unknown>, keys: readonly string[]): number {
  let count = 0;
  for (const key of keys) if (has(document, key)) count++;
  return count;
}

function locateInCloudFormation(ctx: ValidationContext, document: Record<string, unknown>): LocatedTemplates {
  const shape: TemplateShape = 'cloudformation-template';
  const at = child(ROOT, 'Resources');
  const resources = own(document, 'Resources');
  if (!isRecord(resources)) {
    ctx.error(
      Code.NoExperimentTemplate,
      at,
      resources === undefined
        ? `The CloudFormation template has no Resources; expected at least one ${EXPERIMENT_TEMPLATE_TYPE}.`
        : `Resources is ${describeValue(resources)}; expected a map of resources.`,
    );
    return { shape, units: [] };
  }
  const units: TemplateUnit[] = [];
  const otherTypes: string[] = [];
  for (const logicalId of Object.keys(resources)) {
    const resource = own(resources, logicalId);
    const type = isRecord(resource) ? own(resource, 'Type') : undefined;
    if (type !== EXPERIMENT_TEMPLATE_TYPE) {
      if (typeof type === 'string') otherTypes.push(type);
      continue;
    }
    const resourceAt: Location = { path: child(at, logicalId).path, label: logicalId };
    const propertiesAt: Location = { path: `${resourceAt.path}/Properties`, label: logicalId };
    const properties = own(resource as Record<string, unknown>, 'Properties');
    if (!isRecord(properties)) {
      ctx.error(
        properties === undefined ? Code.MissingRequiredField : Code.InvalidType,
        { path: propertiesAt.path, label: `${logicalId}.Properties` },
        `${logicalId}.Properties ${properties === undefined ? 'is missing' : `is ${describeValue(properties)}`}; an ${EXPERIMENT_TEMPLATE_TYPE} needs its Properties object.`,
      );
      continue;
    }
    units.push({ shape, root: propertiesAt, properties });
  }
  if (units.length === 0 && !ctx.errors.length) {
    const near = otherTypes.map((t) => didYouMean(t, [EXPERIMENT_TEMPLATE_TYPE])).find(Boolean);
    ctx.error(
      Code.NoExperimentTemplate,
      at,
      `Resources holds no ${EXPERIMENT_TEMPLATE_TYPE}${otherTypes.length ? ` (found ${[...new Set(otherTypes)].slice(0, 5).join(', ')})` : ''}.`,
      near ? { suggestion: near } : {},
    );
  }
  return { shape, units };
}

/**
 * The API-shape template inside a wrapper, and the key holding it: the `template` of a whole
 * `createTemplate()` answer (create_fis_template: it has `iamPolicy` or `cloudformation`), or the
 * `experimentTemplate` of a GetExperimentTemplate answer. Undefined when the object is not such a
 * wrapper (it has CreateExperimentTemplate fields of its own).
 */
export function wrappedApiTemplate(
  document: Record<string, unknown>,
): { key: 'template' | 'experimentTemplate'; template: Record<string, unknown> } | undefined {
  if (countKeys(document, API_FIELDS.topLevel) > 0) return undefined;
  const created = own(document, 'template');
  if (isRecord(created) && (has(document, 'iamPolicy') || has(document, 'cloudformation')))
    return { key: 'template', template: created };
  const fetched = own(document, 'experimentTemplate');
  if (isRecord(fetched)) return { key: 'experimentTemplate', template: fetched };
  return undefined;
}

/**
 * The CreateExperimentTemplate body `validateTemplate` checks in an API-shape object: the wrapped
 * template ({@link wrappedApiTemplate}), else the object itself. Send this, not the input, so what
 * reaches AWS is what was validated.
 */
export function apiTemplateOf(document: Record<string, unknown>): Record<string, unknown> {
  return wrappedApiTemplate(document)?.template ?? document;
}

/**
 * Works out which shape the input is in and where its experiment template(s) are:
 * - a CloudFormation template (`Resources` with one or more `AWS::FIS::ExperimentTemplate`);
 * - a single CloudFormation resource (`{ Type, Properties }`) or its Properties (PascalCase keys);
 * - the CreateExperimentTemplate API body (camelCase keys), possibly wrapped as `{ experimentTemplate: … }`
 *   the way `aws fis get-experiment-template` prints it.
 * - the whole answer of `createTemplate()` (create_fis_template): its `template` is checked.
 */
export function locateTemplates(ctx: ValidationContext, document: unknown): LocatedTemplates {
  if (!isRecord(document)) {
    ctx.error(
      Code.InvalidInput,
      ROOT,
      `The input is ${describeValue(document)}; expected an experiment template object (the CreateExperimentTemplate body, CloudFormation Properties, or a CloudFormation template).`,
    );
    return { shape: 'api', units: [] };
  }
  if (has(document, 'Resources') || has(document, 'AWSTemplateFormatVersion'))
    return locateInCloudFormation(ctx, document);
  if (own(document, 'Type') === EXPERIMENT_TEMPLATE_TYPE && has(document, 'Properties')) {
    const properties = own(document, 'Properties');
    const root: Location = { path: '/Properties', label: '' };
    if (!isRecord(properties)) {
      ctx.error(
        Code.InvalidType,
        { path: root.path, label: 'Properties' },
        `Properties is ${describeValue(properties)}; expected an object.`,
      );
      return { shape: 'cloudformation-properties', units: [] };
    }
    return {
      shape: 'cloudformation-properties',
      units: [{ shape: 'cloudformation-properties', root, properties }],
    };
  }
  const wrapped = wrappedApiTemplate(document);
  if (wrapped) {
    return {
      shape: 'api',
      units: [{ shape: 'api', root: { path: `/${wrapped.key}`, label: '' }, properties: wrapped.template }],
    };
  }
  const camel = countKeys(document, API_FIELDS.topLevel);
  const pascal = countKeys(document, CLOUDFORMATION_FIELDS.topLevel);
  const shape: TemplateShape = pascal > camel ? 'cloudformation-properties' : 'api';
  return { shape, units: [{ shape, root: ROOT, properties: document }] };
}
