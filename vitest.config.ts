import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // examples/vitest: the public API's examples, run as a user's suite would run them.
    include: ['test/**/*.test.ts', 'examples/vitest/**/*.test.ts'],
    // The real-browser tests need chromium: `npm run test:browser` (vitest.browser.config.ts) runs them.
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Network tests share two cores with the targets they spawn; keep parallelism modest.
    maxWorkers: 2,
  },
});
