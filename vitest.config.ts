import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
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
    ],
    pool: 'forks',
    maxWorkers: 2,
  },
});
