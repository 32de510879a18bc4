import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        // The zero-setup start: embedded PostgreSQL in a temporary DATA_DIR, restarts, signals.
        extends: true,
        test: { name: 'lifecycle', include: ['test/lifecycle/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        // Everything that talks to PostgreSQL: embedded by default, TEST_DATABASE_URL when set.
        extends: true,
        test: {
          name: 'db',
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/setup/database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The web app in real Chromium against the real server and database.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/web-build.ts', 'test/setup/database.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
    pool: 'forks',
    maxWorkers: 2,
  },
});
