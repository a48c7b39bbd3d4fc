/** How a parameter value is written (FIS parameters are always strings on the wire). */
export type ParameterType =
  | 'ISO8601-duration'
  | 'enum'
  | 'enum-list'
  | 'integer-string'
  | 'number-string'
  | 'boolean-string'
  | 'string'
  | 'string-list'
  | 'json-string'
  | 'arn';

/** One parameter of a FIS action or of a target's resource type. */
export interface CatalogParameter {
  name: string;
  description: string;
  type: ParameterType;
  /** `true`, `false`, or `'conditional'` when only some configurations need it (see description). */
  required: boolean | 'conditional';
  /** Allowed values for enums and enum lists. */
  allowed?: string[];
  /**
   * When the allowed values depend on another parameter's value (kubernetesKind on
   * kubernetesApiVersion): that value → allowed values.
   */
  allowedByOtherValue?: Record<string, string[]>;
  /** Numeric bounds for integer and number strings. */
  min?: number;
  max?: number;
  /** Bounds for ISO 8601 durations, in seconds. */
  minSeconds?: number;
  maxSeconds?: number;
  /** Default value as AWS documents it. */
  default?: string;
  /** At most this many items in a list parameter. */
  maxItems?: number;
  /** Why a range is uncertain, when it is. */
  rangeNote?: string;
}

/** One IAM permission an action needs, parsed from the catalog's notes. */
export interface CatalogPermission {
  /** IAM action, e.g. `ec2:StopInstances`. */
  action: string;
  /** The catalog's note, e.g. `needed with completeIfInstancesTerminated`. */
  note?: string;
  /** True when the permission is only needed in some configurations (the note says when). */
  conditional: boolean;
}

/** A FIS action as the catalog knows it. */
export interface CatalogAction {
  /** `aws:<service>:<action>`. */
  id: string;
  /** The service segment of the id (`ec2`, `eks`, `network`, …). */
  service: string;
  description: string;
  /** Target key (e.g. `Instances`) → resource type (e.g. `aws:ec2:instance`). Empty for actions without targets. */
  targets: Record<string, string>;
  parameters: CatalogParameter[];
  /** Name of the parameter that sets how long the fault lasts, when there is one. */
  durationParameter?: string;
  permissions: CatalogPermission[];
  awsManagedPolicy?: string;
  targetingRestrictions: string[];
  notes: string[];
  /** Default quota on resolved targets per action, when known. */
  maxResolvedTargets?: number;
  /** Set for actions AWS has renamed or retired. */
  deprecated?: { replacedBy?: string; note: string };
  /** `doc` when taken from AWS documentation, `inferred` otherwise. */
  confidence: string;
  docUrl?: string;
}

/** A FIS target resource type. */
export interface CatalogResourceType {
  /** e.g. `aws:ec2:instance`. */
  type: string;
  description: string;
  targetKeys: string[];
  parameters: CatalogParameter[];
  filtersSupported: boolean;
  selectionModes: string[];
  identification: string;
  /** ARN format as documented (placeholders in angle brackets), when resources have ARNs. */
  arnFormat?: string;
  /** Regular expression source matching ARNs of this type, derived from `arnFormat`. */
  arnPattern?: string;
  usedBy: string[];
  deprecated: boolean;
  confidence: string;
}

/** A rule every template must follow, as the catalog states it. */
export interface CatalogTemplateRule {
  id: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  confidence: string;
}

/** The quotas that bound a template. */
export interface CatalogQuotas {
  actionsPerTemplate: number;
  stopConditionsPerTemplate: number;
  parallelActionsPerExperiment: number;
  maxActionDurationHours: number;
  maxExperimentDurationHours: number;
  targetAccountConfigurationsPerTemplate: number;
  resourceArnsPerTarget: number;
  resourceTagsPerTarget: number;
  tagsPerTemplate: number;
}

/** An SSM document FIS provides for `aws:ssm:send-command`. */
export interface CatalogSsmDocument {
  name: string;
  arn: string;
  parameters: Record<string, string>;
}

/** A scenario from the FIS scenario library. */
export interface CatalogScenario {
  name: string;
  category: string;
  actions: string[];
  targeting: string;
  defaults: string;
}

/** The plain data of a catalog, as bundled, cached or fetched. */
export interface CatalogData {
  schemaVersion: number;
  /** Day the data was compiled or fetched (ISO 8601). */
  compiledOn: string;
  actions: CatalogAction[];
  resourceTypes: CatalogResourceType[];
  templateRules: CatalogTemplateRule[];
  quotas: CatalogQuotas;
  ssmDocuments: CatalogSsmDocument[];
  scenarios: CatalogScenario[];
}
