import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Classic JSX with our own factory, as tsconfig says; no dev-only __source/__self props.
  esbuild: { jsx: 'transform', jsxFactory: 'h', jsxFragment: 'Fragment', jsxDev: false },
  // The admin's `@shared/*` alias (admin/tsconfig.json, admin/vite.config.ts) for its unit tests.
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'test/**/*.test.ts',
      'migrations/**/*.test.ts',
      // The admin app's logic (no DOM): document conversion, forms' checks.
      'admin/src/**/*.test.ts',
    ],
    exclude: ['node_modules', 'dist', 'test/e2e/**', 'test/attack/**'],
    // Data-layer suites create their own databases; two workers fit the 2-core machines.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Every test with its suite name, so the output shows each data-layer suite's [sqlite] and [postgres] lanes.
    reporters: ['verbose'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
