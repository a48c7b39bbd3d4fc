// docs/libraries/fis-core.md: the FIS action catalog, bundled or current.
import assert from 'node:assert/strict';
import { bundledCatalog, CatalogProvider, parseIsoDuration } from '@faultline/fis-core';

// The snapshot shipped with the package: no AWS call.
const catalog = bundledCatalog();
const stop = catalog.action('aws:ec2:stop-instances');
assert.deepEqual(stop?.targets, { Instances: 'aws:ec2:instance' });
assert.ok(catalog.actionsForResourceType('aws:ec2:instance').length > 1);
assert.equal(parseIsoDuration('PT5M'), 300);

// A Region's current catalog: a fresh cache, else the live FIS API when credentials resolve, else
// the bundled snapshot. It never throws for a missing credential; `status` and `problems` say why.
const provider = new CatalogProvider({ credentialsAvailable: async () => false });
const current = await provider.getCatalog('eu-west-1');
assert.ok(['fresh', 'stale', 'bundled'].includes(current.status));
assert.ok(current.catalog.actions.length > 0);
