import { checkRoleArn } from '../arn';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { child } from '../json-pointer';
import { checkLength, readString, reportMissing } from '../read-value';
import { has, own, quote, type RecordValue } from '../values';

/** T02: roleArn is required and must be the ARN of an IAM role (not a user, not an assumed-role session). */
export function checkRoleArnField(scope: TemplateScope, template: RecordValue): void {
  const key = scope.names.roleArn;
  const at = child(scope.root, key);
  if (!has(template, key)) {
    reportMissing(
      scope,
      at,
      'T02',
      'the ARN of the IAM role FIS assumes (arn:aws:iam::<account>:role/<name>)',
    );
    return;
  }
  const text = readString(scope, at, own(template, key), 'T02');
  if (text === undefined || scope.ctx.hasPlaceholder(at)) return;
  const max = scope.shape === 'api' ? 2048 : 1224;
  const problem = checkRoleArn(text);
  if (problem) {
    const code = problem.kind === 'not-a-role' ? Code.RoleArnNotARole : Code.InvalidRoleArn;
    scope.ctx.rule('T02', code, at, `${at.label}: ${quote(text)} ${problem.message}.`, problem.suggestion);
    return;
  }
  checkLength(scope, at, text, 20, max, 'T02');
}
