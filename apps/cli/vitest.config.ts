import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The pack test needs the npm registry and ~30-60 s: `pnpm test:pack` runs it (vitest.pack.config.ts).
    exclude: ['test/**/*.pack.test.ts'],
  },
});
