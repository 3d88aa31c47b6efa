/**
 * A reminder slot through the real outbound channels: the Telegram channel (telegraf over HTTP) against the fake Bot
 * API, the Zalo channel (our fetch client) against the fake Zalo Bot API, the real worker on Redis, the real app on
 * SQLite. Participants register by typing to the conversation; each fake's own log says who got what.
 */
import pino from 'pino';
import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { createTelegramApi } from '../../src/channels/telegram/api.ts';
import { createTelegramChannel } from '../../src/channels/telegram/channel.ts';
import { createZaloChannel } from '../../src/channels/zalo/channel.ts';
import { createZaloClient } from '../../src/channels/zalo/client.ts';
import { startReminders, type Reminders } from '../../src/reminders/runtime.ts';
import { textUser } from '../helpers/app.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.ts';
import { at, cleanupPrefix, Clock, statuses, testApp, testPrefix, tempDir, waitFor } from '../support/reminders/harness.ts';

const SLOT = '2030-07-10-0800';
const IN_SLOT = at('2030-07-10T08:05:00');

interface Person {
  id: string;
  name: string;
}
const tgPeople = (names: string[]): Person[] => names.map((name, i) => ({ id: String(7001 + i), name }));
const zaloPeople = (names: string[]): Person[] => names.map((name, i) => ({ id: `5f1a2b3c4d5e6f70819${i}`, name }));

interface Rig {
  app: App;
  clock: Clock;
  tg: FakeTelegram;
  zalo: FakeZalo;
  rem: Reminders;
  stop(): Promise<void>;
}

/** The real app and worker, sending through the real Telegram and Zalo channels to the two fake servers. */
async function rig(opts: { quotaBackoffMs?: number; concurrency?: number } = {}): Promise<Rig> {
  const tmp = tempDir();
  const clock = new Clock(IN_SLOT);
  const app = await testApp(tmp.path, clock);
  // Sends over Telegram's flood limits are refused with 429 and counted as violations.
  const tg = await startFakeTelegram({ enforceLimits: true });
  const zalo = await startFakeZalo();
  const telegram = createTelegramChannel(createTelegramApi(new Telegram(tg.token, { apiRoot: tg.url, webhookReply: false })), app.services.intake);
  const zaloChannel = createZaloChannel({
    client: createZaloClient({ apiUrl: zalo.url, token: zalo.token }),
    intake: app.services.intake,
    log: pino({ level: 'silent' }),
    adminIds: [],
    // The app's injected clock, as in production (app.now): the Zalo pause lasts until it passes the back-off.
    now: clock.now,
    quotaBackoffMs: opts.quotaBackoffMs ?? 60_000,
  });
  const prefix = testPrefix();
  const rem = startReminders(app, [telegram, zaloChannel], { role: 'worker', prefix, now: clock.now, schedulers: false, autoSweep: false, lockDurationMs: 5000, concurrency: opts.concurrency ?? 8 });
  await rem.ready();
  return {
    app,
    clock,
    tg,
    zalo,
    rem,
    stop: async () => {
      await rem.close();
      await cleanupPrefix(prefix);
      await Promise.all([tg.close(), zalo.close()]);
      await app.close();
      tmp.remove();
    },
  };
}

/** Registers people by typing, as they would on their app; `optOut` ones then send /tatnhacnho. */
async function register(app: App, channel: 'telegram' | 'zalo', people: Person[], optOut: string[] = []): Promise<void> {
  for (const [i, p] of people.entries()) {
    const user = textUser(app, p.id, { channel });
    expect(await user.register(p.name, 1 + (i % 3))).toContain(p.name);
    if (optOut.includes(p.id)) expect(await user.say('/tatnhacnho')).toContain('/batnhacnho');
  }
  const rows = await app.db.selectFrom('participants').select(['chat_id', 'full_name']).where('channel', '=', channel).where('registered_at', 'is not', null).execute();
  expect(rows.map((r) => r.chat_id).sort()).toEqual(people.map((p) => p.id).sort());
}

