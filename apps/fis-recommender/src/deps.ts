import type { Catalog } from '@faultline/fis-core';
import type { Logger } from '@faultline/server-runtime';

/** What the server needs from outside; tests substitute any of it. */
export interface ServerDeps {
  /** The FIS catalog; called when a tool first needs it. Defaults to the bundled snapshot. */
  catalog: () => Catalog;
  logger: Logger;
}
