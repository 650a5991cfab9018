import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/test-environment.ts', 'test/helpers/build-server.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // PGlite and PostgreSQL databases are created per test file; two cores run two files at once.
    maxWorkers: 2,
  },
});
