// The public contract of @faultline/fis-core. Anything exported here is public API: add with care.
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
export { describeDuration, formatIsoDuration, parseIsoDuration } from './duration';
export { FisCoreError, FisCoreErrorCode } from './errors';
