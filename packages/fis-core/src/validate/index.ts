// Public pieces of template validation; re-exported from the package index.
export { ValidationIssueCode } from './codes';
export { closestMatch, editDistance } from './did-you-mean';
export { escapePointerToken, parsePointer, resolvePointer } from './json-pointer';
export { findPlaceholders } from './placeholders';
export type {
  TemplatePlaceholder,
  TemplateShape,
  ValidateTemplateOptions,
  ValidationIssue,
  ValidationResult,
} from './types';
export { validateTemplate } from './validate-template';
