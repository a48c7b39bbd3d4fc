// The public contract of @faultline/fis-core. Anything exported here is public API: add with care.

export {
  type AgentCatalogParseResult,
  type CatalogFromAgentDataOptions,
  catalogFromAgentData,
  parseAgentCatalogData,
  safeParseAgentCatalogData,
} from './capabilities/agent-catalog-data';
export {
  AWS_CONNECTION_TIMEOUT_MS,
  AWS_REQUEST_TIMEOUT_MS,
  type AwsCatalogFetchResult,
  DEFAULT_FIS_CLIENT_CONFIG,
  type FetchCatalogFromAwsOptions,
  type FisClientOptions,
  fetchCatalogFromAws,
  fisClientConfig,
} from './capabilities/aws-catalog-fetcher';
export { FIS_CATALOG_PERMISSIONS } from './capabilities/aws-failure-message';
export {
  type CacheFileSystem,
  type CacheReadResult,
  type CacheWriteResult,
  CapabilityCache,
  type CapabilityCacheOptions,
  DEFAULT_CATALOG_TTL_MS,
  defaultCacheDir,
} from './capabilities/capability-cache';
export {
  type LiveAction,
  type LiveCatalogSnapshot,
  type LiveParameter,
  type LiveResourceType,
  mergeLiveCatalog,
} from './capabilities/catalog-merge';
export {
  CatalogProvider,
  type CatalogProviderOptions,
  type CatalogResult,
  type CatalogStatus,
  type GetCatalogOptions,
} from './capabilities/catalog-provider';
export {
  CACHE_FORMAT_VERSION,
  type CacheOrigin,
  type CatalogCacheEnvelope,
  catalogCacheEnvelopeSchema,
  catalogDataSchema,
  type SchemaIssue,
} from './capabilities/catalog-schema';
export { assertRegion, isRegionName } from './capabilities/regions';
export { bundledCatalog } from './catalog/bundled-catalog';
export { Catalog, type CatalogSource, type CatalogSourceKind } from './catalog/catalog';
export type {
  CatalogAction,
  CatalogData,
  CatalogParameter,
  CatalogPermission,
  CatalogQuotas,
  CatalogResourceType,
  CatalogScenario,
  CatalogSsmDocument,
  CatalogTemplateRule,
  ParameterType,
} from './catalog/types';
export { describeDuration, formatIsoDuration, isExactIsoDuration, parseIsoDuration } from './duration';
export { FisCoreError, FisCoreErrorCode } from './errors';
export { CONTEXTS } from './recommend/knowledge/contexts';
export { FAILURE_MODES } from './recommend/knowledge/failure-modes';
export { SYMPTOMS } from './recommend/knowledge/symptoms';
export type {
  FailureMode,
  FailureModeAction,
  SignalDefinition,
  WeightedTerm,
} from './recommend/knowledge/types';
export { type RecommendOptions, recommend } from './recommend/recommend';
export {
  type FindingAnalysisSummary,
  type Recommendation,
  type RecommendationResult,
  RecommendationSchema,
  type SuggestedTarget,
  SuggestedTargetSchema,
} from './recommend/recommendation';
export { cloudFormationTemplate, toCloudFormationProperties } from './template/cloudformation';
export {
  type CreateTemplateOptions,
  type CreateTemplateResult,
  createTemplate,
  type InputNames,
  type TemplatePlaceholder,
} from './template/create-template';
export {
  experimentRolePolicy,
  experimentRoleTrustPolicy,
  type IamPolicyDocument,
  type IamStatement,
  UNSCOPED_PERMISSIONS,
} from './template/iam-policy';
export {
  isRecommendationResult,
  type RecommendationInput,
  RecommendationInputSchema,
  RecommendationResultInputSchema,
} from './template/recommendation-input';
export { type TargetConfig, TargetConfigSchema } from './template/target-config';
export type {
  ExperimentTemplate,
  ExperimentTemplateAction,
  ExperimentTemplateLogConfiguration,
  ExperimentTemplateOptions,
  ExperimentTemplateStopCondition,
  ExperimentTemplateTarget,
} from './template/types';
export { toYaml } from './template/yaml';
export { ValidationIssueCode } from './validate/codes';
export { closestMatch, editDistance } from './validate/did-you-mean';
export { escapePointerToken, parsePointer, resolvePointer } from './validate/json-pointer';
export { apiTemplateOf } from './validate/normalize-shape';
export type {
  TemplatePlaceholder as ValidationPlaceholder,
  TemplateShape,
  ValidateTemplateOptions,
  ValidationIssue,
  ValidationResult,
} from './validate/types';
export { validateTemplate } from './validate/validate-template';
