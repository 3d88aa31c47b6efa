import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { Telegram, TelegramError } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram/index.ts';

// The fake is shared test infrastructure (Telegram and reminders tests): it is checked with telegraf's own client.
describe('fake Telegram Bot API server', () => {
  let fake: FakeTelegram;
  let tg: Telegram;
  beforeEach(async () => {
    fake = await startFakeTelegram();
    tg = new Telegram(fake.token, { apiRoot: fake.url });
  });
  afterEach(() => fake.close());

  it('should long-poll updates with offset confirmation', async () => {
    const ann = fake.user(1001, 'An');
    const first = ann.send('/start');
    const got = await tg.getUpdates(0, 100, 0, undefined);
    expect(got.map((u) => u.update_id)).toEqual([first]);
    const waiting = tg.getUpdates(5, 100, first + 1, undefined);
    const second = ann.send('xin chào');
    expect((await waiting).map((u) => u.update_id)).toEqual([second]);
    expect(await tg.getUpdates(0, 100, second + 1, undefined)).toEqual([]);
  });

  it('should end a waiting getUpdates with 409 when a second poller asks, as Telegram does', async () => {
    const waiting = tg.getUpdates(5, 100, 0, undefined);
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'getUpdates'), { what: 'the first poll' });
    expect(await tg.getUpdates(0, 100, 0, undefined)).toEqual([]);
    await expect(waiting).rejects.toMatchObject({ code: 409, description: expect.stringMatching(/terminated by other getUpdates request/u) });
  });

  it('should redeliver an update with the same update_id', async () => {
    const id = fake.user(1002).send('/thi');
    await tg.getUpdates(0, 100, 0, undefined);
    fake.redeliver(id);
    const again = await tg.getUpdates(0, 100, id + 1, undefined);
    expect(again.map((u) => u.update_id)).toEqual([id]);
  });

  it('should keep messages with edits, answer callbacks and refuse unmodified edits', async () => {
    const ann = fake.user(1003);
    const m = await tg.sendMessage(ann.chatId, 'Câu 1/10', { reply_markup: { inline_keyboard: [[{ text: 'A. Một', callback_data: 'a:1:0:0' }]] } });
    ann.tap('A. Một');
    const [update] = await tg.getUpdates(0, 100, 0, undefined);
    const query = (update as { callback_query: { id: string; data: string } }).callback_query;
    expect(query.data).toBe('a:1:0:0');
    await tg.answerCbQuery(query.id, 'Đã ghi nhận');
    await tg.editMessageText(ann.chatId, m.message_id, undefined, 'Câu 1/10 — A');
    await expect(tg.editMessageText(ann.chatId, m.message_id, undefined, 'Câu 1/10 — A')).rejects.toThrow(/message is not modified/u);
    expect(ann.lastBotMessage()).toMatchObject({ text: 'Câu 1/10 — A' });
    expect(ann.lastBotMessage()?.reply_markup).toBeUndefined();
    expect(ann.notices()).toEqual(['Đã ghi nhận']);
  });

  it('should refuse over-long text and callback data like Telegram', async () => {
    await expect(tg.sendMessage('1', 'x'.repeat(4097))).rejects.toThrow(/message is too long/u);
    await expect(tg.sendMessage('1', 'x', { reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'd'.repeat(65) }]] } })).rejects.toThrow(
      /BUTTON_DATA_INVALID/u,
    );
  });

  it('should receive documents and photos as multipart uploads', async () => {
    await tg.sendDocument('7', { source: Buffer.from('PK-bytes'), filename: 'bao-cao.xlsx' }, { caption: 'Báo cáo' });
    await tg.sendPhoto('7', { source: Buffer.from('png-bytes'), filename: 'qr.png' });
    const [doc, photo] = fake.sentTo(7);
    expect(doc).toMatchObject({ method: 'sendDocument', text: 'Báo cáo' });
    expect(doc?.file?.filename).toBe('bao-cao.xlsx');
    expect(doc?.file?.content.toString()).toBe('PK-bytes');
    expect(photo?.file?.content.toString()).toBe('png-bytes');
  });

  it('should inject 429, 403 and 5xx in Telegram error format', async () => {
    fake.inject({ method: 'sendMessage', status: 429, retryAfter: 3 });
    const limited = await tg.sendMessage('1', 'x').catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TelegramError);
    expect((limited as TelegramError).code).toBe(429);
    expect((limited as TelegramError).parameters?.retry_after).toBe(3);
    fake.block(2);
    await expect(tg.sendMessage('2', 'x')).rejects.toMatchObject({ code: 403 });
    fake.inject({ status: 502, chatId: 3 });
    await expect(tg.sendMessage('3', 'x')).rejects.toMatchObject({ code: 502 });
    await tg.sendMessage('3', 'x');
    expect(fake.sentTo(3)).toHaveLength(1);
  });

  it('should count rate violations and enforce them when asked', async () => {
    await tg.sendMessage('9', 'một');
    await tg.sendMessage('9', 'hai');
    expect(fake.violations.perChat).toBe(1);
    const strict = await startFakeTelegram({ enforceLimits: true, limits: { global: 2, perChat: 5, windowMs: 1000 } });
    const client = new Telegram(strict.token, { apiRoot: strict.url });
    await client.sendMessage('1', 'a');
    await client.sendMessage('2', 'b');
    await expect(client.sendMessage('3', 'c')).rejects.toMatchObject({ code: 429 });
    expect(strict.violations.global).toBe(1);
    expect(strict.sent).toHaveLength(2);
    await strict.close();
  });

  it('should post updates to a webhook with the secret header', async () => {
    const seen: { secret: string | undefined; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, body });
        res.end('ok');
      });
    }).listen(0, '127.0.0.1');
    await once(hook, 'listening');
    await tg.setWebhook(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/tg`, { secret_token: 'bi-mat_1' });
    await expect(tg.getUpdates(0, 100, 0, undefined)).rejects.toMatchObject({ code: 409 });
    const id = fake.user(5).send('/start');
    await fake.waitFor(() => fake.deliveries.get(id) === 200, { what: 'webhook delivery' });
    expect(seen[0]?.secret).toBe('bi-mat_1');
    expect(JSON.parse(seen[0]!.body).update_id).toBe(id);
    hook.close();
  });
});
