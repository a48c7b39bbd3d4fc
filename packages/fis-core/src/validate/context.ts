import type { CatalogIndex } from './catalog-index';
import { ValidationIssueCode } from './codes';
import type { FieldNames, ShapeFields } from './field-names';
import type { Location } from './json-pointer';
import type { TemplatePlaceholder, TemplateShape, ValidationIssue } from './types';

/** At most this many errors and this many warnings are reported; the rest are summarised. */
export const MAX_ISSUES = 500;

/** Optional parts of an issue. */
export interface IssueExtra {
  suggestion?: string;
  ruleId?: string;
}

/** Collects the issues of one validation run. */
export class ValidationContext {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  readonly invalidActions = new Set<string>();
  readonly invalidResourceTypes = new Set<string>();
  readonly placeholders: TemplatePlaceholder[] = [];
  /** Pointers of strings that hold placeholders: their content is not checked further. */
  readonly placeholderPaths = new Set<string>();
  /** Pointers of fields that a misspelt field probably meant: not reported again as missing. */
  readonly misspeltPaths = new Set<string>();
  private droppedErrors = 0;
  private droppedWarnings = 0;

  constructor(
    readonly index: CatalogIndex,
    /** Region ARNs are expected to name, when known. */
    readonly region: string | undefined,
  ) {}

  /** Reports an issue of a catalog rule, with the severity the catalog gives that rule (`info`: not reported). */
  rule(ruleId: string, code: ValidationIssueCode, at: Location, message: string, suggestion?: string): void {
    const severity = this.index.rules.get(ruleId)?.severity ?? 'error';
    if (severity === 'info') return;
    this.push(severity, { code, path: at.path, message, ...(suggestion ? { suggestion } : {}), ruleId });
  }

  /** Reports an error. */
  error(code: ValidationIssueCode, at: Location, message: string, extra: IssueExtra = {}): void {
    this.push('error', issue(code, at, message, extra));
  }

  /** Reports a warning: legal, but risky or suspicious. */
  warn(code: ValidationIssueCode, at: Location, message: string, extra: IssueExtra = {}): void {
    this.push('warning', issue(code, at, message, extra));
  }

  /** True when the string at this location holds a placeholder. */
  hasPlaceholder(at: Location): boolean {
    return this.placeholderPaths.size > 0 && this.placeholderPaths.has(at.path);
  }

  /** Errors and warnings, with a note when some were dropped. */
  finish(): { errors: ValidationIssue[]; warnings: ValidationIssue[] } {
    const dropped = this.droppedErrors + this.droppedWarnings;
    if (dropped > 0) {
      this.warnings.push({
        code: ValidationIssueCode.IssuesTruncated,
        path: '',
        message: `${dropped} more issue(s) (${this.droppedErrors} error(s), ${this.droppedWarnings} warning(s)) were found but not listed; fix the ones above and validate again.`,
      });
    }
    return { errors: this.errors, warnings: this.warnings };
  }

  private push(severity: 'error' | 'warning', item: ValidationIssue): void {
    const list = severity === 'error' ? this.errors : this.warnings;
    if (list.length >= MAX_ISSUES) {
      if (severity === 'error') this.droppedErrors++;
      else this.droppedWarnings++;
      return;
    }
    list.push(item);
  }
}

function issue(code: ValidationIssueCode, at: Location, message: string, extra: IssueExtra): ValidationIssue {
  const result: ValidationIssue = { code, path: at.path, message };
  if (extra.suggestion) result.suggestion = extra.suggestion;
  if (extra.ruleId) result.ruleId = extra.ruleId;
  return result;
}

/** One experiment template being validated: where it sits in the input and how its fields are spelt. */
export interface TemplateScope {
  readonly ctx: ValidationContext;
  readonly shape: TemplateShape;
  /** Field names of this shape (camelCase for the API, PascalCase for CloudFormation). */
  readonly names: FieldNames;
  /** The fields each kind of object may hold in this shape. */
  readonly fields: ShapeFields;
  /** Location of the template's properties object. */
  readonly root: Location;
  /** CloudFormation shapes: intrinsic functions stand in for values. */
  readonly allowIntrinsics: boolean;
}
