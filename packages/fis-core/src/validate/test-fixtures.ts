// Templates and helpers shared by the validator's tests. Not part of the public API.
import type { ValidationIssue, ValidationResult } from './types';

/** A template as tests build and damage it: any shape at all. */
// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixtures freely, including into invalid shapes
export type LooseTemplate = Record<string, any>;

/** A valid CreateExperimentTemplate body (EC2 stop with restart, alarm stop condition); fresh on each call. */
export function ec2Template(): LooseTemplate {
  return {
    description: 'Stop one web instance for 10 minutes',
    targets: {
      web: {
        resourceType: 'aws:ec2:instance',
        resourceTags: { app: 'web' },
        filters: [{ path: 'State.Name', values: ['running'] }],
        selectionMode: 'COUNT(1)',
      },
    },
    actions: {
      stop: {
        actionId: 'aws:ec2:stop-instances',
        parameters: { startInstancesAfterDuration: 'PT10M' },
        targets: { Instances: 'web' },
      },
    },
    stopConditions: [
      { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-5xx' },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
    tags: { team: 'sre' },
  };
}

/** A valid template with only actions that take no targets. */
export function waitTemplate(actions: Record<string, unknown>): LooseTemplate {
  return { ...ec2Template(), targets: {}, actions };
}

/** An aws:fis:wait action. */
export function wait(duration: string, startAfter?: string[]): Record<string, unknown> {
  return { actionId: 'aws:fis:wait', parameters: { duration }, ...(startAfter ? { startAfter } : {}) };
}

/** `CODE /path` of each issue, for compact assertions. */
export function codes(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.code} ${issue.path}`);
}

/** `CODE /path` of the errors of a result. */
export function errorsOf(result: ValidationResult): string[] {
  return codes(result.errors);
}

/** `CODE /path` of the warnings of a result. */
export function warningsOf(result: ValidationResult): string[] {
  return codes(result.warnings);
}
