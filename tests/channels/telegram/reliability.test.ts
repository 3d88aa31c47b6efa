import { waitFor } from '../../helpers/wait.ts';
import { channelContext } from '../../../src/app.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { findOpenAttempt, getAttemptItems } from '../../../src/storage/repos/attempts.ts';
import { telegramSender } from '../../../src/channels/telegram/start.ts';
import { findParticipant } from '../../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import {
  botSays,
  currentQuestion,
  mark,
  readQuestion,
  registerByTaps,
  sayAndExpect,
  startTestBot,
  tapAndExpect,
  tempDir,
  type TestBot,
  type TestBotOptions,
} from '../../helpers/telegram.ts';

describe('Telegram reliability', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  async function start(options: TestBotOptions = {}, fakeOptions = {}): Promise<void> {
    dir = tempDir();
    fake = await startFakeTelegram(fakeOptions);
    bot = await startTestBot(fake, dir.path, options);
  }
  afterEach(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it('should record nothing twice when an update is delivered again, and log each redelivery dropped', async () => {
    const logs: string[] = [];
    await start({ logs });
    const an = fake.user(4001, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Nông Văn An');
    await tapAndExpect(fake, an, 'Bắt đầu thi', /^Câu 1\//u);
    const q1 = readQuestion(bot.app, currentQuestion(an)!);
    const after = mark(an);
    const tap = an.tap(q1.labels[0]!);
    await botSays(fake, an, /^Câu 2\//u, after);
    const typed = an.send(readQuestion(bot.app, currentQuestion(an)!).correct);
    await botSays(fake, an, /^Câu 3\//u, after);
    const logBefore = an.log().length;
    fake.redeliver(tap);
    fake.redeliver(typed);
    // A later update of the same chat is processed after the redeliveries (per-chat order).
    await sayAndExpect(fake, an, '/huongdan', /Hướng dẫn/u);
    const p = (await findParticipant(bot.app.db, 'telegram', '4001'))!;
    const items = await getAttemptItems(bot.app.db, (await findOpenAttempt(bot.app.db, p.id))!.id);
    expect(items.filter((i) => i.chosenShown !== null)).toHaveLength(2);
    expect(an.log().slice(logBefore).map((e) => e.method)).toEqual(['sendMessage']);
    expect(an.botMessages().filter((m) => /^Câu 3\//u.test(m.text ?? ''))).toHaveLength(1);
    const dropped = logs.map((l) => JSON.parse(l) as { msg: string; updateId?: string; bot?: string }).filter((l) => /dropped as a duplicate/u.test(l.msg));
    expect(dropped.map((l) => l.updateId)).toEqual([String(tap), String(typed)]);
    expect(dropped.every((l) => /^[0-9a-f]{16}$/u.test(l.bot ?? ''))).toBe(true);
  });

  it('should wait out a 429, retry a 5xx and ignore "message is not modified"', async () => {
    const logs: string[] = [];
    await start({ logs });
    const binh = fake.user(4002, 'Bình');
    await registerByTaps(fake, binh, 'Xã Vũ Lăng', 'Lâm Thị Bình');
    fake.inject({ method: 'sendMessage', chatId: binh.id, status: 429, retryAfter: 1 });
    fake.inject({ method: 'sendMessage', chatId: binh.id, status: 502, times: 2 });
    const help = await sayAndExpect(fake, binh, '/huongdan', /Hướng dẫn/u);
    const calls = fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === binh.chatId).slice(-4);
    expect(calls.map((c) => c.errorCode ?? 200)).toEqual([429, 502, 502, 200]);
    const retries = logs.filter((l) => l.includes('Telegram call retried')).map((l) => JSON.parse(l) as { kind: string; waitMs: number });
    expect(retries[0]).toMatchObject({ kind: 'rate_limited', waitMs: 1000 });
    expect(retries.slice(1).map((r) => r.kind)).toEqual(['transient', 'transient']);
    expect(binh.botMessages().filter((m) => m.message_id >= help.message_id)).toHaveLength(1);
    // The echo edit is refused as unchanged: ignored, and the quiz goes on.
    await tapAndExpect(fake, binh, 'Bắt đầu thi', /^Câu 1\//u);
    const q1 = readQuestion(bot.app, currentQuestion(binh)!);
    fake.inject({ method: 'editMessageText', chatId: binh.id, status: 400, description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same' });
    await tapAndExpect(fake, binh, q1.labels[1]!, /^Câu 2\//u);
    expect(logs.some((l) => l.includes('editing the tapped message failed'))).toBe(false);
    expect(logs.filter((l) => l.includes('Telegram call retried'))).toHaveLength(3);
  });

  it('should mark a person who blocked the bot unreachable, and keep serving others', async () => {
    await start();
    const cuong = fake.user(4003, 'Cường');
    await registerByTaps(fake, cuong, 'Xã Bắc Quỳnh', 'Mã Văn Cường');
    fake.block(cuong.id);
    cuong.send('/huongdan');
    await waitFor('unreachable flag', async () => (await findParticipant(bot.app.db, 'telegram', '4003'))?.unreachable === 1);
    const dung = fake.user(4004, 'Dũng');
    await sayAndExpect(fake, dung, '/start', /Chào mừng/u);
    // The rest of the welcome is sent before the failures below are injected for the next sendMessage.
    await bot.telegram.bot.inbox.idle();
    // Through the outbound channel (reminders), a 403 is a SendError of kind "unreachable".
    await expect(bot.telegram.channel.send(cuong.chatId, { text: 'Nhắc nhở' })).rejects.toMatchObject({ name: 'SendError', kind: 'unreachable' });
    fake.inject({ method: 'sendMessage', status: 429, retryAfter: 7 });
    await expect(bot.telegram.channel.send(dung.chatId, { text: 'Nhắc nhở' })).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    fake.inject({ method: 'sendMessage', status: 503 });
    await expect(bot.telegram.channel.send(dung.chatId, { text: 'Nhắc nhở' })).rejects.toMatchObject({ kind: 'transient' });
    await bot.telegram.channel.send(dung.chatId, { text: `Dài ${'x'.repeat(5000)}` });
    expect(fake.sentTo(dung.id).slice(-2).map((e) => [...(e.text ?? '')].length <= 4096)).toEqual([true, true]);
    // A worker process that only sends builds the same channel without receiving updates.
    const outbound = telegramSender(channelContext(bot.app));
    await outbound.send(dung.chatId, { text: 'Thông báo của Ban Tổ chức', choices: [{ data: 'cmd:thi', label: 'Bắt đầu thi', key: '/thi' }] });
    expect(fake.sentTo(dung.id).at(-1)).toMatchObject({ text: 'Thông báo của Ban Tổ chức', replyMarkup: { inline_keyboard: [[{ text: 'Bắt đầu thi' }]] } });
  });

  it('should keep serving when getMe and setMyCommands are not supported', async () => {
    const logs: string[] = [];
    dir = tempDir();
    fake = await startFakeTelegram();
    fake.inject({ method: ['getMe', 'setMyCommands'], status: 404, times: Infinity });
    bot = await startTestBot(fake, dir.path, { logs, env: { TELEGRAM_BOT_USERNAME: 'ten_du_phong_bot' } });
    expect(logs.filter((l) => l.includes('"level":40') && /getMe|setMyCommands/u.test(l)).length).toBeGreaterThanOrEqual(2);
    const an = fake.user(4005, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Tô Văn An');
    await sayAndExpect(fake, an, '/moi', /https:\/\/t\.me\/ten_du_phong_bot\?start=r-/u);
  });
});
