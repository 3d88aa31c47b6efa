import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { ADMIN_ID, botSays, mark, registerByTaps, sayAndExpect, startTestBot, tempDir, type TestBot } from '../../helpers/telegram.ts';
import { tapThroughQuiz } from '../../helpers/telegram-quiz.ts';
import { docxText, zipEntry } from '../../helpers/office.ts';

const ZALO_LINK = 'https://zalo.me/2345678901234567890';

/** Cell values of a sheet as rows of plain values (header first). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('Telegram officials', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  const official = () => fake.user(ADMIN_ID, 'Cán bộ');

  // One contest for every official command: two citizens in two communes, one of them perfect, one with a phone.
  beforeAll(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { env: { ZALO_BOT_LINK: ZALO_LINK } });
    const giang = fake.user(3001, 'Giang');
    await registerByTaps(fake, giang, 'Xã Tân Tri', 'Hà Thị Giang');
    await tapThroughQuiz(fake, bot.app, giang);
    const hung = fake.user(3002, 'Hùng');
    await registerByTaps(fake, hung, 'Xã Vũ Lễ', 'Đinh Văn Hùng');
    await tapThroughQuiz(fake, bot.app, hung, { wrong: [2, 5] });
    await tapThroughQuiz(fake, bot.app, hung, { wrong: [1], useCommand: true });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it('should register citizen and chat-scoped official command menus', () => {
    const citizen = fake.commands.get(JSON.stringify({ type: 'default' })) as { command: string }[];
    const admin = fake.commands.get(JSON.stringify({ type: 'chat', chat_id: String(ADMIN_ID) })) as { command: string }[];
    expect(citizen.map((c) => c.command)).toEqual(expect.arrayContaining(['start', 'thi', 'ketqua', 'moi', 'huongdan']));
    expect(citizen.map((c) => c.command)).not.toContain('bxh');
    expect(admin.map((c) => c.command)).toEqual(expect.arrayContaining(['thi', 'bxh', 'bxhxa', 'thongke', 'xuat', 'link']));
  });

  it('should show /bxh as text, and /bxhxa and /thongke as text with their chart as a photo', async () => {
    const bxh = await sayAndExpect(fake, official(), '/bxh', /cá nhân dẫn đầu/u);
    expect(bxh.text).toMatch(/1\. Hà Thị Giang — Xã Tân Tri — 10 điểm/u);
    expect(bxh.text).toMatch(/2\. Đinh Văn Hùng — Xã Vũ Lễ — 9 điểm/u);
    // 18 communes, each with its participants per 1,000 inhabitants, are too long for a caption: the board as text,
    // then the chart as a photo.
    const bxhxa = await sayAndExpect(fake, official(), '/bxhxa', /Xếp hạng xã, thị trấn/u);
    expect(bxhxa.photo).toBeUndefined();
    expect(bxhxa.text).toMatch(/Xã Tân Tri: 1 người dự thi, 1 lượt, 0\.2‰ dân số/u);
    expect(bxhxa.text).toMatch(/Xã Vũ Lễ: 1 người dự thi, 2 lượt, 0\.2‰ dân số/u);
    const stats = await sayAndExpect(fake, official(), '/thongke', /Thống kê/u);
    expect(stats.photo).toBeDefined();
    expect(stats.caption).toMatch(/Đăng ký: 2\nĐã dự thi: 2\nLượt thi: 3\nĐiểm tuyệt đối: 1/u);
    expect(stats.caption).toMatch(/telegram 2 đăng ký\/2 dự thi/u);
    const photos = fake.sentTo(ADMIN_ID).filter((e) => e.method === 'sendPhoto').slice(-2);
    expect(photos.map((p) => p.file?.filename)).toEqual(['bxhxa.png', 'thongke.png']);
    // A real PNG (the chart module's own tests check what it draws).
    for (const p of photos) expect(Buffer.from(p.file!.content).subarray(1, 4).toString()).toBe('PNG');
  });

  it('should send /xuat as a workbook whose rows are the results', async () => {
    const after = mark(official());
    official().send('/xuat');
    await botSays(fake, official(), /Báo cáo kết quả/u, after);
    const doc = fake.sentTo(ADMIN_ID).filter((e) => e.method === 'sendDocument').at(-1)!;
    expect(doc.file?.filename).toMatch(/^bao-cao-bac-son-2023-\d{4}-\d{2}-\d{2}\.xlsx$/u);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(doc.file!.content as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cá nhân', 'Xã, thị trấn', 'Cơ quan, đơn vị', 'Vận động', 'Lượt thi', 'Câu hỏi']);
    const people = wb.getWorksheet('Cá nhân')!;
    expect(people.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows = rowsOf(people);
    expect(rows[0]).toEqual(['Hạng', 'Họ và tên', 'Xã, thị trấn', 'Cơ quan, đơn vị', 'Số điện thoại', 'Điểm', 'Thời gian', 'Thời gian (giây)', 'Số lượt thi', 'Kênh']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[8]])).toEqual([
      [1, 'Hà Thị Giang', 'Xã Tân Tri', 10, 1],
      [2, 'Đinh Văn Hùng', 'Xã Vũ Lễ', 9, 2],
    ]);
    const communes = rowsOf(wb.getWorksheet('Xã, thị trấn')!);
    expect(communes).toHaveLength(19);
    expect(communes.slice(1, 3).map((r) => [r[1], r[2], r[4]])).toEqual(
      expect.arrayContaining([
        ['Xã Tân Tri', 1, 1],
        ['Xã Vũ Lễ', 1, 2],
      ]),
    );
    const attempts = rowsOf(wb.getWorksheet('Lượt thi')!);
    expect(attempts).toHaveLength(4);
    expect(attempts.slice(1).map((r) => [r[1], r[7]])).toEqual([
      ['Hà Thị Giang', 10],
      ['Đinh Văn Hùng', 8],
      ['Đinh Văn Hùng', 9],
    ]);
  });

  it('should send /link as one Word document with every unit, its links and its QR code', async () => {
    const after = mark(official());
    const sendsBefore = fake.sentTo(ADMIN_ID).length;
    official().send('/link');
    await botSays(fake, official(), /Link mời và mã QR của \d+ đơn vị/u, after);
    const sends = fake.sentTo(ADMIN_ID).slice(sendsBefore);
    expect(sends.map((e) => e.method)).toEqual(['sendDocument']);
    const doc = sends[0]!;
    expect(doc.file?.filename).toMatch(/^link-don-vi-bac-son-2023-\d{4}-\d{2}-\d{2}\.docx$/u);
    const file = Buffer.from(doc.file!.content);
    const text = docxText(await zipEntry(file, 'word/document.xml'));
    const units = bot.app.deps.units.filter((u) => u.kind !== 'parent');
    expect(units.length).toBeGreaterThan(30);
    for (const u of units) {
      expect(text).toContain(u.name);
      expect(text).toContain(`Mã đơn vị: ${u.code}`);
      expect(text).toContain(`https://t.me/cds_test_bot?start=u-${u.code}`);
      expect(text).toContain(`/start u-${u.code}`);
    }
    expect(text).toContain(`Zalo: mở ${ZALO_LINK}, nhắn cho bot:`);
    // A QR image per unit, and the one that opens the bot on Zalo.
    const media = Object.keys((await JSZip.loadAsync(file)).files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(media).toHaveLength(units.length + 1);
  });

  it('should still send /link <code> as the unit link and its QR image', async () => {
    const after = mark(official());
    official().send('/link 06325');
    const list = await botSays(fake, official(), /Link mời dự thi của 1 đơn vị/u, after);
    expect(list.text).toContain('Thị trấn Bắc Sơn (06325): https://t.me/cds_test_bot?start=u-06325');
    await fake.waitFor(() => official().botMessages().find((m) => m.message_id > after && m.photo), { what: 'the QR image' });
  });

  it('should refuse official commands to anyone else, giving the citizen help', async () => {
    const giang = fake.user(3001, 'Giang');
    for (const command of ['/bxh', '/bxhxa', '/thongke', '/xuat', '/link']) {
      const reply = await sayAndExpect(fake, giang, command, /Hướng dẫn/u);
      expect(reply.text).not.toMatch(/Hà Thị Giang|Đinh Văn Hùng|t\.me/u);
    }
    expect(fake.sentTo(3001).some((e) => e.method === 'sendDocument' || e.method === 'sendPhoto')).toBe(false);
  });
});
