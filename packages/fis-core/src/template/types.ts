/** A target of an experiment template, in the CreateExperimentTemplate (API, camelCase) shape. */
export interface ExperimentTemplateTarget {
  resourceType: string;
  resourceArns?: string[];
  resourceTags?: Record<string, string>;
  filters?: Array<{ path: string; values: string[] }>;
  selectionMode: string;
  parameters?: Record<string, string>;
}

/** An action of an experiment template (API shape). */
export interface ExperimentTemplateAction {
  actionId: string;
  description?: string;
  parameters?: Record<string, string>;
  /** Target key (e.g. `Instances`) → name of a target in `targets`. */
  targets?: Record<string, string>;
  /** Names of actions that must finish before this one starts. */
  startAfter?: string[];
}

/** A stop condition: `{ source: 'none' }` or a CloudWatch alarm. */
export interface ExperimentTemplateStopCondition {
  source: 'none' | 'aws:cloudwatch:alarm' | (string & {});
  value?: string;
}

/** Where FIS writes experiment logs. */
export interface ExperimentTemplateLogConfiguration {
  cloudWatchLogsConfiguration?: { logGroupArn: string };
  s3Configuration?: { bucketName: string; prefix?: string };
  logSchemaVersion: number;
}

/** Experiment options. */
export interface ExperimentTemplateOptions {
  accountTargeting?: 'single-account' | 'multi-account';
  emptyTargetResolutionMode?: 'fail' | 'skip';
}

/** A complete experiment template in the CreateExperimentTemplate input shape (without clientToken). */
export interface ExperimentTemplate {
  description: string;
  targets?: Record<string, ExperimentTemplateTarget>;
  actions: Record<string, ExperimentTemplateAction>;
  stopConditions: ExperimentTemplateStopCondition[];
  roleArn: string;
  tags?: Record<string, string>;
  logConfiguration?: ExperimentTemplateLogConfiguration;
  experimentOptions?: ExperimentTemplateOptions;
  experimentReportConfiguration?: Record<string, unknown>;
}
