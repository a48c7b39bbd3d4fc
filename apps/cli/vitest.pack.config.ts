import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `pnpm test:pack`: pack, install with npm into an empty folder, run through npx and the MCP Inspector.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    environment: 'node',
    include: ['test/**/*.pack.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
