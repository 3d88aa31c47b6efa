import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { telegramEnv, tempDir } from '../helpers/telegram.ts';
import { exitOf, startMain, type MainProcess } from '../helpers/processes.ts';

// Nothing listens here: Redis is "down" for the whole test.
const NO_REDIS = 'redis://127.0.0.1:6399';

describe('stopping while Redis is unreachable', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let child: MainProcess | undefined;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
    await fake.close();
    dir.remove();
  });

  for (const role of ['all', 'bot', 'worker'] as const) {
    it(`should exit within 20 s on SIGTERM in ROLE=${role}`, async () => {
      const env = telegramEnv(fake, dir.path, { ROLE: role, REDIS_URL: NO_REDIS, LOG_LEVEL: 'info', BULLMQ_PREFIX: `test-sigterm-${process.pid}` });
      child = startMain(env);
      // Started: the bot polls (all, bot) or the worker reports Redis unreachable (worker).
      const started = role === 'worker' ? () => child!.output.join('').includes('Redis unreachable') : () => fake.calls.some((c) => c.method === 'getUpdates');
      await fake.waitFor(started, { timeoutMs: 45_000, what: `ROLE=${role} to start` });
      const at = Date.now();
      child.kill('SIGTERM');
      const exit = await exitOf(child);
      expect(Date.now() - at).toBeLessThan(20_000);
      expect(exit.code).toBe(0);
    }, 90_000);
  }
});
