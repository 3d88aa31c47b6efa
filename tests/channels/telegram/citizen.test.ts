import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findParticipant } from '../../../src/storage/repos/participants.ts';
import { findOpenAttempt, getAttemptItems, listFinishedAttempts } from '../../../src/storage/repos/attempts.ts';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../../support/fake-telegram/index.ts';
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
} from '../../helpers/telegram.ts';

describe('Telegram citizen', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path);
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  /** Answers the current question by tap or by typing its letter; returns whether it was right. */
  async function answer(user: FakeUser, how: 'tap' | 'type', right: boolean): Promise<void> {
    const message = await fake.waitFor(() => currentQuestion(user), { what: 'a question' });
    const q = readQuestion(bot.app, message);
    const letter = right ? q.correct : q.wrong;
    const after = mark(user);
    if (how === 'tap') user.tap(q.labels.find((l) => l.startsWith(`${letter}.`))!);
    else user.send(how === 'type' && q.n % 2 === 0 ? letter.toLowerCase() : letter);
    const next = q.n === q.total ? /Hoàn thành!/u : new RegExp(`^Câu ${q.n + 1}/`, 'u');
    await botSays(fake, user, next, after);
  }

  it('should register through buttons with communes in two columns and Vietnamese order', async () => {
    const an = fake.user(1001, 'An', 'Nguyễn Văn');
    await sayAndExpect(fake, an, '/start', /Chào mừng bạn đến với Cuộc thi trắc nghiệm/u);
    const consent = await botSays(fake, an, /Nghị định 13\/2023/u);
    expect(consent.reply_markup?.inline_keyboard?.[0]?.[0]?.text).toBe('Tôi đồng ý');
    const communes = await tapAndExpect(fake, an, 'Tôi đồng ý', /xã, thị trấn nào/u);
    const rows = communes.reply_markup!.inline_keyboard!;
    expect(rows.every((r) => r.length <= 2)).toBe(true);
    const labels = rows.flat().map((b) => b.text);
    expect(labels).toHaveLength(18);
    expect(labels).toContain('Xã Tân Tri');
    expect(labels).toEqual([...labels].sort(new Intl.Collator('vi').compare));
    const agency = await tapAndExpect(fake, an, 'Xã Tân Tri', /cơ quan, đơn vị, tổ chức/u);
    // The tapped keyboard now reads as a transcript: the question, then the choice, no buttons.
    const answered = an.messages().find((m) => m.message_id === communes.message_id)!;
    expect(answered.text).toMatch(/➡️ Bạn chọn: Xã Tân Tri$/u);
    expect(answered.reply_markup).toBeUndefined();
    expect(agency.reply_markup?.inline_keyboard?.flat().at(-1)?.text).toBe('Bỏ qua');
    await tapAndExpect(fake, an, 'Bỏ qua', /họ và tên đầy đủ/u);
    await sayAndExpect(fake, an, 'A\u200bn', /không có số, biểu tượng cảm xúc hay ký tự ẩn/u);
    const phone = await sayAndExpect(fake, an, 'Nguyễn Văn An', /số điện thoại/u);
    expect(JSON.stringify(phone.reply_markup)).toContain('"request_contact":true');
    an.contact('+84912345678');
    await botSays(fake, an, /Đăng ký thành công!\nHọ tên: Nguyễn Văn An\nXã\/thị trấn: Xã Tân Tri/u, phone.message_id);
    const p = await findParticipant(bot.app.db, 'telegram', '1001');
    const tanTri = bot.app.deps.units.find((u) => u.name === 'Xã Tân Tri')!;
    expect(p).toMatchObject({ full_name: 'Nguyễn Văn An', commune_code: tanTri.code, phone: '0912345678', step: 'ready' });
    await sayAndExpect(fake, an, '/start', /Xin chào Nguyễn Văn An \(Xã Tân Tri\)/u);
  });

  it('should play a full quiz by taps and by typing, then take the prediction and show /ketqua', async () => {
    const binh = fake.user(1002, 'Bình');
    await registerByTaps(fake, binh, 'Xã Vũ Lăng', 'Trần Thị Bình');
    await tapAndExpect(fake, binh, 'Bắt đầu thi', /^Câu 1\/10/u);
    const first = currentQuestion(binh)!;
    expect(first.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(readQuestion(bot.app, first).labels);
    for (let i = 0; i < 10; i += 1) await answer(binh, i < 5 ? 'tap' : 'type', i !== 2);
    // Tapped questions were edited into a clean transcript: choice shown, buttons gone.
    const tapped = binh.messages().find((m) => m.message_id === first.message_id)!;
    expect(tapped.text).toMatch(/➡️ Bạn chọn: [A-D]\. /u);
    expect(tapped.reply_markup).toBeUndefined();
    const result = await botSays(fake, binh, /Hoàn thành! Bạn trả lời đúng 9\/10 câu/u);
    expect(result.text).toMatch(/Các câu trả lời chưa đúng:\n• Câu 3: [\s\S]*Đáp án đúng: [\s\S]*Nguồn: /u);
    await botSays(fake, binh, /Câu hỏi dự đoán/u);
    await sayAndExpect(fake, binh, 'nhiều lắm', /số nguyên không âm/u);
    await sayAndExpect(fake, binh, '1.250', /Đã ghi nhận dự đoán của bạn: 1\.250/u);
    const results = await sayAndExpect(fake, binh, '/ketqua', /Kết quả của Trần Thị Bình/u);
    expect(results.text).toMatch(/9\/10 điểm/u);
    expect(results.text).toMatch(/Xếp hạng hiện tại: 1\/1/u);
    expect(results.text).toMatch(/còn 2 lượt thi/u);
  });

  it('should refuse double taps, old questions, forged data and other people\'s taps with a notice, recording nothing', async () => {
    const cuong = fake.user(1003, 'Cường');
    await registerByTaps(fake, cuong, 'Xã Bắc Quỳnh', 'Lê Văn Cường');
    await tapAndExpect(fake, cuong, 'Bắt đầu thi', /^Câu 1\/10/u);
    const q1 = currentQuestion(cuong)!;
    const data = q1.reply_markup!.inline_keyboard![0]![0]!.callback_data!;
    const after = mark(cuong);
    cuong.tapData(q1.message_id, data);
    cuong.tapData(q1.message_id, data);
    await botSays(fake, cuong, /^Câu 2\/10/u, after);
    await fake.waitFor(() => cuong.notices().length === 1, { what: 'double-tap notice' });
    expect(cuong.notices()).toEqual(['Câu hỏi này đã được trả lời hoặc đã hết hiệu lực.']);
    // Forged data and a tap on another person's question.
    cuong.tapData(q1.message_id, 'a:999999:0:1');
    cuong.tapData(q1.message_id, 'zz:forged');
    await fake.waitFor(() => cuong.notices().length === 3, { what: 'forged-tap notices' });
    const dung = fake.user(1004, 'Dũng');
    await registerByTaps(fake, dung, 'Xã Bắc Quỳnh', 'Phạm Văn Dũng');
    const attempt = (await findOpenAttempt(bot.app.db, (await findParticipant(bot.app.db, 'telegram', '1003'))!.id))!;
    dung.tapData(1, `a:${attempt.id}:1:0`);
    await fake.waitFor(() => dung.notices().length === 1, { what: "notice for another person's tap" });
    const items = await getAttemptItems(bot.app.db, attempt.id);
    expect(items.filter((i) => i.chosenShown !== null)).toHaveLength(1);
    // Non-text messages get a hint.
    cuong.sticker();
    await botSays(fake, cuong, /Bot chỉ hiểu tin nhắn chữ/u);
    expect(await listFinishedAttempts(bot.app.db, attempt.participant_id)).toHaveLength(0);
  });

  it('should not echo an answer tapped after the time allowed, and close the attempt', async () => {
    await bot.stop();
    let offset = 0;
    bot = await startTestBot(fake, dir.path, { now: () => Date.now() + offset });
    const em = fake.user(1005, 'Em');
    await registerByTaps(fake, em, 'Xã Tân Lập', 'Hà Văn Em');
    await tapAndExpect(fake, em, 'Bắt đầu thi', /^Câu 1\/10/u);
    const q1 = currentQuestion(em)!;
    offset = 16 * 60_000;
    await tapAndExpect(fake, em, readQuestion(bot.app, q1).labels[0]!, /Đã hết thời gian làm bài/u);
    expect(em.messages().find((m) => m.message_id === q1.message_id)?.text).not.toMatch(/Bạn chọn/u);
    const p = (await findParticipant(bot.app.db, 'telegram', '1005'))!;
    const [attempt] = await listFinishedAttempts(bot.app.db, p.id);
    expect(attempt?.score).toBe(0);
    expect((await getAttemptItems(bot.app.db, attempt!.id)).every((i) => i.chosenShown === null)).toBe(true);
  });
});
