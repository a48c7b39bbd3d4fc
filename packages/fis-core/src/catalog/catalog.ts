import type { CatalogAction, CatalogData, CatalogResourceType } from './types';

/** Where a catalog came from. */
export type CatalogSourceKind = 'bundled' | 'cache' | 'aws' | 'agent';

/** Provenance of a catalog: which source, and when its data was produced. */
export interface CatalogSource {
  kind: CatalogSourceKind;
  /** ISO 8601 time (or day, for the bundled snapshot) the data was produced. */
  retrievedAt: string;
  /** The AWS region the data describes; the bundled snapshot describes no single region. */
  region?: string;
}

/**
 * The FIS action catalog with lookups by id. Build one from {@link CatalogData}, or use
 * `bundledCatalog()` for the snapshot that ships with the package.
 */
export class Catalog {
  readonly data: CatalogData;
  readonly source: CatalogSource;
  private readonly actionsById: Map<string, CatalogAction>;
  private readonly resourceTypesByName: Map<string, CatalogResourceType>;

  constructor(data: CatalogData, source: CatalogSource) {
    this.data = data;
    this.source = source;
    this.actionsById = new Map(data.actions.map((a) => [a.id, a]));
    this.resourceTypesByName = new Map(data.resourceTypes.map((r) => [r.type, r]));
  }

  /** All actions, in catalog order. */
  get actions(): readonly CatalogAction[] {
    return this.data.actions;
  }

  /** All target resource types, in catalog order. */
  get resourceTypes(): readonly CatalogResourceType[] {
    return this.data.resourceTypes;
  }

  /** The action with this id, or `undefined`. */
  action(id: string): CatalogAction | undefined {
    return this.actionsById.get(id);
  }

  /** The resource type with this name, or `undefined`. */
  resourceType(type: string): CatalogResourceType | undefined {
    return this.resourceTypesByName.get(type);
  }

  /** Actions that take targets of this resource type. */
  actionsForResourceType(type: string): CatalogAction[] {
    return this.data.actions.filter((a) => Object.values(a.targets).includes(type));
  }
}
