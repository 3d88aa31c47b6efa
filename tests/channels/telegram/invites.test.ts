import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findParticipant } from '../../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { ADMIN_ID, botSays, registerByTaps, sayAndExpect, startTestBot, tapAndExpect, tempDir, type TestBot } from '../../helpers/telegram.ts';
import { tapThroughQuiz } from '../../helpers/telegram-quiz.ts';

describe('Telegram invite links', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeTelegram({ username: 'cds_bacson_bot' });
    bot = await startTestBot(fake, dir.path);
  });
  afterEach(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it("should count a person's invitees in /moi and /bxhvd", async () => {
    const an = fake.user(2001, 'An');
    await registerByTaps(fake, an, 'Xã Tân Tri', 'Hoàng Văn An');
    await tapThroughQuiz(fake, bot.app, an);
    const moi = await sayAndExpect(fake, an, '/moi', /Đường link mời của bạn/u);
    const link = /https:\/\/t\.me\/cds_bacson_bot\?start=(r-[A-Za-z0-9_-]+)/u.exec(moi.text!);
    expect(link).not.toBeNull();
    expect(moi.text).toMatch(/Đã có 0 người đăng ký/u);

    const binh = fake.user(2002, 'Bình');
    await sayAndExpect(fake, binh, `/start ${link![1]}`, /Bạn được Hoàng Văn An mời tham gia/u);
    await botSays(fake, binh, /Nghị định 13/u);
    await tapAndExpect(fake, binh, 'Tôi đồng ý', /xã, thị trấn nào/u);
    await tapAndExpect(fake, binh, 'Xã Vũ Lăng', /cơ quan, đơn vị/u);
    await tapAndExpect(fake, binh, 'Bỏ qua', /họ và tên/u);
    await sayAndExpect(fake, binh, 'Lương Thị Bình', /số điện thoại/u);
    await sayAndExpect(fake, binh, '0', /Đăng ký thành công/u);
    await tapThroughQuiz(fake, bot.app, binh, { wrong: [1] });
    expect((await findParticipant(bot.app.db, 'telegram', '2002'))?.commune_code).not.toBe((await findParticipant(bot.app.db, 'telegram', '2001'))?.commune_code);

    await sayAndExpect(fake, an, '/moi', /Đã có 1 người đăng ký qua link của bạn, 1 người đã hoàn thành bài thi/u);
    const official = fake.user(ADMIN_ID, 'Cán bộ');
    const board = await sayAndExpect(fake, official, '/bxhvd', /Cá nhân tích cực vận động/u);
    expect(board.text).toContain('1. Hoàng Văn An (Xã Tân Tri): 1 người đã thi / 1 người đăng ký qua link');
  });

  it("should pre-select the commune of a unit's link and ignore forged payloads", async () => {
    const official = fake.user(ADMIN_ID, 'Cán bộ');
    const nhatHoa = bot.app.deps.units.find((u) => u.name === 'Xã Nhất Hòa')!;
    const list = await sayAndExpect(fake, official, `/link ${nhatHoa.code}`, /Link mời dự thi của 1 đơn vị/u);
    const link = `https://t.me/cds_bacson_bot?start=u-${nhatHoa.code}`;
    expect(list.text).toContain(link);
    const qr = await botSays(fake, official, /Quét mã QR/u);
    expect(qr.photo).toBeDefined();
    expect(fake.sentTo(ADMIN_ID).find((e) => e.method === 'sendPhoto')?.file?.content.subarray(1, 4).toString()).toBe('PNG');

    const cuc = fake.user(2003, 'Cúc');
    await sayAndExpect(fake, cuc, `/start u-${nhatHoa.code}`, /Bạn tham gia qua đường link của Xã Nhất Hòa/u);
    await botSays(fake, cuc, /Nghị định 13/u);
    await tapAndExpect(fake, cuc, 'Tôi đồng ý', /Xã\/thị trấn của bạn: Xã Nhất Hòa \(theo đường link\)/u);
    await botSays(fake, cuc, /hãy chọn đơn vị đó/u);
    expect(cuc.botMessages().some((m) => /xã, thị trấn nào/u.test(m.text ?? ''))).toBe(false);
    await tapAndExpect(fake, cuc, 'Bỏ qua', /họ và tên/u);
    await sayAndExpect(fake, cuc, 'Vi Thị Cúc', /số điện thoại/u);
    await sayAndExpect(fake, cuc, 'Bỏ qua', /Xã\/thị trấn: Xã Nhất Hòa/u);

    const dao = fake.user(2004, 'Đào');
    await sayAndExpect(fake, dao, '/start r-forged_code', /Chào mừng/u);
    await botSays(fake, dao, /Nghị định 13/u);
    await tapAndExpect(fake, dao, 'Tôi đồng ý', /xã, thị trấn nào/u);
    expect((await findParticipant(bot.app.db, 'telegram', '2004'))?.invited_by).toBeNull();
  });
});
