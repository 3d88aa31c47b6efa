import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The pure tests: files that open no database (no app, no store, no bot process) — the core rules, the contract, the
 * question bank's files and CLI (which must not create a database), charts and documents, config files, the HTTP
 * server and channel pieces on their own, the fake Telegram. Whatever TEST_DATABASE_URL says, they do the same thing,
 * so they run once, in `npm test`. Every other file is a database test: it runs in `npm test` on SQLite and again in
 * `npm run test:pg` on PostgreSQL. A file added here must not open a database; a new file not listed runs on both.
 */
const PURE = [
  'tests/core/**/*.test.ts',
  'tests/contract/**/*.test.ts',
  'tests/charts/**/*.test.ts',
  'tests/documents/**/*.test.ts',
  'tests/bank/cli.test.ts',
  'tests/bank/giveaways.test.ts',
  'tests/bank/longest.test.ts',
  'tests/bank/quality.test.ts',
  'tests/bank/sources.test.ts',
  'tests/bank/xlsx-import-errors.test.ts',
  'tests/bank/xlsx-roundtrip.test.ts',
  'tests/config/files.test.ts',
  'tests/config/reminders-config.test.ts',
  'tests/channels/health.test.ts',
  'tests/channels/per-chat.test.ts',
  'tests/channels/polling-lease.test.ts',
  'tests/channels/telegram/render.test.ts',
  'tests/http/secret.test.ts',
  'tests/http/server.test.ts',
  'tests/web/init-data.test.ts',
  'tests/support/fake-telegram.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files share one Redis and spawn processes; two cores — keep parallelism modest.
    maxWorkers: 2,
    // `npm test` runs both projects (the database ones on SQLite); `npm run test:pg` runs `--project database` only.
    projects: [
      { extends: true, test: { name: 'pure', include: PURE } },
      {
        extends: true,
        test: {
          name: 'database',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...PURE],
          // Drops the PostgreSQL databases a file created (`npm run test:pg`, and the PostgreSQL-only tests).
          setupFiles: ['tests/helpers/db-setup.ts'],
          // The browser of the web tests (all database tests): Debian's Chromium, or the one inside @sparticuz/chromium.
          globalSetup: ['tests/helpers/browser-setup.ts'],
        },
      },
    ],
    // In CI also write a JSON report (one per database), from which .ci/run prints the plain "N passed, N failed" line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: process.env.TEST_DATABASE_URL ? 'tmp/vitest-report-pg.json' : 'tmp/vitest-report.json' } } : {}),
  },
});
