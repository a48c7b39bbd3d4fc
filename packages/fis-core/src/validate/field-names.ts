/** How each field of an experiment template is spelt in one shape. */
export interface FieldNames {
  description: string;
  targets: string;
  actions: string;
  stopConditions: string;
  roleArn: string;
  tags: string;
  logConfiguration: string;
  experimentOptions: string;
  experimentReportConfiguration: string;
  // Target
  resourceType: string;
  resourceArns: string;
  resourceTags: string;
  filters: string;
  filterPath: string;
  filterValues: string;
  selectionMode: string;
  parameters: string;
  // Action
  actionId: string;
  startAfter: string;
  // Stop condition
  source: string;
  value: string;
  // Log configuration
  cloudWatchLogsConfiguration: string;
  logGroupArn: string;
  s3Configuration: string;
  bucketName: string;
  prefix: string;
  logSchemaVersion: string;
  // Experiment options
  accountTargeting: string;
  emptyTargetResolutionMode: string;
  // Report configuration
  outputs: string;
  reportS3Configuration: string;
  dataSources: string;
  cloudWatchDashboards: string;
  dashboardIdentifier: string;
  preExperimentDuration: string;
  postExperimentDuration: string;
}

/** The fields each kind of object may hold, per shape (used to flag unknown fields). */
export interface ShapeFields {
  names: FieldNames;
  topLevel: readonly string[];
  /** Fields of GetExperimentTemplate output that CreateExperimentTemplate does not take. */
  readOnly: readonly string[];
  target: readonly string[];
  filter: readonly string[];
  action: readonly string[];
  stopCondition: readonly string[];
  logConfiguration: readonly string[];
  cloudWatchLogsConfiguration: readonly string[];
  logS3Configuration: readonly string[];
  experimentOptions: readonly string[];
  reportConfiguration: readonly string[];
  reportOutputs: readonly string[];
  reportS3Configuration: readonly string[];
  reportDataSources: readonly string[];
  dashboard: readonly string[];
}

const API_NAMES: FieldNames = {
  description: 'description',
  targets: 'targets',
  actions: 'actions',
  stopConditions: 'stopConditions',
  roleArn: 'roleArn',
  tags: 'tags',
  logConfiguration: 'logConfiguration',
  experimentOptions: 'experimentOptions',
  experimentReportConfiguration: 'experimentReportConfiguration',
  resourceType: 'resourceType',
  resourceArns: 'resourceArns',
  resourceTags: 'resourceTags',
  filters: 'filters',
  filterPath: 'path',
  filterValues: 'values',
  selectionMode: 'selectionMode',
  parameters: 'parameters',
  actionId: 'actionId',
  startAfter: 'startAfter',
  source: 'source',
  value: 'value',
  cloudWatchLogsConfiguration: 'cloudWatchLogsConfiguration',
  logGroupArn: 'logGroupArn',
  s3Configuration: 's3Configuration',
  bucketName: 'bucketName',
  prefix: 'prefix',
  logSchemaVersion: 'logSchemaVersion',
  accountTargeting: 'accountTargeting',
  emptyTargetResolutionMode: 'emptyTargetResolutionMode',
  outputs: 'outputs',
  reportS3Configuration: 's3Configuration',
  dataSources: 'dataSources',
  cloudWatchDashboards: 'cloudWatchDashboards',
  dashboardIdentifier: 'dashboardIdentifier',
  preExperimentDuration: 'preExperimentDuration',
  postExperimentDuration: 'postExperimentDuration',
};

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CFN_NAMES: FieldNames = Object.fromEntries(
  Object.entries(API_NAMES).map(([key, value]) => [key, pascal(value)]),
) as unknown as FieldNames;
CFN_NAMES.reportS3Configuration = 'ExperimentReportS3Configuration';

function fieldsOf(n: FieldNames, cfn: boolean): ShapeFields {
  return {
    names: n,
    topLevel: [
      n.description,
      n.targets,
      n.actions,
      n.stopConditions,
      n.roleArn,
      n.tags,
      n.logConfiguration,
      n.experimentOptions,
      n.experimentReportConfiguration,
      ...(cfn ? [] : ['clientToken']),
    ],
    readOnly: cfn
      ? []
      : [
          'id',
          'arn',
          'creationTime',
          'lastUpdateTime',
          'targetAccountConfigurationsCount',
          'experimentTemplateId',
        ],
    target: [n.resourceType, n.resourceArns, n.resourceTags, n.filters, n.selectionMode, n.parameters],
    filter: [n.filterPath, n.filterValues],
    action: [n.actionId, n.description, n.parameters, n.targets, n.startAfter],
    stopCondition: [n.source, n.value],
    logConfiguration: [n.cloudWatchLogsConfiguration, n.s3Configuration, n.logSchemaVersion],
    cloudWatchLogsConfiguration: [n.logGroupArn],
    logS3Configuration: [n.bucketName, n.prefix],
    experimentOptions: [n.accountTargeting, n.emptyTargetResolutionMode],
    reportConfiguration: [n.outputs, n.dataSources, n.preExperimentDuration, n.postExperimentDuration],
    reportOutputs: [n.reportS3Configuration],
    reportS3Configuration: [n.bucketName, n.prefix],
    reportDataSources: [n.cloudWatchDashboards],
    dashboard: [n.dashboardIdentifier],
  };
}

/** Field names of the CreateExperimentTemplate (API, camelCase) shape. */
export const API_FIELDS: ShapeFields = fieldsOf(API_NAMES, false);

/** Field names of the CloudFormation `AWS::FIS::ExperimentTemplate` Properties (PascalCase) shape. */
export const CLOUDFORMATION_FIELDS: ShapeFields = fieldsOf(CFN_NAMES, true);
