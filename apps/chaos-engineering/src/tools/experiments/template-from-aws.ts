import type { ExperimentTemplate as AwsExperimentTemplate } from '@aws-sdk/client-fis';
import type { ExperimentTemplate } from '@faultline/fis-core';

/** A template as GetExperimentTemplate returns it, in the CreateExperimentTemplate shape the validator reads. */
export function templateFromAws(template: AwsExperimentTemplate): ExperimentTemplate {
  return JSON.parse(
    JSON.stringify({
      description: template.description,
      targets: template.targets,
      actions: template.actions,
      stopConditions: template.stopConditions,
      roleArn: template.roleArn,
      tags: template.tags,
      logConfiguration: template.logConfiguration,
      experimentOptions: template.experimentOptions,
    }),
  ) as ExperimentTemplate;
}