/** Messages each chat received, as the fake servers logged them. */
const tgTexts = (tg: FakeTelegram, chatId: string) => tg.sentTo(chatId).filter((e) => e.method === 'sendMessage');
const zaloTexts = (zalo: FakeZalo, chatId: string) => zalo.sent.get(chatId) ?? [];
const zaloCalls = (zalo: FakeZalo) => zalo.calls.filter((c) => c.method === 'sendMessage');
const tgViolations = (tg: FakeTelegram) => tg.violations.global + tg.violations.perChat;

async function unreachable(app: App): Promise<string[]> {
  const rows = await app.db.selectFrom('accounts').select('chat_id').where('unreachable', '=', 1).execute();
  return rows.map((r) => r.chat_id).sort();
}

/** Every delivery of the slot sent, failed or skipped. */
const settled = (app: App, total: number) => async () => {
  const s = await statuses(app, SLOT);
  return (s.sent ?? 0) + (s.failed ?? 0) + (s.skipped ?? 0) === total;
};

let r: Rig | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

describe('a reminder slot through the real Telegram and Zalo channels', () => {
  it('should reach every eligible person exactly once with their name, skip opt-outs, mark 403s unreachable, and /nhacnho should match', async () => {
    r = await rig();
    const tg = tgPeople(['Nông Văn An', 'Hoàng Thị Bình', 'Lộc Văn Cường', 'Dương Thị Dung']);
    const zl = zaloPeople(['Vi Thị Hà', 'Lương Văn Lâm', 'Đinh Thị Minh']);
    await register(r.app, 'telegram', tg, [tg[3]!.id]);
    await register(r.app, 'zalo', zl, [zl[2]!.id]);
    r.tg.block(tg[2]!.id); // Telegram: "bot was blocked by the user" for every send to this chat
    r.zalo.fail({ method: 'sendMessage', error_code: 403, description: 'Forbidden: user blocked the OA' }); // the first Zalo send

    await r.rem.sweep();
    await waitFor('slot settled', settled(r.app, 5), 30_000);
    expect(await statuses(r.app, SLOT)).toEqual({ sent: 3, failed: 2 });

    // Telegram: one message each to the two reachable ones, none to the blocked (tried once) or the opted-out one.
    expect(tg.map((p) => tgTexts(r!.tg, p.id).length)).toEqual([1, 1, 0, 0]);
    expect(r.tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === tg[2]!.id)).toHaveLength(1);
    for (const p of tg.slice(0, 2)) {
      const [msg] = tgTexts(r.tg, p.id);
      expect(msg!.text).toContain(`Chào ${p.name}! Bạn chưa hoàn thành lượt thi nào`);
      expect(msg!.text).toContain('Gõ /thi để vào thi');
      expect(msg!.replyMarkup?.inline_keyboard?.flat().map((b) => b.text)).toEqual(['Vào thi']);
    }
    // Zalo: the first send answered 403 (whoever it went to); the other reachable one got exactly one message.
    const refused = String(zaloCalls(r.zalo)[0]!.body.chat_id);
    expect([zl[0]!.id, zl[1]!.id]).toContain(refused);
    const reached = zl.slice(0, 2).find((p) => p.id !== refused)!;
    expect(zl.map((p) => zaloTexts(r!.zalo, p.id).length)).toEqual(zl.map((p) => (p === reached ? 1 : 0)));
    expect(zaloCalls(r.zalo).filter((c) => c.body.chat_id === refused)).toHaveLength(1);
    expect(zaloTexts(r.zalo, reached.id)[0]).toContain(`Chào ${reached.name}! Bạn chưa hoàn thành lượt thi nào`);
    expect(zaloTexts(r.zalo, reached.id)[0]).not.toMatch(/^\s*1[.)]/mu); // no numbered "Vào thi" choice on Zalo

    expect(await unreachable(r.app)).toEqual([tg[2]!.id, refused].sort());
    expect(tgViolations(r.tg)).toBe(0);

    r.clock.set(at('2030-07-10T12:00:00'));
    const figures = await textUser(r.app, 'boss', { isAdmin: true }).say('/nhacnho');
    expect(figures).toContain('• 08:00 10/07/2030: 5 / 3 / 2 / 0');
    expect(figures).toContain('Khung giờ tiếp theo: 08:00 11/07/2030 (hiện có 3 người cần nhắc)');
  });

  it('should honour Telegram 429 retry_after, and pause Zalo alone on a Zalo 429 until the back-off has passed', async () => {
    const backoffMs = 1500;
    // One send at a time: with several in flight, a send dispatched before the 429 came back may reach the server after
    // it (on a loaded machine), which says nothing about the pause. With one, every later send was dispatched after it.
    r = await rig({ quotaBackoffMs: backoffMs, concurrency: 1 });
    const tg = tgPeople(['Nông Văn An', 'Hoàng Thị Bình', 'Lộc Văn Cường', 'Dương Thị Dung', 'Triệu Văn Em']);
    const zl = zaloPeople(['Vi Thị Hà', 'Lương Văn Lâm', 'Đinh Thị Minh']);
    await register(r.app, 'telegram', tg);
    await register(r.app, 'zalo', zl);
    r.tg.inject({ method: 'sendMessage', chatId: tg[2]!.id, status: 429, retryAfter: 1 });
    r.zalo.fail({ method: 'sendMessage', error_code: 429, description: 'Quota exceeded' });

    await r.rem.sweep();
    await waitFor('the Zalo 429', () => zaloCalls(r!.zalo).length > 0);
    const zaloLimitedSeen = Date.now();
    // Telegram is not held back: every Telegram person gets theirs while Zalo stays paused (its clock has not moved).
    await waitFor('every Telegram message', () => tg.every((p) => tgTexts(r!.tg, p.id).length === 1), 20_000);
    expect(zaloCalls(r.zalo)).toHaveLength(1);
    expect(zl.map((p) => zaloTexts(r!.zalo, p.id).length)).toEqual([0, 0, 0]);
    // The fake sees a message a moment before the worker records it as sent.
    await waitFor('five Telegram deliveries recorded', async () => (await statuses(r!.app, SLOT)).sent === 5);

    // Telegram 429: nothing at all went out on Telegram during retry_after, then the limited chat got its message once.
    const limited = r.tg.calls.find((c) => c.errorCode === 429)!;
    expect(String(limited.params.chat_id)).toBe(tg[2]!.id);
    const after = r.tg.calls.filter((c) => c.method === 'sendMessage' && c.ok && c.at > limited.at);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map((c) => c.at)) - limited.at).toBeGreaterThanOrEqual(1000);
    const [retried] = tgTexts(r.tg, tg[2]!.id);
    expect(retried!.at - limited.at).toBeGreaterThanOrEqual(1000);
    expect(retried!.text).toContain(`Chào ${tg[2]!.name}!`);

    // The back-off passes: Zalo resumes and each Zalo person gets exactly one message.
    r.clock.set(IN_SLOT + backoffMs);
    const resumedAt = Date.now();
    await waitFor('every Zalo message', () => zl.every((p) => zaloTexts(r!.zalo, p.id).length === 1), 20_000);
    await waitFor('slot settled', settled(r.app, 8), 10_000);
    expect(await statuses(r.app, SLOT)).toEqual({ sent: 8 });
    expect(zaloCalls(r.zalo)).toHaveLength(1 + zl.length);
    for (const p of zl) expect(zaloTexts(r.zalo, p.id)[0]).toContain(`Chào ${p.name}!`);
    expect(tg.map((p) => tgTexts(r!.tg, p.id).length)).toEqual([1, 1, 1, 1, 1]);
    expect(tgViolations(r.tg)).toBe(0);
    expect(await unreachable(r.app)).toEqual([]);
    if (process.env.E2E_REPORT) {
      console.info(
        JSON.stringify({
          telegramRetryAfterWaitMs: retried!.at - limited.at,
          telegramQuietAfter429Ms: Math.min(...after.map((c) => c.at)) - limited.at,
          zaloPausedRealMs: resumedAt - zaloLimitedSeen,
          zaloResumeAfterClockMs: Date.now() - resumedAt,
          violations: r.tg.violations,
        }),
      );
    }
  });
});
