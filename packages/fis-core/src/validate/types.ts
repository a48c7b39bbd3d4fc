import type { Catalog, CatalogSource } from '../catalog/catalog';
import type { ValidationIssueCode } from './codes';

/** The shape a template was given in. */
export type TemplateShape = 'api' | 'cloudformation-properties' | 'cloudformation-template';

/** One problem (or risk) found in a template. */
export interface ValidationIssue {
  /** Stable code, see {@link ValidationIssueCode}. */
  code: ValidationIssueCode;
  /** JSON Pointer (RFC 6901) into the input as given, e.g. `/actions/stopOne/parameters/duration`. Points at where a missing field should be. */
  path: string;
  /** What is wrong, naming the field and what is expected. */
  message: string;
  /** A short fix, e.g. `did you mean aws:ec2:stop-instances?`. */
  suggestion?: string;
  /** The catalog's template rule (`T01`–`T42`) this issue enforces, when one applies. */
  ruleId?: string;
}

/** Placeholder text left in a template, e.g. `<YOUR ROLE NAME>`. */
export interface TemplatePlaceholder {
  /** JSON Pointer of the string that holds it. */
  path: string;
  /** The placeholder text as written. */
  text: string;
}

/** The outcome of {@link validateTemplate}. Invalid input is reported here, never thrown. */
export interface ValidationResult {
  /** True when there are no errors (warnings do not make a template invalid). */
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** actionIds that are not in the catalog, once each. */
  invalidActions: string[];
  /** resourceTypes that are not in the catalog, once each. */
  invalidResourceTypes: string[];
  /** Placeholder text still in the template (each also reported as a `PLACEHOLDER` warning). */
  placeholders: TemplatePlaceholder[];
  /** The shape the input was read as. */
  shape: TemplateShape;
  /** When the validation ran (ISO 8601). */
  validatedAt: string;
  /** The catalog the template was checked against. */
  catalogSource: CatalogSource;
}

/** Options of {@link validateTemplate}. */
export interface ValidateTemplateOptions {
  /** Catalog to check against. Default: `bundledCatalog()`, the snapshot shipped with the package. */
  catalog?: Catalog;
  /** Region the template is meant for; ARNs naming another region get a warning. Default: the catalog's region, if it has one. */
  region?: string;
  /** Clock for `validatedAt`. Default: `() => new Date()`. */
  now?: () => Date;
}
