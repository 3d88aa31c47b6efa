import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.ts';
import { WEBHOOK_PATH, botSays, mark, startTestBot, tempDir, type TestBot } from '../helpers/telegram.ts';
import { startZaloTestBot, type ZaloTestBot } from '../helpers/zalo.ts';
import { waitFor } from '../helpers/wait.ts';

/** Updates no real person sends but a broken proxy, a platform change or an attacker might. */
const BROKEN_TELEGRAM = [
  { update_id: 70001, message: { message_id: 99, date: 1, text: 'x' } }, // no chat, no sender
  { update_id: 70002, message: { message_id: 99, date: 1, chat: { id: 'abc', type: 'private' }, from: { id: 7, first_name: 'X' }, text: 5 } },
  { update_id: 70003, callback_query: { from: { id: 8, first_name: 'Y' }, data: 'a:1:0:0' } }, // no query id
  { update_id: 70004, something_new: { id: 1 } },
];

/** JSON text nested `depth` arrays deep: valid, parsed by the webhook, but beyond what JSON.stringify can walk. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Log lines (JSON) about one update, at warn or above. */
const linesAbout = (logs: string[], updateId: string) =>
  logs.map((l) => JSON.parse(l) as { level: number; msg: string; updateId?: string }).filter((l) => l.updateId === updateId && l.level >= 40);

async function inboxOutcomes(bot: { app: { db: TestBot['app']['db'] } }, channel: string) {
  return bot.app.db.selectFrom('inbox').select(['update_id', 'status', 'outcome', 'payload']).where('channel', '=', channel).orderBy('id').execute();
}

describe('malformed updates', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let bot: TestBot | undefined;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await fake.close();
    dir.remove();
  });

  it('should record broken Telegram updates as rejected in polling mode and serve the next person', async () => {
    bot = await startTestBot(fake, dir.path);
    for (const u of BROKEN_TELEGRAM) fake.pushUpdate(u);
    const next = fake.user(7101, 'Sau');
    next.send('/start');
    await botSays(fake, next, /Chào mừng/u);
    const rows = await inboxOutcomes(bot, 'telegram');
    const broken = rows.filter((r) => Number(r.update_id) >= 70001 && Number(r.update_id) <= 70004);
    expect(broken.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(broken.every((r) => r.payload === null && r.outcome?.startsWith('rejected'))).toBe(true);
  });

  it('should reject Telegram updates without an integer update_id in polling mode without moving the offset, and serve the next one', async () => {
    bot = await startTestBot(fake, dir.path);
    const next = fake.user(7103, 'Sau');
    const message = { message_id: 99, date: 1, chat: { id: 7199, type: 'private' }, from: { id: 7199, first_name: 'X' }, text: '/start' };
    // Missing, a string ("40" + 1 is "401"), a fraction, and NaN (null once in JSON).
    const goodIds: number[] = [];
    const rejected = async () => (await inboxOutcomes(bot!, 'telegram')).filter((r) => r.status === 'rejected').length;
    for (const bad of [{}, { update_id: '40' }, { update_id: 40.5 }, { update_id: null }]) {
      // Alone in its batch (the last one of a batch is what moved the offset).
      const before = await rejected();
      fake.pushRaw({ ...bad, message });
      await waitFor('the update to be rejected', async () => (await rejected()) > before);
      const after = mark(next);
      goodIds.push(next.send('/start'));
      await botSays(fake, next, /Chào mừng/u, after);
    }
    // Every offset asked for was an integer no higher than the last good update's id + 1: nothing skipped, no loop.
    const offsets = fake.calls.filter((c) => c.method === 'getUpdates').map((c) => c.params.offset);
    expect(offsets.filter((o) => o !== undefined && !(Number.isSafeInteger(o) && (o as number) <= Math.max(...goodIds) + 1))).toEqual([]);
    const rows = await inboxOutcomes(bot, 'telegram');
    expect(new Set(rows.filter((r) => r.status === 'rejected').map((r) => r.outcome))).toEqual(new Set(['rejected: no integer update_id']));
    // The one who sent them was never answered: rejected, not processed.
    expect(fake.sentTo(7199)).toEqual([]);
  });

  it('should acknowledge broken Telegram updates in webhook mode, record them rejected and serve the next person', async () => {
    bot = await startTestBot(fake, dir.path, { webhookSecret: 'bi-mat_Webhook_2023' });
    const url = `http://127.0.0.1:${bot.port}${WEBHOOK_PATH}`;
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'bi-mat_Webhook_2023' }, body: JSON.stringify(body) });
    const statuses = [];
    for (const u of BROKEN_TELEGRAM) statuses.push((await post(u)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const next = fake.user(7102, 'Sau');
    next.send('/start');
    await botSays(fake, next, /Chào mừng/u);
    const rows = await inboxOutcomes(bot, 'telegram');
    expect(rows.filter((r) => r.status === 'rejected').map((r) => r.update_id)).toEqual(['70001', '70002', '70003', '70004']);
  });

  it('should answer 200 to a webhook update nested 5,000 deep, record it rejected with one log line, and serve the next person', async () => {
    const logs: string[] = [];
    bot = await startTestBot(fake, dir.path, { webhookSecret: 'bi-mat_Webhook_2023', logs });
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${bot!.port}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'bi-mat_Webhook_2023' }, body });
    const deep = `{"update_id":80001,"message":{"message_id":1,"date":1,"chat":{"id":7105,"type":"private"},"from":{"id":7105,"first_name":"A"},"text":"x","extra":${nested(5000)}}}`;
    expect((await post(deep)).status).toBe(200);
    // Telegram delivers it again (a 200 lost on the way): still 200, dropped as a duplicate.
    expect((await post(deep)).status).toBe(200);
    const next = fake.user(7106, 'Sau');
    next.send('/start');
    await botSays(fake, next, /Chào mừng/u);
    const rows = await inboxOutcomes(bot, 'telegram');
    expect(rows.find((r) => r.update_id === '80001')).toMatchObject({ status: 'rejected', outcome: 'rejected: could not be read', payload: null });
    expect(linesAbout(logs, '80001').map((l) => l.msg)).toEqual(['update could not be handled; recorded as rejected and skipped']);
    expect(logs.some((l) => /"updateId":"80001".*dropped as a duplicate/u.test(l))).toBe(true);
    // Not a storage incident.
    expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);
  });
});

