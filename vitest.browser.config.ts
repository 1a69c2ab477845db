import { defineConfig } from 'vitest/config';

// The browser suite: real Chromium (Debian's, through playwright-core) against the built
// demo served by a reference server each test file starts. `npm run test:browser` builds the
// demo first. Files run one at a time: they share two busy cores and each drives browsers.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
