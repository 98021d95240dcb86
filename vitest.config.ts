import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'validation/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 120_000,
    // The JSON report gives .ci/run its plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
