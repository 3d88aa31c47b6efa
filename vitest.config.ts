import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Files share one Redis and spawn processes; two cores — keep parallelism modest.
    maxWorkers: 2,
    // In CI also write a JSON report, from which .ci/run prints the plain "N passed, N failed" line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: 'tmp/vitest-report.json' } } : {}),
  },
});
