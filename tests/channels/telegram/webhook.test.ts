import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findParticipant } from '../../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { WEBHOOK_PATH, botSays, registerByTaps, startTestBot, tempDir, type TestBot } from '../../helpers/telegram.ts';

const SECRET = 'bi-mat_Webhook_2023';

describe('Telegram webhook mode', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  let url: string;
  beforeAll(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { webhookSecret: SECRET });
    url = `http://127.0.0.1:${bot.port}${WEBHOOK_PATH}`;
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  const update = (userId: number, text: string, updateId: number) => ({
    update_id: updateId,
    message: { message_id: 1, date: 0, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'X' }, text },
  });
  const post = (body: unknown, secret?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  it('should set the webhook with its secret and serve a citizen through it', async () => {
    expect(bot.telegram.mode).toBe('webhook');
    expect(fake.webhook).toEqual({ url, secret: SECRET });
    const an = fake.user(5001, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Hoàng Thị An');
    expect([...fake.deliveries.values()].every((status) => status === 200)).toBe(true);
    expect(fake.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('should refuse a wrong or missing secret with 401 and process nothing', async () => {
    const wrong = await post(update(5002, '/start', 900_001), 'doan-sai');
    const missing = await post(update(5003, '/start', 900_002));
    const almost = await post(update(5004, '/start', 900_003), `${SECRET}x`);
    expect([wrong.status, missing.status, almost.status]).toEqual([401, 401, 401]);
    // A correct request afterwards is processed, so the refused ones would have been by now.
    const good = await post(update(5005, '/start', 900_004), SECRET);
    expect(good.status).toBe(200);
    await botSays(fake, fake.user(5005), /Chào mừng/u);
    for (const id of ['5002', '5003', '5004']) expect(await findParticipant(bot.app.db, 'telegram', id)).toBeUndefined();
    expect(fake.sentTo(5002).length + fake.sentTo(5003).length + fake.sentTo(5004).length).toBe(0);
  });

  it('should cap the body size and answer health checks', async () => {
    const big = await post({ update_id: 1, padding: 'x'.repeat(2 * 1024 * 1024) }, SECRET);
    expect(big.status).toBe(413);
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${bot.port}/nowhere`)).status).toBe(404);
  });
});
