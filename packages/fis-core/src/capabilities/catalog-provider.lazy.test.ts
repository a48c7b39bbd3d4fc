import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

let dir: string;
let sdkLoads = 0;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'faultline-lazy-'));
  sdkLoads = 0;
  vi.resetModules();
  vi.doMock('@aws-sdk/client-fis', async (importOriginal) => {
    sdkLoads++;
    return importOriginal();
  });
});
afterEach(async () => {
  vi.doUnmock('@aws-sdk/client-fis');
  await fs.rm(dir, { recursive: true, force: true });
});

it('loads @aws-sdk/client-fis only when the live API is needed', async () => {
  const { CatalogProvider } = await import('./catalog-provider');
  const { fetchCatalogFromAws } = await import('./aws-catalog-fetcher');
  expect(typeof fetchCatalogFromAws).toBe('function');
  expect(sdkLoads).toBe(0);

  // No credentials: the bundled snapshot, and still no SDK.
  const offline = new CatalogProvider({ cacheDir: dir, credentialsAvailable: async () => false });
  expect((await offline.getCatalog('us-east-1')).status).toBe('bundled');
  expect(sdkLoads).toBe(0);

  // The default credential check needs a client: now the SDK is loaded.
  const online = new CatalogProvider({
    cacheDir: dir,
    fisClientFactory: undefined,
    credentialsAvailable: undefined,
  });
  // Keep the default chain from finding real credentials or probing an instance role.
  vi.stubEnv('AWS_ACCESS_KEY_ID', '');
  vi.stubEnv('AWS_PROFILE', 'faultline-test-profile-that-does-not-exist');
  vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'none'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'none'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  try {
    const result = await online.getCatalog('us-east-1');
    expect(sdkLoads).toBe(1);
    expect(result.status).toBe('bundled');
    expect(result.problems).toEqual([]);
    expect(result.instructions).toMatch(/No AWS credentials resolved/);
  } finally {
    online.close();
    vi.unstubAllEnvs();
  }
});
