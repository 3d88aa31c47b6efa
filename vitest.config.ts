import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files share one Redis and spawn processes; two cores — keep parallelism modest.
    maxWorkers: 2,
    // Drops the PostgreSQL databases a file created (`npm run test:pg`, and the PostgreSQL-only tests).
    setupFiles: ['tests/helpers/db-setup.ts'],
    // The browser of the web tests: Debian's Chromium, or the one inside the npm package @sparticuz/chromium.
    globalSetup: ['tests/helpers/browser-setup.ts'],
    // In CI also write a JSON report (one per database), from which .ci/run prints the plain "N passed, N failed" line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: process.env.TEST_DATABASE_URL ? 'tmp/vitest-report-pg.json' : 'tmp/vitest-report.json' } } : {}),
  },
});
