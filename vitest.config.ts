import { defineConfig } from 'vitest/config';

// The node suite: fake-indexeddb stands in for IndexedDB; browser tests live in test/browser
// and run under Playwright (npm run test:browser), never here.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
