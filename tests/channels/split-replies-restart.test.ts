import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.ts';
import { TEST_DOWNLOAD_SECRET, TEST_IDENTITY_HASH_KEY, tempDir } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { exitOf, startMain, type MainProcess } from '../helpers/processes.ts';
import { ADMIN_ID, botSays, mark, openCampaignEnv, telegramEnv } from '../helpers/telegram.ts';
import { ZALO_ADMIN, zaloSays } from '../helpers/zalo.ts';
import { ANNOUNCEMENT } from '../helpers/long-reply.ts';
import { waitFor } from '../helpers/wait.ts';

/** The bot role alone, polling, with a short polling lease so that a restarted process takes over quickly. */
const PROCESS_ENV = { LOG_LEVEL: 'info', ROLE: 'bot', POLLING_LEASE_MS: '2000', POLLING_HEARTBEAT_MS: '200' };

// A process killed (SIGKILL) after the first piece of a long reply was accepted and while the second is in flight: the
// process started again resumes with the second piece, once the dead sender's lease (10 s) has run out.
describe('a long reply interrupted by a kill between its pieces', () => {
  let dir: ReturnType<typeof tempDir>;
  let child: MainProcess | undefined;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
    child = undefined;
    dir.remove();
  });

  async function kill(process: MainProcess): Promise<void> {
    process.kill('SIGKILL');
    await exitOf(process);
  }

  it('should send each Zalo piece once and in order after a restart', async () => {
    const fake: FakeZalo = await startFakeZalo();
    try {
      const env = {
        ...PROCESS_ENV,
        BULLMQ_PREFIX: `test-zalo-split-${process.pid}`,
        DATABASE_URL: testDatabaseUrl(dir.path, 'bot.sqlite'),
        DEMO: 'off',
        PORT: '0',
        ZALO_BOT_TOKEN: fake.token,
        ZALO_API_URL: fake.url,
        ZALO_WEBHOOK_URL: '',
        ADMIN_ZALO_IDS: ZALO_ADMIN,
        IDENTITY_HASH_KEY: TEST_IDENTITY_HASH_KEY,
        DOWNLOAD_SECRET: TEST_DOWNLOAD_SECRET,
        ...openCampaignEnv(),
      };
      const polling = async () => {
        const seen = fake.calls.length;
        child = startMain(env);
        const started = child;
        await waitFor('the bot to poll', () => fake.calls.slice(seen).some((c) => c.method === 'getUpdates'), 45_000);
        return started;
      };
      const first = await polling();
      // The second piece is never answered: the process is killed while it waits for it.
      fake.fail({ method: 'sendMessage', error_code: 0, hang: true, after: 1 });
      fake.push(fake.makeUpdate(ZALO_ADMIN, `/thongbao ${ANNOUNCEMENT}`));
      const toOfficial = () => fake.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === ZALO_ADMIN);
      await waitFor('the second piece to be on its way', () => toOfficial().length === 2);
      await kill(first);

      await polling();
      await zaloSays(fake, ZALO_ADMIN, /Gõ \/xacnhan \S+ để gửi/u, 0, 60_000);
      const pieces = fake.sent.get(ZALO_ADMIN)!;
      expect(pieces).toHaveLength(3);
      expect(pieces.join('\n')).toContain(ANNOUNCEMENT);
      expect(toOfficial().map((c) => c.body.text)).toEqual([pieces[0], pieces[1], pieces[1], pieces[2]]);
    } finally {
      await fake.close();
    }
  }, 180_000);

  it('should send each Telegram message once and in order after a restart', async () => {
    const fake: FakeTelegram = await startFakeTelegram();
    try {
      const env = telegramEnv(fake, dir.path, { ...PROCESS_ENV, BULLMQ_PREFIX: `test-tg-split-${process.pid}` });
      const polling = async () => {
        const seen = fake.calls.length;
        child = startMain(env);
        const started = child;
        await fake.waitFor(() => fake.calls.slice(seen).some((c) => c.method === 'getUpdates'), { timeoutMs: 45_000, what: 'the bot to poll' });
        return started;
      };
      const first = await polling();
      const official = fake.user(ADMIN_ID, 'Cán bộ');
      // Telegram answers the second message only after 30 s: the process is killed while it waits.
      fake.inject({ method: 'sendMessage', chatId: ADMIN_ID, after: 1, delayMs: 30_000, status: 500 });
      const before = mark(official);
      official.send(`/thongbao ${ANNOUNCEMENT}`);
      const toOfficial = () => fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(ADMIN_ID));
      await fake.waitFor(() => toOfficial().length === 2, { what: 'the second message to be on its way' });
      await kill(first);
      fake.clearFaults();

      await polling();
      await botSays(fake, official, /Bấm "Gửi" hoặc gõ \/xacnhan/u, before, 60_000);
      const messages = official.botMessages().filter((m) => m.message_id > before);
      expect(messages).toHaveLength(2);
      expect(messages.map((m) => m.text).join('\n')).toContain(ANNOUNCEMENT);
      const texts = toOfficial().map((c) => c.params.text);
      expect(texts).toEqual([messages[0]!.text, messages[1]!.text, messages[1]!.text]);
    } finally {
      await fake.close();
    }
  }, 180_000);
});
