import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/**/*.test.ts', 'validation/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
