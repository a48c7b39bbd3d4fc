import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    environment: 'node',
    setupFiles: ['../../config/vitest-fast-check.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
  },
});
