import { BUNDLED_CATALOG_JSON } from './bundled-catalog.generated';
import { Catalog } from './catalog';
import type { CatalogData } from './types';

let cached: Catalog | undefined;

/**
 * The catalog snapshot bundled with this package (generated from the compiled AWS documentation).
 * Parsed on first call and memoised; nothing is parsed at import time.
 *
 * @example
 * bundledCatalog().action('aws:ec2:stop-instances')?.targets; // { Instances: 'aws:ec2:instance' }
 */
export function bundledCatalog(): Catalog {
  if (!cached) {
    const data = JSON.parse(BUNDLED_CATALOG_JSON) as CatalogData;
    cached = new Catalog(data, { kind: 'bundled', retrievedAt: data.compiledOn });
  }
  return cached;
}
