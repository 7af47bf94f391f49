import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the tests that drive a real browser (chromium), kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    maxWorkers: 1,
  },
});
