// docs/libraries/fis-core.md: a deployable template from a recommendation.
import assert from 'node:assert/strict';
import { createTemplate, FisCoreError, FisCoreErrorCode, recommend } from '@faultline/fis-core';

const [top] = recommend({
  id: 'inc-9',
  summary: 'Kinesis consumers throttled: ProvisionedThroughputExceeded',
}).recommendations;

const { template, cloudformation, iamPolicy, placeholders, warnings } = createTemplate(top, {
  tags: { 'FIS-Ready': 'True' },
  roleArn: 'arn:aws:iam::123456789012:role/FisExperimentRole',
  stopConditionAlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:consumer-lag',
  duration: 'PT5M',
});

assert.equal(
  Object.values(template.actions)[0]?.actionId,
  'aws:kinesis:stream-provisioned-throughput-exception',
);
assert.deepEqual(template.stopConditions, [
  { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:consumer-lag' },
]);
assert.match(cloudformation.yaml, /Type: "AWS::FIS::ExperimentTemplate"/);
assert.ok(iamPolicy.Statement.length > 0);
assert.deepEqual(placeholders, []);
assert.ok(Array.isArray(warnings));

// Bad input throws a FisCoreError that names the field, with a did-you-mean.
try {
  createTemplate({ action: 'aws:ec2:stop-instance' });
  assert.fail('expected an error');
} catch (error) {
  assert.ok(FisCoreError.isInstance(error));
  assert.equal(error.code, FisCoreErrorCode.UnknownAction);
  assert.match(error.message, /did you mean aws:ec2:stop-instances\?/);
}
