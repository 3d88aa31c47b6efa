import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.ts';
import { ADMIN_ID, registerByTaps, sayAndExpect, tempDir } from '../helpers/telegram.ts';
import { tapThroughQuiz } from '../helpers/telegram-quiz.ts';
import { docxText, zipEntry } from '../helpers/office.ts';
import { registerOnZalo, startZaloTestBot, ZALO_ADMIN, zaloPhotos, zaloSays, zaloUser, type ZaloTestBot } from '../helpers/zalo.ts';

const CITIZEN = 'f0e1d2c3b4a5968778695a4b'; // Zalo ids are hex strings, never numbers

/** Types A for every question; returns the final summary. */
async function typeThroughQuiz(u: ReturnType<typeof zaloUser>): Promise<string> {
  await u.say('thi', /Câu 1\/10[\s\S]*Gõ A, B, C hoặc D/u);
  for (let n = 1; n < 10; n++) await u.say(n % 2 ? 'a' : 'Đáp án B', new RegExp(`Câu ${n + 1}/10`, 'u'));
  return u.say('c', /Hoàn thành! Bạn trả lời đúng \d+\/10[\s\S]*Câu hỏi dự đoán/u);
}

describe('Zalo channel against the fake Zalo Bot API', () => {
  let dir: ReturnType<typeof tempDir>;
  let fake: FakeZalo;
  let bot: ZaloTestBot | undefined;

  beforeEach(async () => {
    dir = tempDir('cds-zalo-');
    fake = await startFakeZalo();
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await fake.close();
    dir.remove();
  });

  it('should set its webhook and let a citizen register and finish a quiz by typing', async () => {
    bot = await startZaloTestBot(fake, dir.path);
    expect(fake.webhook).toEqual({ url: `http://127.0.0.1:${bot.port}/webhooks/zalo`, secret: 'zalo-webhook-secret-123' });
    const u = await registerOnZalo(fake, CITIZEN, 'Tân Tri', 'Hà Thị Mai');
    const summary = await typeThroughQuiz(u);
    expect(summary).toContain('Câu hỏi dự đoán');
    await u.say('120', /Đã ghi nhận dự đoán của bạn: 120/u);
    await u.say('ket qua', /📊 Kết quả của Hà Thị Mai/u);
    const p = (await findParticipant(bot.app.db, 'zalo', CITIZEN))!;
    expect([p.full_name, p.commune_code, p.chat_id]).toEqual(['Hà Thị Mai', '06340', CITIZEN]);
    for (const text of fake.sent.get(CITIZEN)!) expect(text.length).toBeLessThanOrEqual(2000);
  });

  it('should poll getUpdates one update at a time when no webhook URL is set', async () => {
    bot = await startZaloTestBot(fake, dir.path, { env: { ZALO_WEBHOOK_URL: '' } });
    expect(bot.zalo.mode).toBe('polling');
    fake.push(fake.makeUpdate(CITIZEN, '/start'));
    fake.push(fake.makeUpdate(CITIZEN, 'đồng ý'));
    await zaloSays(fake, CITIZEN, /Nghị định 13\/2023[\s\S]*xã, thị trấn nào/u);
    expect(fake.calls.filter((c) => c.method === 'getUpdates').length).toBeGreaterThanOrEqual(2);
  });

  it('should refuse a wrong or missing secret with 403 and process nothing', async () => {
    bot = await startZaloTestBot(fake, dir.path);
    expect(await fake.deliver(fake.makeUpdate('intruder01', '/start'), { secret: 'wrong-secret-000' })).toBe(403);
    expect(await fake.deliver(fake.makeUpdate('intruder01', '/start'), { secret: null })).toBe(403);
    // A good delivery afterwards is answered: the refused ones would have been by then.
    expect(await fake.deliver(fake.makeUpdate(CITIZEN, '/start'))).toBe(200);
    await zaloSays(fake, CITIZEN, /Nghị định 13\/2023/u);
    expect(fake.sent.get('intruder01')).toBeUndefined();
    expect(await findParticipant(bot.app.db, 'zalo', 'intruder01')).toBeUndefined();
  });

  it('should handle a duplicate delivery once, bare updates, and answer stickers with a hint', async () => {
    bot = await startZaloTestBot(fake, dir.path);
    const update = fake.makeUpdate(CITIZEN, '/start');
    expect(await fake.deliver(update)).toBe(200);
    expect(await fake.deliver(update, { wrap: false })).toBe(200);
    await zaloSays(fake, CITIZEN, /Nghị định 13\/2023/u);
    // The sticker's answer comes after anything the duplicate would have produced (one person, in order).
    await fake.deliver(fake.makeUpdate(CITIZEN, undefined, 'message.sticker.received'));
    await zaloSays(fake, CITIZEN, /Bot chỉ hiểu tin nhắn chữ/u);
    expect(fake.sent.get(CITIZEN)!.filter((t) => t.includes('Chào mừng'))).toHaveLength(1);
  });

  it('should tell redeliveries by sender, event and message id: one message_id from two people, or two events, is not a duplicate', async () => {
    bot = await startZaloTestBot(fake, dir.path);
    const other = 'aa11bb22cc33dd44';
    const first = fake.makeUpdate(CITIZEN, '/start');
    const sameIdOtherSender = fake.makeUpdate(other, '/start');
    sameIdOtherSender.message.message_id = first.message.message_id;
    const sameIdOtherEvent = fake.makeUpdate(CITIZEN, undefined, 'message.sticker.received');
    sameIdOtherEvent.message.message_id = first.message.message_id;
    expect(await fake.deliver(first)).toBe(200);
    expect(await fake.deliver(sameIdOtherSender)).toBe(200);
    expect(await fake.deliver(first)).toBe(200);
    expect(await fake.deliver(sameIdOtherEvent)).toBe(200);
    await zaloSays(fake, other, /Nghị định 13\/2023/u);
    // The sticker's answer comes after the redelivered /start in the chat's order: that one was skipped.
    await zaloSays(fake, CITIZEN, /Bot chỉ hiểu tin nhắn chữ/u);
    expect(fake.sent.get(CITIZEN)!.filter((t) => t.includes('Chào mừng'))).toHaveLength(1);
  });

  it('should split a /thongbao of one 2,106-character line holding emoji into messages Zalo accepts (UTF-16 units ≤ 2,000)', async () => {
    bot = await startZaloTestBot(fake, dir.path);
    const line = `📣 Thông báo 🎉 ${'Hãy tham gia cuộc thi chuyển đổi số! '.repeat(60)}`.slice(0, 2100).trimEnd().padEnd(2106, '!');
    expect(line.length).toBe(2106);
    const official = zaloUser(fake, ZALO_ADMIN);
    const reply = await official.say(`/thongbao ${line}`, /\/xacnhan \S+/u);
    const parts = fake.sent.get(ZALO_ADMIN)!;
    expect(parts.every((t) => t.length <= 2000)).toBe(true);
    expect(parts.join('')).toContain(line);
    expect(reply).not.toContain('Bấm');
  });

  it('should split a long leaderboard under 2,000 characters and give a Zalo official /bxh and a /xuat download link', async () => {
    bot = await startZaloTestBot(fake, dir.path);
    const u = await registerOnZalo(fake, CITIZEN, '3', 'Lý Văn Hùng');
    await typeThroughQuiz(u);
    const official = zaloUser(fake, ZALO_ADMIN);
    await official.say('/bxh', /🏆 1 cá nhân dẫn đầu[\s\S]*1\. Lý Văn Hùng — Xã Chiến Thắng/u);
    await official.say('/bxhdv', /Xếp hạng cơ quan, đơn vị/u);
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. Dòng thứ ${i + 1} của một danh sách rất dài — Xã Vũ Lăng`);
    const before = fake.sent.get(ZALO_ADMIN)!.length;
    await bot.zalo.channel.send(ZALO_ADMIN, { text: lines.join('\n') });
    const parts = fake.sent.get(ZALO_ADMIN)!.slice(before);
    expect(parts).toHaveLength(4);
    expect(parts.every((t) => t.length <= 2000)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    expect(fake.sent.get(ZALO_ADMIN)!.every((t) => t.length <= 2000)).toBe(true);
    const reply = await official.say('/xuat', /⬇️ .+\.xlsx: http:\/\/127\.0\.0\.1:\d+\/downloads\/\S+/u);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/downloads\/\S+)/u.exec(reply)![1]!;
    const download = await fetch(link);
    expect(download.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await download.arrayBuffer());
    const names = workbook.worksheets.map((w) => w.name);
    expect(names.length).toBeGreaterThanOrEqual(4);
    const sheet = workbook.worksheets[0]!;
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('Lý Văn Hùng');
    expect((await fetch(link.replace(/sig=[^&]+/u, 'sig=forged'))).status).toBe(403);
    // A citizen asking for an official command gets the citizen help only.
    expect(await u.say('/bxh', /Hướng dẫn/u)).not.toContain('🏆');
  });

  it('should give a Zalo district official /link as a download link to one Word document with every unit', async () => {
    const zaloLink = 'https://zalo.me/1234567890123456789';
    bot = await startZaloTestBot(fake, dir.path, { env: { ZALO_BOT_LINK: zaloLink, TELEGRAM_BOT_USERNAME: 'cds_test_bot' } });
    const official = zaloUser(fake, ZALO_ADMIN);
    const before = fake.sent.get(ZALO_ADMIN)?.length ?? 0;
    const reply = await official.say('/link', /Link mời và mã QR của \d+ đơn vị[\s\S]*⬇️ link-don-vi-.+\.docx: http:\/\/127\.0\.0\.1:\d+\/downloads\/\S+/u);
    expect(fake.sent.get(ZALO_ADMIN)!.slice(before)).toHaveLength(1);
    const download = await fetch(/(http:\/\/127\.0\.0\.1:\d+\/downloads\/\S+)/u.exec(reply)![1]!);
    expect(download.status).toBe(200);
    const text = docxText(await zipEntry(Buffer.from(await download.arrayBuffer()), 'word/document.xml'));
    for (const u of bot.app.deps.units.filter((x) => x.kind !== 'parent')) {
      expect(text).toContain(u.name);
      expect(text).toContain(`https://t.me/cds_test_bot?start=u-${u.code}`);
      expect(text).toContain(`/start u-${u.code}`);
    }
    expect(text).toContain(`Zalo: mở ${zaloLink}, nhắn cho bot:`);
  });

  it('should hold replies during a Zalo quota pause and deliver them afterwards, in order, before the next input is read', async () => {
    bot = await startZaloTestBot(fake, dir.path, { env: { ZALO_QUOTA_BACKOFF_SECONDS: '1' } });
    fake.fail({ method: 'sendMessage', error_code: 429, description: 'Quota exceeded' });
    await fake.deliver(fake.makeUpdate(CITIZEN, '/start'));
    // Typed while the welcome is still waiting: it must answer the consent question the person will have seen.
    await fake.deliver(fake.makeUpdate(CITIZEN, 'đồng ý'));
    await expect.poll(() => fake.transcript(CITIZEN), { timeout: 15_000 }).toMatch(/xã, thị trấn nào/u);
    const transcript = fake.transcript(CITIZEN);
    expect(transcript.indexOf('Nghị định 13/2023')).toBeGreaterThan(-1);
    expect(transcript.indexOf('Nghị định 13/2023')).toBeLessThan(transcript.indexOf('xã, thị trấn nào'));
    const outbox = () => bot!.app.db.selectFrom('outbox').select(['status', 'tries']).where('channel', '=', 'zalo').orderBy('id').execute();
    await expect.poll(async () => (await outbox()).map((o) => o.status)).toEqual(['delivered', 'delivered']);
    expect((await outbox())[0]!.tries).toBe(1);
  });
});

