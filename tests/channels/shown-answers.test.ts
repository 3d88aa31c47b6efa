import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { answerData } from '../../src/contract/callback-data.ts';
import { findOpenAttempt, getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import type { FakeMessage, FakeUser } from '../support/fake-telegram/index.ts';
import { botSays, currentQuestion, mark, readQuestion, registerByTaps, startTestBot, tapAndExpect, useTelegramFixture, type TestBotOptions } from '../helpers/telegram.ts';
import { registerOnZalo, startZaloTestBot, useZaloFixture, zaloSays } from '../helpers/zalo.ts';
import { waitFor } from '../helpers/wait.ts';

// An answer counts only for a question the person has seen (issue 18): a typed answer received before the message
// carrying the current question was accepted by the platform is a second copy of the previous answer (dropped), an
// early answer (a note and the question again), or — when that message was never delivered — not applied, the
// question sent again as /thi resumes. Taps are bound to their question and stay as they were.

/** The person's open attempt: its id and the letter index chosen for each question (null: unanswered). */
async function answers(app: App, channel: string, id: string): Promise<{ attemptId: number; chosen: (number | null)[] }> {
  const person = (await findParticipant(app.db, channel, id))!;
  const attempt = (await findOpenAttempt(app.db, person.id))!;
  return { attemptId: attempt.id, chosen: (await getAttemptItems(app.db, attempt.id)).map((i) => i.chosenShown) };
}

/** Waits until `count` updates of the person are stored and not yet processed; then until the clock has moved past them. */
async function storedAndPast(app: App, channel: string, chatKey: string, count: number): Promise<void> {
  const rows = await waitFor(`${count} stored update(s)`, async () => {
    const stored = await app.db.selectFrom('inbox').select('received_at').where('channel', '=', channel).where('chat_key', '=', chatKey).where('status', '=', 'received').execute();
    return stored.length === count ? stored : undefined;
  });
  // What is sent from now on starts after they were received, also on a fast machine (the comparison is ≥).
  const latest = Math.max(...rows.map((r) => r.received_at));
  await waitFor('the clock to move on', () => Date.now() > latest);
}

const CITIZEN = 'ab12cd34ef56ab78';

describe('Zalo: a person who sends the same answer twice by accident', () => {
  const t = useZaloFixture('cds-zalo-shown-');

  for (const via of ['webhook', 'polling'] as const) {
    it(`should drop the second copy instead of recording it as the next question's answer (${via})`, async () => {
      t.bot = await startZaloTestBot(t.fake, t.dir.path, via === 'polling' ? { env: { ZALO_WEBHOOK_URL: '' }, zalo: { pollTimeoutSeconds: 1 } } : {});
      const u = await registerOnZalo(t.fake, CITIZEN, 'Tân Tri', 'Hà Thị Mai', via);
      await u.say('thi', /Câu 1\/10/u);
      // Câu 2 is on its way (its send has started) while "b" arrives twice, within milliseconds.
      const slow = t.fake.hold('sendMessage', /^Câu 2\/10/u);
      await u.send('a');
      await slow.reached;
      await u.send('b');
      await u.send('b');
      await storedAndPast(t.bot.app, 'zalo', CITIZEN, 2);
      const from = t.fake.sent.get(CITIZEN)!.length;
      slow.release();
      await zaloSays(t.fake, CITIZEN, /Câu 3\/10/u, from);
      // A later message is handled after the copy (one person, in order): the copy has been dropped by then.
      await u.say('c', /Câu 4\/10/u);
      expect(t.fake.sent.get(CITIZEN)!.slice(from).map((text) => text.split('\n')[0])).toEqual(['Câu 2/10', 'Câu 3/10', 'Câu 4/10']);
      expect((await answers(t.bot.app, 'zalo', CITIZEN)).chosen.slice(0, 4)).toEqual([0, 1, 2, null]);
    });
  }
});

describe('Zalo: the last answer sent twice by accident', () => {
  const t = useZaloFixture('cds-zalo-shown-last-');

  it('should drop the second copy instead of taking it as the tie-break prediction', async () => {
    t.bot = await startZaloTestBot(t.fake, t.dir.path);
    const u = await registerOnZalo(t.fake, CITIZEN, 'Tân Tri', 'Hà Thị Mai');
    await u.say('thi', /Câu 1\/10/u);
    for (let n = 2; n <= 10; n++) await u.say('a', new RegExp(`Câu ${n}/10`, 'u'));
    // The end of the attempt is on its way while "2" (option B, or the number 2) arrives twice.
    const slow = t.fake.hold('sendMessage', /Hoàn thành!/u);
    await u.send('2');
    await slow.reached;
    await u.send('2');
    await storedAndPast(t.bot.app, 'zalo', CITIZEN, 1);
    const from = t.fake.sent.get(CITIZEN)!.length;
    slow.release();
    await zaloSays(t.fake, CITIZEN, /Câu hỏi dự đoán/u, from);
    await u.say('150', /Đã ghi nhận dự đoán của bạn: 150/u);
    const after = t.fake.sent.get(CITIZEN)!.slice(from).join('\n');
    expect(after).not.toMatch(/dự đoán của bạn: 2\b|Vui lòng gõ một số nguyên|vừa được gửi/u);
    expect(await t.bot.app.db.selectFrom('predictions').select('value').execute()).toEqual([{ value: 150 }]);
  });
});

describe('Telegram: a typed answer while the question is on its way', () => {
  const t = useTelegramFixture();

  /** A registered person at Câu 3 of an attempt (polling mode); returns Câu 3's message. */
  async function atQuestion3(options: TestBotOptions = {}) {
    const bot = (t.bot = await startTestBot(t.fake, t.dir.path, options));
    const user = t.fake.user(7101, 'Lan');
    await registerByTaps(t.fake, user, 'Xã Tân Tri', 'Hoàng Thị Lan');
    await tapAndExpect(t.fake, user, 'Bắt đầu thi', /^Câu 1\//u);
    for (const n of [2, 3]) await tapAndExpect(t.fake, user, readQuestion(bot.app, currentQuestion(user)!).labels[0]!, new RegExp(`^Câu ${n}/`, 'u'));
    return { user, q3: currentQuestion(user)! };
  }

  /** Taps an answer on Câu 3 while Câu 4's send is held; `meanwhile` runs, then the held send is answered. */
  async function duringQuestion4Send(user: FakeUser, q3: FakeMessage, meanwhile: () => Promise<void>): Promise<number> {
    const slow = t.fake.hold({ method: 'sendMessage', chatId: user.id });
    const after = mark(user);
    user.tapData(q3.message_id, q3.reply_markup!.inline_keyboard![0]![0]!.callback_data!);
    await slow.reached;
    await meanwhile();
    slow.release();
    return after;
  }

  /** Types `text` while Câu 4's send is held; returns the last message id before. */
  const typedDuringQuestion4Send = (user: FakeUser, q3: FakeMessage, text: string) =>
    duringQuestion4Send(user, q3, async () => {
      user.send(text);
      await storedAndPast(t.bot!.app, 'telegram', String(user.id), 1);
    });

  /** The texts of the bot's messages after `after`, by their first line. */
  const firstLines = (user: FakeUser, after: number) => user.botMessages().filter((m) => m.message_id > after).map((m) => (m.text ?? '').split('\n')[0]);

  /** Câu 4, the note, Câu 4 again (the last one, returned) — and Câu 4 still unanswered. */
  async function noteAndQuestionAgain(user: FakeUser, after: number): Promise<FakeMessage> {
    await waitFor('the note and the question again', () => firstLines(user, after).length === 3);
    expect(firstLines(user, after)).toEqual(['Câu 4/10', 'Câu hỏi vừa được gửi tới bạn. Bạn hãy đọc kỹ câu hỏi dưới đây rồi trả lời nhé.', 'Câu 4/10']);
    expect((await answers(t.bot!.app, 'telegram', String(user.id))).chosen[3]).toBeNull();
    return user.lastBotMessage()!;
  }

  it('should not count an answer typed during a slow send that Telegram refused once (502) and the bot retried', async () => {
    const { user, q3 } = await atQuestion3();
    t.fake.inject({ method: 'sendMessage', chatId: user.id, status: 502 });
    const after = await typedDuringQuestion4Send(user, q3, 'C');
    const again = await noteAndQuestionAgain(user, after);
    // Read now, it counts.
    await tapAndExpect(t.fake, user, readQuestion(t.bot!.app, again).labels[1]!, /^Câu 5\//u);
    expect((await answers(t.bot!.app, 'telegram', String(user.id))).chosen[3]).toBe(1);
  });

  it('should not count an answer typed while the send failed and waited for its retry', async () => {
    // One try per call: the failure goes back to the inbox, which retries the reply a second later.
    const { user, q3 } = await atQuestion3({ retry: { attempts: 1, baseDelayMs: 0, maxRetryAfterMs: 0 } });
    t.fake.inject({ method: 'sendMessage', chatId: user.id, status: 502 });
    const after = await typedDuringQuestion4Send(user, q3, 'C');
    await noteAndQuestionAgain(user, after);
  });

  it('should not apply an answer to a question whose message was given up, and send the question again as /thi resumes', async () => {
    const { user, q3 } = await atQuestion3();
    // Refused for good (400): the reply is given up at once.
    t.fake.inject({ method: 'sendMessage', chatId: user.id, status: 400 });
    const after = await typedDuringQuestion4Send(user, q3, 'C');
    await waitFor('the question again', () => firstLines(user, after).length === 2);
    const again = user.lastBotMessage()!;
    expect(firstLines(user, after)).toEqual(['Bạn đang làm dở một lượt thi — tiếp tục từ câu chưa trả lời.', 'Câu 4/10']);
    expect((await answers(t.bot!.app, 'telegram', String(user.id))).chosen[3]).toBeNull();
    await tapAndExpect(t.fake, user, readQuestion(t.bot!.app, again).labels[0]!, /^Câu 5\//u);
  });

  it('should keep taps as they were: a second tap on an answered question is refused, a tap on the next one counts', async () => {
    const { user, q3 } = await atQuestion3();
    t.fake.inject({ method: 'sendMessage', chatId: user.id, status: 502 });
    const { attemptId } = await answers(t.bot!.app, 'telegram', String(user.id));
    await duringQuestion4Send(user, q3, async () => {
      // Both taps arrive before Câu 4's retried send starts: a tap says which question it answers.
      user.tapData(q3.message_id, answerData(attemptId, 2, 1));
      user.tapData(q3.message_id, answerData(attemptId, 3, 2));
      await storedAndPast(t.bot!.app, 'telegram', String(user.id), 2);
    });
    await botSays(t.fake, user, /^Câu 5\/10/u);
    expect((await answers(t.bot!.app, 'telegram', String(user.id))).chosen.slice(0, 5)).toEqual([0, 0, 0, 2, null]);
    expect(user.notices()).toContain('Câu hỏi này đã được trả lời hoặc đã hết hiệu lực.');
  });
});