describe('malformed Zalo updates', () => {
  let zalo: FakeZalo;
  let dir: ReturnType<typeof tempDir>;
  let bot: ZaloTestBot;
  let logs: string[];
  beforeEach(async () => {
    dir = tempDir();
    zalo = await startFakeZalo();
    logs = [];
    bot = await startZaloTestBot(zalo, dir.path, { logs });
  });
  afterEach(async () => {
    await bot.stop();
    await zalo.close();
    dir.remove();
  });

  it('should answer 200 to a webhook update nested 5,000 deep, record it rejected with one log line, and serve the next person', async () => {
    const update = (extra: string) =>
      `{"ok":true,"result":{"event_name":"message.text.received","message":{"message_id":"m-deep","from":{"id":"u-deep"},"chat":{"id":"u-deep","chat_type":"PRIVATE"},"date":1,"text":"x","extra":${extra}}}}`;
    expect(await zalo.deliverText(update(nested(5000)))).toBe(200);
    expect(await zalo.deliver(zalo.makeUpdate('u-next', '/start'))).toBe(200);
    await expect.poll(() => zalo.transcript('u-next'), { timeout: 10_000 }).toMatch(/Chào mừng/u);
    const rows = await inboxOutcomes(bot, 'zalo');
    expect(rows.find((r) => r.update_id === 'u-deep:message.text.received:m-deep')).toMatchObject({ status: 'rejected', outcome: 'rejected: could not be read' });
    expect(linesAbout(logs, 'u-deep:message.text.received:m-deep').map((l) => l.msg)).toEqual(['update could not be handled; recorded as rejected and skipped']);
    expect(zalo.transcript('u-deep')).toBe('');
  });

  it('should acknowledge a broken webhook delivery, record it rejected and serve the next person', async () => {
    const broken = [{ event_name: 'message.text.received', message: { message_id: 'm-1', text: 'x' } }, { event_name: 5 }, 'text'];
    const statuses = [];
    for (const b of broken) statuses.push(await zalo.deliver(b as never));
    expect(statuses).toEqual([200, 200, 200]);
    expect(await zalo.deliver(zalo.makeUpdate('u-next', '/start'))).toBe(200);
    await expect.poll(() => zalo.transcript('u-next'), { timeout: 10_000 }).toMatch(/Chào mừng/u);
    const rows = await inboxOutcomes(bot, 'zalo');
    expect(rows.filter((r) => r.status === 'rejected')).toHaveLength(3);
  });
});
