import { defineConfig } from 'vitest/config';

// The attack lane (`npm run test:attack`): concurrent bursts against a real `masthead start` on
// SQLite, PostgreSQL and PostgreSQL with Redis. Suites run one at a time: each burst is the
// whole machine's load, and the limits are counted from what the server answered and mailed.
export default defineConfig({
  test: {
    include: ['test/attack/**/*.attack.test.ts'],
    exclude: ['node_modules', 'dist'],
    // Names the run (PostgreSQL schemas dropped at the end) and builds dist/ once if stale.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['verbose'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