describe('one contest across Telegram and Zalo', () => {
  let dir: ReturnType<typeof tempDir>;
  let fake: FakeZalo;
  let tg: FakeTelegram;
  let bot: ZaloTestBot | undefined;

  beforeEach(async () => {
    dir = tempDir('cds-both-');
    fake = await startFakeZalo();
    tg = await startFakeTelegram();
  });
  afterEach(async () => {
    await bot?.stop();
    await fake.close();
    await tg.close();
    dir.remove();
  });

  it('should count a Telegram citizen and a Zalo citizen of the same commune together in /bxhxa', async () => {
    bot = await startZaloTestBot(fake, dir.path, { telegram: tg });
    const onTelegram = tg.user(700_001, 'Nông', 'Văn Tú');
    await registerByTaps(tg, onTelegram, 'Xã Vũ Lễ', 'Nông Văn Tú');
    await tapThroughQuiz(tg, bot.app, onTelegram);
    const onZalo = await registerOnZalo(fake, CITIZEN, 'Vũ Lễ', 'Hoàng Thị Lụa');
    await typeThroughQuiz(onZalo);
    const board = await zaloUser(fake, ZALO_ADMIN).say('/bxhxa', /Xếp hạng xã, thị trấn/u);
    expect(board).toMatch(/1\. Xã Vũ Lễ: 2 người dự thi, 2 lượt/u);
    const [chart] = await zaloPhotos(fake, ZALO_ADMIN);
    expect(chart!.type).toBe('image/png');
    expect(chart!.bytes.length).toBeGreaterThan(5_000);
    const official = tg.user(ADMIN_ID, 'Cán', 'Bộ');
    const stats = await sayAndExpect(tg, official, '/thongke', /Thống kê/u);
    // /thongke comes as a photo (the daily chart) with the figures as its caption.
    expect(stats.caption).toContain('telegram 1 đăng ký/1 dự thi; zalo 1 đăng ký/1 dự thi');
  });
});
