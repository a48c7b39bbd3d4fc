import type { FisClient } from '@aws-sdk/client-fis';
import type { CatalogProvider } from '@faultline/fis-core';
import type { Logger } from '@faultline/server-runtime';

/** What the chaos-engineering server needs from outside; tests substitute any of it. */
export interface ServerDeps {
  /** Catalogs per region: fresh cache, live AWS, agent data, then the bundled snapshot. */
  catalogs: CatalogProvider;
  /** The FIS client of a region, built on first use (the SDK loads lazily). */
  fis: (region: string) => Promise<FisClient>;
  /** Region used when a tool call names none: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1. */
  defaultRegion: string;
  logger: Logger;
  /** Random ids (idempotency tokens). */
  randomId: () => string;
}
