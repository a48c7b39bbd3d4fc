// Test helper run in child processes by capability-cache.test.ts: writes the cache of one region
// `count` times with a catalog labelled `label`, as another Faultline process would.
// Usage: node --import tsx cache-writer.ts <cacheDir> <region> <label> <count>
import { bundledCatalog } from '../../catalog/bundled-catalog';
import { CapabilityCache } from '../capability-cache';

const [cacheDir, region, label, count] = process.argv.slice(2);
if (!cacheDir || !region || !label || !count) throw new Error('usage: cache-writer <cacheDir> <region> <label> <count>');
const cache = new CapabilityCache({ cacheDir });
const base = bundledCatalog().data;
for (let i = 0; i < Number(count); i++) {
  const result = await cache.write({
    formatVersion: 1,
    region,
    source: 'agent',
    fetchedAt: new Date().toISOString(),
    // A distinctive, complete catalog: the label in compiledOn and in every action description.
    data: { ...base, compiledOn: `${label}-${i}`, actions: base.actions.map((a) => ({ ...a, description: label })) },
  });
  if (!result.ok) {
    console.error(result.problem);
    process.exit(1);
  }
}
