import { waitFor } from '../helpers/wait.ts';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { botSays, mark, registerByTaps, sayAndExpect, startTestBot, tempDir, type TestBot } from '../helpers/telegram.ts';

const FAULT = /Hệ thống đang gặp sự cố, vui lòng thử lại sau/u;

/**
 * Fills the SQLite file up to a page limit, so writes fail with SQLITE_FULL (a full disk, without one). The inbox
 * itself is filled, big rows then small ones, so that not even a short update fits in a half-empty page.
 */
async function fillDatabase(bot: TestBot): Promise<void> {
  const db = bot.app.db;
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count + 8}`).execute(db);
  let n = 0;
  for (const size of [3000, 300, 30, 1]) {
    for (;;) {
      n += 1;
      try {
        await sql`insert into inbox (channel, update_id, received_at, status, payload) values ('filler', ${`f${n}`}, 0, 'processed', ${'x'.repeat(size)})`.execute(db);
      } catch {
        break;
      }
    }
  }
}

// SQLite in both suites: max_page_count is SQLite's way to make a disk "full".
describe('database writes failing (disk full)', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let bot: TestBot;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { env: { DATABASE_URL: `${dir.path}/full.sqlite` } });
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it('should tell the person once, report 503 on /healthz, lose nothing, and recover by itself', async () => {
    const an = fake.user(9101, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Hoàng Văn An');
    await fillDatabase(bot);

    const before = mark(an);
    an.send('/ketqua');
    await botSays(fake, an, FAULT, before);
    an.send('/huongdan');
    an.send('/thi');
    const health = await waitFor('/healthz to report the fault', async () => {
      const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      return res.status === 503 ? ((await res.json()) as { reason: string }) : undefined;
    });
    // A code, not the error's text (which names the file).
    expect(health.reason).toBe('disk_full');
    // Telegram keeps redelivering the unconfirmed batch; the person is still told only once.
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'getUpdates').length > 6, { what: 'more redeliveries' });
    expect(an.botMessages().filter((m) => m.message_id > before && FAULT.test(m.text ?? ''))).toHaveLength(1);

    await sql`pragma max_page_count = 1073741823`.execute(bot.app.db);
    // The stored batch goes through once writes work: the messages sent during the fault are answered, in order.
    await botSays(fake, an, /^Câu 1\//u, before, 30_000);
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
    const texts = an.botMessages().filter((m) => m.message_id > before).map((m) => m.text ?? '');
    expect(texts.findIndex((t) => /Kết quả|chưa có/iu.test(t))).toBeGreaterThan(-1);
    await sayAndExpect(fake, an, '/ketqua', /./u);
  });
});
