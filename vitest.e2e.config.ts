import { defineConfig } from 'vitest/config';

// The browser lane (`npm run test:e2e`): real server, real Chromium, one suite file at a time.
// Each suite starts its own server on a fresh SQLite database, so files never share state.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['node_modules', 'dist'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    reporters: ['verbose'],
    // A stale build (~10 s), the demo newsroom load and Chromium's start all happen in hooks.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
