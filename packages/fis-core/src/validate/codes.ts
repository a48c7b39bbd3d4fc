/**
 * Stable string codes of the issues {@link validateTemplate} reports. A code never changes meaning
 * once released; new checks get new codes. Each member says its default severity and the
 * `templateRules` id (T01–T42 of the FIS catalog) it implements, when there is one. For issues
 * tied to a rule, the catalog's severity for that rule decides whether the issue is an error or a
 * warning.
 */
export const ValidationIssueCode = {
  // Input and shape
  /** Error. A string input is neither valid JSON nor valid YAML. */
  ParseError: 'PARSE_ERROR',
  /** Error. The input is not an object (null, a number, an array, …). */
  InvalidInput: 'INVALID_INPUT',
  /** Error. A CloudFormation template has no `AWS::FIS::ExperimentTemplate` resource. */
  NoExperimentTemplate: 'NO_EXPERIMENT_TEMPLATE',
  /** Error. The validator itself failed on this input (a bug); the result is incomplete. */
  ValidatorFailed: 'VALIDATOR_FAILED',
  /** Warning. More issues were found than are reported; fix these and validate again. */
  IssuesTruncated: 'ISSUES_TRUNCATED',
  /** Warning. A value still holds placeholder text such as `<YOUR ROLE NAME>`, `${Var}` or `REPLACE_ME`. */
  Placeholder: 'PLACEHOLDER',
  /** Warning. A key written twice in one object of JSON or YAML text: only its last value is read. */
  DuplicateKey: 'DUPLICATE_KEY',

  // Structure
  /** Error. A required field is missing (T01, T02, T03, T19, T24, T32, T33, T36). */
  MissingRequiredField: 'MISSING_REQUIRED_FIELD',
  /** Error. A field that the template shape does not have (misspelt, or from another shape). */
  UnknownField: 'UNKNOWN_FIELD',
  /** Warning. A read-only field (from GetExperimentTemplate output) that CreateExperimentTemplate ignores. */
  ReadOnlyField: 'READ_ONLY_FIELD',
  /** Error. A value has the wrong JSON type (e.g. a number where a string is expected, a list where a map is expected). */
  InvalidType: 'INVALID_TYPE',
  /** Error. A string is longer than its field allows (T01, T02, T10, T23, T32, …). */
  ValueTooLong: 'VALUE_TOO_LONG',
  /** Error. A string is shorter than its field allows (e.g. an empty description, T01). */
  ValueTooShort: 'VALUE_TOO_SHORT',
  /** Error. An action or target name is empty, longer than 64 characters or contains whitespace (T07). */
  InvalidName: 'INVALID_NAME',
  /** Error. A value is not one of the values the field allows (T34, T35, and enum parameters). */
  InvalidEnumValue: 'INVALID_ENUM_VALUE',
  /** Error. A template-level value is malformed (log schema version, bucket name, …). */
  InvalidValue: 'INVALID_VALUE',
  /** Error. An ARN that is not a well-formed ARN of the expected kind (log group, dashboard, …). */
  InvalidArn: 'INVALID_ARN',
  /** Warning. An ARN names a different region than the one the template is validated for. */
  ArnRegionMismatch: 'ARN_REGION_MISMATCH',

  // Role
  /** Error. roleArn is not a well-formed IAM role ARN (T02). */
  InvalidRoleArn: 'INVALID_ROLE_ARN',
  /** Error. roleArn is an ARN, but of an IAM user, an STS assumed-role session, a group, … rather than a role (T02). */
  RoleArnNotARole: 'ROLE_ARN_NOT_A_ROLE',

  // Stop conditions
  /** Warning. The experiment has no stop condition (only `source: none`): nothing stops it if things go wrong. */
  NoStopCondition: 'NO_STOP_CONDITION',
  /** Error. More stop conditions than the quota allows (T03). */
  TooManyStopConditions: 'TOO_MANY_STOP_CONDITIONS',
  /** Error. A stop condition source other than `none` or `aws:cloudwatch:alarm` (T04). */
  InvalidStopConditionSource: 'INVALID_STOP_CONDITION_SOURCE',
  /** Error. A stop-condition value (or alarm parameter) that is not a CloudWatch alarm ARN (T04, T39). */
  InvalidAlarmArn: 'INVALID_ALARM_ARN',
  /** Warning. A `none` stop condition with a value, which FIS ignores (T05). */
  StopConditionNoneWithValue: 'STOP_CONDITION_NONE_WITH_VALUE',
  /** Warning. `none` mixed with alarm stop conditions (T05). */
  StopConditionNoneMixed: 'STOP_CONDITION_NONE_MIXED',

  // Tags
  /** Error. More than 50 tags or resource tags (T23, T32). */
  TooManyTags: 'TOO_MANY_TAGS',

  // Actions
  /** Error. `actions` is empty (T06). */
  NoActions: 'NO_ACTIONS',
  /** Error. More actions than the quota allows (T06). */
  TooManyActions: 'TOO_MANY_ACTIONS',
  /** Error. An actionId that is not a known FIS action, or not of the form aws:<service>:<action> (T08). */
  UnknownAction: 'UNKNOWN_ACTION',
  /** Warning. An action AWS has renamed or retired; the suggestion names its replacement. */
  DeprecatedAction: 'DEPRECATED_ACTION',
  /** Warning. An action whose effect stopping the experiment does not undo (terminate, failover, reboot, …). */
  IrreversibleAction: 'IRREVERSIBLE_ACTION',
  /** Error. A parameter the action (or the target's resource type) requires is missing (T11, T27, T28, T38). */
  MissingRequiredParameter: 'MISSING_REQUIRED_PARAMETER',
  /** Error. A parameter the action (or resource type) does not define (T11, T25). */
  UnknownParameter: 'UNKNOWN_PARAMETER',
  /** Warning. A parameter the actions reference does not list but AWS's own examples pass. */
  UndocumentedParameter: 'UNDOCUMENTED_PARAMETER',
  /** Error. A parameter value that is not a string (FIS parameters are strings on the wire, T10). */
  ParameterNotString: 'PARAMETER_NOT_STRING',
  /** Error. A parameter value of the wrong form (not an integer, not true/false, not an ARN, bad characters, …). */
  InvalidParameterValue: 'INVALID_PARAMETER_VALUE',
  /** Error. A numeric parameter outside its documented range. */
  ParameterOutOfRange: 'PARAMETER_OUT_OF_RANGE',
  /** Error. A list parameter with more items than allowed (T39, prefix lists). */
  TooManyItems: 'TOO_MANY_ITEMS',
  /** Error. A json-string parameter (documentParameters, kubernetesSpec) that is not a JSON object. */
  InvalidJson: 'INVALID_JSON',
  /** Error. A duration that is not an ISO 8601 duration such as PT5M (T31, T36). */
  InvalidDuration: 'INVALID_DURATION',
  /** Error. A duration outside the action's range or the 12-hour cap (T31). */
  DurationOutOfRange: 'DURATION_OUT_OF_RANGE',
  /** Error. The longest startAfter chain lasts longer than the experiment duration quota (T31). */
  ExperimentTooLong: 'EXPERIMENT_TOO_LONG',
  /** Error. An AWSFIS-* SSM document run by aws:ssm:send-command misses a required document parameter. */
  MissingDocumentParameter: 'MISSING_DOCUMENT_PARAMETER',
  /** Warning. documentParameters names a parameter the AWSFIS-* SSM document does not have. */
  UnknownDocumentParameter: 'UNKNOWN_DOCUMENT_PARAMETER',
  /** Error. A target key the action does not take (T12). */
  TargetKeyNotSupported: 'TARGET_KEY_NOT_SUPPORTED',
  /** Error. An action names a target that `targets` does not define (T12). */
  TargetNotFound: 'TARGET_NOT_FOUND',
  /** Error. The referenced target's resourceType is not the one the action's key expects (T13). */
  TargetTypeMismatch: 'TARGET_TYPE_MISMATCH',
  /** Error. An action without a resource type (aws:fis:wait, …) given targets (T14). */
  ActionTakesNoTargets: 'ACTION_TAKES_NO_TARGETS',
  /** Error. An action with a resource type lacks its target key (T15). */
  MissingActionTarget: 'MISSING_ACTION_TARGET',
  /** Error. startAfter names an action that does not exist (T16). */
  StartAfterNotFound: 'START_AFTER_NOT_FOUND',
  /** Error. An action lists itself in startAfter (T17). */
  StartAfterSelf: 'START_AFTER_SELF',
  /** Error. startAfter entries form a cycle; the message names its members (T17). */
  StartAfterCycle: 'START_AFTER_CYCLE',
  /** Warning. More actions run at the same time than the parallel-actions quota allows (T18). */
  TooManyParallelActions: 'TOO_MANY_PARALLEL_ACTIONS',
  /** Warning. Two actions that must not overlap run in parallel on the same target (T37). */
  ParallelConflict: 'PARALLEL_CONFLICT',
  /** Warning. COUNT(n) selects more resources than the action's resolved-target quota (T42). */
  TargetQuotaExceeded: 'TARGET_QUOTA_EXCEEDED',

  // Targets
  /** Error. A resourceType that is not a known FIS resource type (T19). */
  UnknownResourceType: 'UNKNOWN_RESOURCE_TYPE',
  /** Warning. A resource type AWS has retired. */
  DeprecatedResourceType: 'DEPRECATED_RESOURCE_TYPE',
  /** Error. selectionMode is not ALL, COUNT(n) or PERCENT(n) with 1 ≤ n (≤ 100 for PERCENT) (T20). */
  InvalidSelectionMode: 'INVALID_SELECTION_MODE',
  /** Error. A target sets both resourceArns and resourceTags (T21). */
  ResourceArnsWithTags: 'RESOURCE_ARNS_WITH_TAGS',
  /** Error. A target sets both resourceArns and filters (T21). */
  ResourceArnsWithFilters: 'RESOURCE_ARNS_WITH_FILTERS',
  /** Error. More resourceArns than allowed (5 per target, T22; exactly one for some actions, T29). */
  TooManyResourceArns: 'TOO_MANY_RESOURCE_ARNS',
  /** Error. A resourceArns entry that is not an ARN of the target's resource type (T22). */
  InvalidResourceArn: 'INVALID_RESOURCE_ARN',
  /** Error. Filters on a resource type that does not support them (T24). */
  FiltersNotSupported: 'FILTERS_NOT_SUPPORTED',
  /** Error. A filter on tags; use resourceTags instead (T24). */
  FilterOnTags: 'FILTER_ON_TAGS',
  /**
   * Warning. A filter path that is probably wrong (T24): not PascalCase, a near miss of a path AWS
   * documents for the resource type, a path documented for another type, or none of the documented
   * ones. A wrong path selects nothing, and the experiment fails when it starts.
   */
  UnknownFilterPath: 'UNKNOWN_FILTER_PATH',
  /** Error. Target parameters on a resource type that defines none (T25). */
  TargetParametersNotSupported: 'TARGET_PARAMETERS_NOT_SUPPORTED',
  /** Error. A target with no resourceArns, resourceTags or parameters (T26). */
  NoTargetIdentification: 'NO_TARGET_IDENTIFICATION',
  /** Error. An identification method the resource type or action does not allow (T27, T29). */
  TargetMethodNotAllowed: 'TARGET_METHOD_NOT_ALLOWED',
  /** Warning. A target no action uses (T30). */
  UnusedTarget: 'UNUSED_TARGET',
  /** Warning. selectionMode ALL on a target whose tags, ARNs or parameters suggest production. */
  ProductionTargetAll: 'PRODUCTION_TARGET_ALL',
  /** Error. EBS volume targets of pause-volume-io / volume-io-latency span several Availability Zones (T40). */
  MultipleAvailabilityZones: 'MULTIPLE_AVAILABILITY_ZONES',
  /** Warning. EBS volume targets not pinned to one Availability Zone; T40 cannot be confirmed statically. */
  AvailabilityZoneNotPinned: 'AVAILABILITY_ZONE_NOT_PINNED',

  // Options
  /** Error. logConfiguration without a CloudWatch Logs or S3 destination (T33). */
  LogDestinationMissing: 'LOG_DESTINATION_MISSING',
  /** Warning. multi-account targeting needs target account configurations, created separately (T34). */
  MultiAccountTargeting: 'MULTI_ACCOUNT_TARGETING',
} as const;

/** A {@link ValidationIssueCode} value, e.g. `'UNKNOWN_ACTION'`. */
export type ValidationIssueCode = (typeof ValidationIssueCode)[keyof typeof ValidationIssueCode];
