import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { ADMIN_ID, botSays, mark, sayAndExpect, startTestBot, tempDir, type TestBot } from '../helpers/telegram.ts';
import { person, TOWN, workbookText } from '../helpers/officials.ts';
import { playAttempt } from '../support/reminders/harness.ts';
import { askWeb, getAs, LINK, mainText, signIn } from '../web/dashboard-support.ts';

/** The consent text before it said who sees the phone (the bundled campaign's version until then). */
const OLD_VERSION = 'nd13-2023-v2';
const OLD_PHONE = '0912000999';
const CURRENT_PHONE = '0912000888';

describe('Phones shown to officials by the consent version each person agreed to', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  const district = () => fake.user(ADMIN_ID, 'Cán bộ huyện');

  // Two finished and two waiting, in each pair one who agreed to the old consent text and one to the current one.
  beforeAll(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { web: true });
    await playAttempt(bot.app, await person(bot.app, 'Trần Văn Cũ', TOWN.code, OLD_PHONE, OLD_VERSION), 9);
    await playAttempt(bot.app, await person(bot.app, 'Lê Thị Mới', TOWN.code, CURRENT_PHONE), 8);
    await person(bot.app, 'Phạm Văn Chờ Cũ', TOWN.code, '0912000777', OLD_VERSION);
    await person(bot.app, 'Vi Thị Chờ Mới', TOWN.code, '0912000666');
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it('should have a current consent version that allows the phone, and say so in the consent text', async () => {
    expect(bot.app.campaign.privacy.phoneConsentVersions).toContain(bot.app.campaign.privacy.consentVersion);
    expect(bot.app.campaign.privacy.phoneConsentVersions).not.toContain(OLD_VERSION);
    const consent = await sayAndExpect(fake, fake.user(3101, 'Khách'), '/start', /Để tham gia, bạn đồng ý/u);
    expect(consent.text).toContain('họ tên và đơn vị của người đoạt giải được công bố');
    expect(consent.text).toMatch(/Số điện thoại chỉ cán bộ phụ trách cuộc thi của xã, thị trấn hoặc cơ quan, đơn vị của bạn và của huyện được xem, để liên hệ với bạn về cuộc thi và giải thưởng/u);
  });

  it('should show /chuathi the phone of the current consent only', async () => {
    const reply = await sayAndExpect(fake, district(), `/chuathi ${TOWN.code}`, /2 người đã đăng ký nhưng chưa hoàn thành/u);
    expect(reply.text).toContain('Vi Thị Chờ Mới — 0912000666 (telegram)');
    expect(reply.text).toContain('Phạm Văn Chờ Cũ — (không hiển thị) (telegram)');
    expect(reply.text).not.toContain('0912000777');
  });

  it('should leave the old consent’s phone out of the /xuat workbook', async () => {
    const after = mark(district());
    district().send('/xuat');
    await botSays(fake, district(), /Báo cáo kết quả/u, after);
    const doc = fake.sentTo(ADMIN_ID).filter((e) => e.method === 'sendDocument').at(-1)!;
    const wb = await workbookText(Buffer.from(doc.file!.content));
    const rows = wb.rows('Cá nhân');
    const phoneOf = (name: string) => rows.find((r) => r[1] === name)?.[4];
    expect(phoneOf('Lê Thị Mới')).toBe(CURRENT_PHONE);
    expect(phoneOf('Trần Văn Cũ')).toBe('(không hiển thị)');
    expect(wb.text).not.toContain(OLD_PHONE);
    expect(wb.text).not.toContain('0912000777');
  });

  it('should show the dashboard the phone of the current consent as a call link, and only a note for the old one', async () => {
    const token = LINK.exec((await askWeb(bot.app, String(ADMIN_ID), 'telegram', true)).text)![2]!;
    const session = await signIn(bot.http.fastify, token);
    const page = (await getAs(bot.http.fastify, `/quan-tri/don-vi/${TOWN.code}`, session)).body;
    expect(page).toContain('<a href="tel:0912000666">0912000666</a>');
    expect(mainText(page)).toContain('Phạm Văn Chờ Cũ Tạo link đăng nhập cho người này (không hiển thị) Chưa thi');
    expect(page).not.toContain('0912000777');
    expect(page).not.toMatch(/tel:[^0-9+]/u);
  });
});
