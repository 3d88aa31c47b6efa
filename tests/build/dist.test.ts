import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { cleanupPrefix, testPrefix } from '../support/reminders/harness.ts';
import { tempDir, TEST_IDENTITY_HASH_KEY } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { runNode, startNode } from '../helpers/run.ts';
import { openCampaignEnv } from '../helpers/telegram.ts';

const MAIN = 'dist/src/main.js';
// Compiling the whole app takes a while on a loaded two-core machine; not a speed target.
const BUILD_MS = 300_000;

// The production start: `npm run build`, then plain node on the emitted JavaScript (no tsx), as the systemd units run it.
describe('npm run build → node dist/src/main.js', () => {
  const dir = tempDir();
  let fake: FakeTelegram;
  const prefix = testPrefix();
  const env = (file: string) => ({ DATABASE_URL: testDatabaseUrl(dir.path, file), DATA_DIR: dir.path, DOWNLOAD_SECRET: 'dist-test-secret', IDENTITY_HASH_KEY: TEST_IDENTITY_HASH_KEY });

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { stdio: 'pipe' });
    fake = await startFakeTelegram();
  }, BUILD_MS);
  afterAll(async () => {
    await fake?.close();
    await cleanupPrefix(prefix);
    dir.remove();
  });

  it('should emit the entry point and the migrations', () => {
    expect(existsSync(MAIN)).toBe(true);
    expect(existsSync('dist/migrations/index.js')).toBe(true);
  });

  it('should render a chart PNG from dist (the worker thread file is emitted next to its module)', async () => {
    const script = join(dir.path, 'chart.mjs');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20" fill="red"/></svg>';
    writeFileSync(script, `const c = await import(${JSON.stringify(resolve('dist/src/charts/index.js'))});\nconst png = await c.svgToPng(${JSON.stringify(svg)}, { width: 40 });\nconsole.log(png.subarray(1, 4).toString());\n`);
    const { code, stdout } = await runNode([script]);
    expect([code, stdout.trim()]).toEqual([0, 'PNG']);
  });

  it('should welcome a newcomer in the local chat with piped input', async () => {
    const { code, stdout } = await runNode([MAIN, '--chat'], { input: '1\n', env: { ...env('chat.sqlite'), ...openCampaignEnv() } });
    expect(code).toBe(0);
    expect(stdout).toContain('local chat');
    expect(stdout).toContain('Chào mừng bạn đến với');
    expect(stdout).toContain('Tạm biệt');
  });

  it('should start ROLE=bot polling Telegram and ROLE=worker, each stopping cleanly on SIGTERM', async () => {
    const common = { ...env('roles.sqlite'), ...openCampaignEnv(), LOG_LEVEL: 'info', PORT: '0', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, BULLMQ_PREFIX: prefix };
    const bot = startNode([MAIN], { ...common, ROLE: 'bot' });
    const worker = startNode([MAIN], { ...common, ROLE: 'worker' });
    try {
      await bot.waitForOutput(/Telegram bot started \(long polling\)/u);
      await fake.waitFor(() => fake.calls.some((c) => c.method === 'getUpdates'), { timeoutMs: 60_000, what: 'the built bot to poll' });
      // Started once its schedulers are in Redis (a signal before that would find no handler yet).
      await worker.waitForOutput(/"msg":"reminder schedulers upserted"/u);
    } finally {
      expect(await bot.stop(), bot.output()).toBe(0);
      expect(await worker.stop(), worker.output()).toBe(0);
    }
    expect(bot.output()).toContain('"msg":"stopped"');
    expect(worker.output()).toContain('"msg":"stopped"');
  });
});
