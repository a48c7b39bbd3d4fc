// The public contract of @faultline/eks-node-diagnostics. Anything exported here is public API: add with care.

export {
  type AnalysisResult,
  type AnalysisSummary,
  type AnalyzeOptions,
  analyzeBundle,
} from './analyze/analyze-bundle';
export { FINDING_SOURCE } from './analyze/build-finding';
export { type LineTime, parseLineTime } from './analyze/line-time';
export type { NodeFacts } from './analyze/node-facts';
export { type NextStep, NextStepSchema, type NodeFinding, NodeFindingSchema } from './analyze/node-finding';
export type { NodeIdentity } from './analyze/node-identity';
export {
  type HealthStatus,
  type PackSummary,
  type SeverityCounts,
  summarizeFindings,
} from './analyze/summarize';
export type { Ec2ClientOptions, SsmClientOptions } from './automation/client-options';
export { automationStackTemplate } from './automation/cloudformation-template';
export {
  type CollectionStatus,
  getCollectionStatus,
  TERMINAL_STATES,
  toCollectionStatus,
  type WaitOptions,
  waitForCollection,
} from './automation/collection-status';
export {
  AWS_COLLECT_DOCUMENT,
  COLLECTION_DOCUMENTS,
  type CollectionDocument,
  documentName,
  FAULTLINE_DOCUMENTS,
} from './automation/documents';
export { resolveNodeName } from './automation/resolve-node-name';
export {
  type CollectionTarget,
  type StartCollectionInput,
  type StartedCollection,
  startCollection,
} from './automation/start-collection';
export { BUNDLE_TOP_LEVEL_DIRS, normalizeBundlePath } from './bundle/bundle-path';
export type { BundleFile, BundleSource } from './bundle/bundle-source';
export { forEachLine, type LineReadResult, MAX_LINE_CHARS } from './bundle/line-reader';
export { type OpenBundleOptions, openBundle } from './bundle/open-bundle';
export { readBundleFile } from './bundle/read-bundle-file';
export { parseS3Uri, type S3ClientOptions, s3Bundle } from './bundle/s3-bundle';
export { resolveBundlePath } from './bundle/safe-path';
export { readTar, type TarEntry } from './bundle/tar-reader';
export { compareAnalyses, type NodeComparison, type ValueDifference } from './compare/compare-bundles';
export { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from './errors';
export {
  type AnalyzeIptablesOptions,
  analyzeIptables,
  type IptablesStats,
} from './iptables/analyze-iptables';
export { type IptablesDump, type IptablesRule, parseIptablesSave } from './iptables/parse-iptables-save';
export { ALLOWED_REJECT_RULES } from './iptables/reject-allow-list';
export { allRules, LOG_RULES, type RuleSummary, ruleCatalog, stateChecks } from './rules/catalog';
export {
  CATEGORIES,
  type Category,
  type LogRule,
  RULE_PACKS,
  type Rule,
  type RuleInfo,
  type RulePack,
  type RuleResolution,
  type StateCheck,
  type StateIssue,
} from './rules/types';
export { LinearRegex, MAX_PATTERN_LENGTH } from './search/linear-regex';
export {
  type SearchMatch,
  type SearchOptions,
  type SearchResult,
  searchBundle,
} from './search/search-bundle';
export { MAX_EXCERPT_CHARS, quoteLine, redactSecrets } from './text/quote-line';
