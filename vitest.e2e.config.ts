import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium (docs/EXTENSION.md, "Tests").
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One browser per file; files run one after another (the machine's cores are shared).
    fileParallelism: false,
    // Pages of one file load a few at a time (describe.concurrent).
    maxConcurrency: 4,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
