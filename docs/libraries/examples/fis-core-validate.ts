// docs/libraries/fis-core.md: validating a template before it is deployed.
import assert from 'node:assert/strict';
import { type ValidationResult, validateTemplate } from '@faultline/fis-core';

// YAML (or JSON) text, an object, CloudFormation properties or a whole CloudFormation template.
const result: ValidationResult = validateTemplate(`
description: Stop one tagged instance
roleArn: arn:aws:iam::123456789012:role/FisExperimentRole
stopConditions:
  - source: none
targets:
  web:
    resourceType: aws:ec2:instance
    resourceTags: { FIS-Ready: "True" }
    selectionMode: COUNT(1)
actions:
  stop:
    actionId: aws:ec2:stop-instances
    parameters: { startInstancesAfterDuration: PT13H }
    targets: { Instances: web }
`);

assert.equal(result.valid, false);
assert.equal(result.shape, 'api');
const [error] = result.errors;
assert.equal(error?.code, 'DURATION_OUT_OF_RANGE');
assert.equal(error?.path, '/actions/stop/parameters/startInstancesAfterDuration');
// Risky but legal choices are warnings, not errors.
assert.ok(result.warnings.some((w) => w.code === 'NO_STOP_CONDITION'));
