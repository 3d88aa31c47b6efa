import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../../support/fake-telegram/index.ts';
import { exitOf, startMain } from '../../helpers/processes.ts';
import { botSays, currentQuestion, mark, registerByTaps, sayAndExpect, tapAndExpect, telegramEnv, tempDir } from '../../helpers/telegram.ts';

/** Question text without its "Câu n/N" header and answer hint: what must be the same after a restart. */
const body = (text: string | undefined) => (text ?? '').split('\n').slice(1, 6).join('\n');

describe('Telegram bot restarted through its entry point', () => {
  let fake: FakeTelegram;
  let dir: ReturnType<typeof tempDir>;
  let child: (ChildProcess & { output: string[] }) | undefined;
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

  /** Starts src/main.ts and waits until it polls (a loaded CI machine may take a while to compile and start it). */
  async function startAndWait(env: Record<string, string>): Promise<ChildProcess & { output: string[] }> {
    const seen = fake.calls.length;
    const started = startMain(env);
    child = started;
    await fake.waitFor(() => fake.calls.slice(seen).some((c) => c.method === 'getUpdates'), { timeoutMs: 45_000, what: 'the bot to start polling' });
    return started;
  }

  async function answerFirst(user: FakeUser): Promise<void> {
    const q = currentQuestion(user)!;
    const n = Number(/^Câu (\d+)/u.exec(q.text!)![1]);
    await tapAndExpect(fake, user, q.reply_markup!.inline_keyboard![0]![0]!.text, new RegExp(`^Câu ${n + 1}/`, 'u'));
  }

  it('should resume at the same question after SIGTERM and after SIGKILL', async () => {
    // The bot role alone: reminder workers and their schedules are not what this test is about.
    const env = telegramEnv(fake, dir.path, { LOG_LEVEL: 'info', ROLE: 'bot', BULLMQ_PREFIX: `test-tg-restart-${process.pid}` });
    let bot = await startAndWait(env);
    const an = fake.user(6001, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Lộc Văn An');
    await tapAndExpect(fake, an, 'Bắt đầu thi', /^Câu 1\//u);
    for (let i = 0; i < 3; i += 1) await answerFirst(an);
    const q4 = currentQuestion(an)!;
    expect(q4.text).toMatch(/^Câu 4\/10/u);

    bot.kill('SIGTERM');
    expect(await exitOf(bot)).toEqual({ code: 0, signal: null });
    expect(bot.output.join('')).toContain('"msg":"stopped"');

    bot = await startAndWait(env);
    const resumed = await sayAndExpect(fake, an, '/thi', /^Câu 4\/10/u);
    expect(an.botMessages().some((m) => m.message_id > q4.message_id && /tiếp tục từ câu chưa trả lời/u.test(m.text ?? ''))).toBe(true);
    expect(body(resumed.text)).toBe(body(q4.text));
    // The button on the question sent before the restart still answers it.
    const after = mark(an);
    an.tapData(q4.message_id, q4.reply_markup!.inline_keyboard![1]![0]!.callback_data!);
    const q5 = await botSays(fake, an, /^Câu 5\/10/u, after);

    bot.kill('SIGKILL');
    await exitOf(bot);
    bot = await startAndWait(env);
    // A reply the killed process had sent but not yet marked delivered waits out its 10 s lease first.
    const afterKill = mark(an);
    an.send('/thi');
    const again = await botSays(fake, an, /^Câu 5\/10/u, afterKill, 30_000);
    expect(body(again.text)).toBe(body(q5.text));
    bot.kill('SIGTERM');
    expect((await exitOf(bot)).code).toBe(0);
  }, 180_000);

  it('should send the next question by itself after a crash between storing a tap and replying to it', async () => {
    const env = telegramEnv(fake, dir.path, { LOG_LEVEL: 'info', ROLE: 'bot', BULLMQ_PREFIX: `test-tg-crash-${process.pid}` });
    let bot = await startAndWait(env);
    const binh = fake.user(6002, 'Bình');
    await registerByTaps(fake, binh, 'Xã Tân Tri', 'Lý Thị Bình');
    const q1 = await tapAndExpect(fake, binh, 'Bắt đầu thi', /^Câu 1\//u);
    // Telegram answers the reply's calls only after 8 s: the bot is killed while the reply is in flight.
    fake.inject({ method: ['sendMessage', 'editMessageText', 'answerCallbackQuery'], delayMs: 8000, status: 500, times: Infinity });
    const seen = fake.calls.length;
    binh.tapData(q1.message_id, q1.reply_markup!.inline_keyboard![0]![0]!.callback_data!);
    await fake.waitFor(() => fake.calls.slice(seen).some((c) => c.method === 'sendMessage'), { timeoutMs: 20_000, what: 'the reply to be on its way' });
    bot.kill('SIGKILL');
    await exitOf(bot);
    fake.clearFaults();

    const after = mark(binh);
    bot = await startAndWait(env);
    // Nobody types anything: the recorded reply goes out after the restart (once the dead sender's lease of at most
    // 10 s has run out), exactly once.
    await botSays(fake, binh, /^Câu 2\/10/u, after, 60_000);
    const again = await sayAndExpect(fake, binh, '/thi', /^Câu 2\/10/u);
    expect(again.text).toMatch(/^Câu 2\/10/u);
    expect(binh.botMessages().filter((m) => m.message_id > q1.message_id && /^Câu 2\/10/u.test(m.text ?? '')).length).toBe(2);
    bot.kill('SIGTERM');
    expect((await exitOf(bot)).code).toBe(0);
  }, 180_000);
});
