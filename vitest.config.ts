import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The built JavaScript that `debat` runs (test/built/), and one throwaway PostgreSQL for the
    // run (test/postgres/): the store contract runs on it too.
    globalSetup: ['test/built/global-setup.ts', 'test/postgres/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Real child processes and servers: keep the two cores from being oversubscribed.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
