import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyBank } from '../../helpers/bank.ts';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/index.ts';
import { ADMIN_ID, botSays, mark, sayAndExpect, startTestBot, tapAndExpect, tempDir, type TestBot } from '../../helpers/telegram.ts';
import { CODE, expectNoOutsiders, seedTwoCommunes, TOWN, VU_LE, workbookText } from '../../helpers/officials.ts';

const UNIT_OFFICIAL = 5001;
const OTHER_UNIT = `/{cmd} ${VU_LE.code}`;

describe('Telegram unit officials', () => {
  let fake: FakeTelegram;
  let bot: TestBot;
  let dir: ReturnType<typeof tempDir>;
  let skewMs = 0;
  /** The district official's chat right after /capquyen: anything later came without them sending a thing. */
  let afterGrant = 0;
  const sentByDistrict = () => district().messages().length - district().botMessages().length;
  let districtSends = 0;
  const district = () => fake.user(ADMIN_ID, 'Cán bộ huyện');
  const official = () => fake.user(UNIT_OFFICIAL, 'Cán bộ', 'Thị trấn');
  /** Everything the bot sent the unit official after `after`: texts, captions, file names. */
  const sentAfter = (after: number) =>
    official()
      .botMessages()
      .filter((m) => m.message_id > after)
      .map((m) => [m.text, m.caption].filter(Boolean).join('\n'))
      .join('\n');

  beforeAll(async () => {
    dir = tempDir();
    fake = await startFakeTelegram();
    bot = await startTestBot(fake, dir.path, { now: () => Date.now() + skewMs });
    await seedTwoCommunes(bot.app, 26);
    const ask = await sayAndExpect(fake, district(), `/capquyen ${TOWN.code}`, /Mã cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    const code = CODE.exec(ask.text ?? '')![1]!;
    afterGrant = mark(district());
    districtSends = sentByDistrict();
    await sayAndExpect(fake, official(), `/nhanquyen ${code.toLowerCase()}`, /Bạn đã được cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    await sayAndExpect(fake, fake.user(5002, 'Khách'), `/nhanquyen ${code}`, /Mã này đã được dùng/u);
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    dir.remove();
  });

  it('should tell the grantor once, without their sending anything, and list the official with its id', async () => {
    await botSays(fake, district(), /Mã cấp quyền cán bộ Thị trấn Bắc Sơn đã được dùng lúc .+ bởi Cán bộ Thị trấn \(telegram:5001\)/u, afterGrant);
    expect(sentByDistrict()).toBe(districtSends);
    const list = await sayAndExpect(fake, district(), '/dsquyen', /1 cán bộ đơn vị/u);
    expect(list.text).toMatch(/#\d+ Cán bộ Thị trấn — Thị trấn Bắc Sơn — telegram:5001 — nhận mã, từ \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/u);
    await sayAndExpect(fake, district(), '/dsquyen', /1 cán bộ đơn vị/u);
    expect(district().botMessages().filter((m) => /đã được dùng/u.test(m.text ?? ''))).toHaveLength(1);
  });

  it('/bxh should rank the unit’s participants only', async () => {
    const reply = await sayAndExpect(fake, official(), '/bxh', /cá nhân dẫn đầu — Thị trấn Bắc Sơn, tổng các vòng/u);
    expect(reply.text).toMatch(/1\. Hoàng Văn An — Thị trấn Bắc Sơn — 10 điểm[\s\S]*\n2\. Lý Thị Bình — Thị trấn Bắc Sơn — 7 điểm/u);
    expect(reply.text).not.toMatch(/\n3\./u);
    expectNoOutsiders(reply.text!);
  });

  it('/thongke should give the unit’s figures, per 1,000 inhabitants, today vs yesterday and its rank', async () => {
    const reply = await sayAndExpect(fake, official(), '/thongke', /Thống kê — Thị trấn Bắc Sơn/u);
    expect(reply.text).toContain('Đăng ký: 28\nĐã dự thi (hoàn thành ít nhất một lượt): 2\nTỷ lệ: 0.3 người dự thi trên 1.000 dân');
    expect(reply.text).toMatch(/Hôm nay: 28 đăng ký mới, 2 lượt thi\nHôm qua: 0 đăng ký mới, 0 lượt thi/u);
    expect(reply.text).toContain('Xếp hạng: 1/18 xã, thị trấn');
  });

  it('/chuathi should page through the unit’s people who have not finished this round, with phones', async () => {
    const first = await sayAndExpect(fake, official(), '/chuathi', /26 người đã đăng ký nhưng chưa hoàn thành/u);
    expect(first.text).toContain('(trang 1/2)');
    expect(first.text).toContain('1. Hà Thị Chờ — 0912000111 (telegram)');
    expect(first.text).toContain('20. Người Chờ 19 (telegram)');
    expect(first.text).toContain('Gõ /chuathi 2 để xem trang sau.');
    expect(first.text).not.toMatch(/Hoàng Văn An|Lý Thị Bình/u);
    const second = await sayAndExpect(fake, official(), '/chuathi 2', /trang 2\/2/u);
    expect(second.text).toContain('21. Người Chờ 20');
    expect(second.text).toContain('26. Người Chờ 25');
    expectNoOutsiders(first.text! + second.text!);
  });

  it('/link should send the unit’s own link and one QR code', async () => {
    const after = mark(official());
    official().send('/link');
    await botSays(fake, official(), /Link mời dự thi của 1 đơn vị/u, after);
    await fake.waitFor(() => official().botMessages().some((m) => m.message_id > after && m.photo), { what: 'the QR code' });
    const text = sentAfter(after);
    expect(text).toContain(`https://t.me/cds_test_bot?start=u-${TOWN.code}`);
    expect(text).not.toContain(VU_LE.code);
    expect(official().botMessages().filter((m) => m.message_id > after && m.photo)).toHaveLength(1);
  });

  it('/xuat should send the unit’s workbook: its people, its row, its attempts', async () => {
    const after = mark(official());
    official().send('/xuat');
    await botSays(fake, official(), /Báo cáo kết quả — Thị trấn Bắc Sơn/u, after);
    const doc = fake.sentTo(UNIT_OFFICIAL).filter((e) => e.method === 'sendDocument').at(-1)!;
    expect(doc.file?.filename).toMatch(/^bao-cao-bac-son-2023-06325-\d{4}-\d{2}-\d{2}\.xlsx$/u);
    const wb = await workbookText(doc.file!.content as Buffer);
    expect(wb.sheets).toEqual(['Cá nhân', 'Xã, thị trấn', 'Vận động', 'Lượt thi', 'Câu hỏi']);
    expect(wb.rows('Cá nhân').slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([
      [1, 'Hoàng Văn An', '0912000100'],
      [2, 'Lý Thị Bình', ''],
    ]);
    expect(wb.rows('Xã, thị trấn').slice(1).map((r) => [r[0], r[1]])).toEqual([[1, TOWN.name]]);
    expect(wb.rows('Lượt thi')).toHaveLength(3);
    expect(wb.text).not.toContain(VU_LE.name);
    expectNoOutsiders(wb.text);
  });

  it('/thongbao should ask, then queue an announcement to the unit’s participants only; /nhacnho shows the unit’s figures', async () => {
    const ask = await sayAndExpect(fake, official(), '/thongbao Tối nay họp tổ dân phố, mời bà con thi thử.', /sẽ được gửi nguyên văn tới 28 người/u);
    await tapAndExpect(fake, official(), 'Gửi', /Đã ghi nhận|Đã đưa vào hàng đợi/u);
    const id = /\/xacnhan ([a-z0-9-]+)/u.exec(ask.text!)![1]!;
    const run = await bot.app.db.selectFrom('reminder_runs').select(['scope', 'status', 'requested_by']).where('run_id', '=', id).executeTakeFirstOrThrow();
    expect(run).toEqual({ scope: TOWN.code, status: 'requested', requested_by: `telegram:${UNIT_OFFICIAL}` });
    const overview = await sayAndExpect(fake, official(), '/nhacnho', /Nhắc nhở — Thị trấn Bắc Sơn/u);
    expect(overview.text).toContain('Thông báo của đơn vị hôm nay: 1/3.');
    // The next slot's audience in the unit: 26 not finished and the 7-point one who can still improve.
    expect(overview.text).toMatch(/hiện có 27 người cần nhắc/u);
  });

  it('/huongdan should show a unit official the commands of their role', async () => {
    const help = await sayAndExpect(fake, official(), '/huongdan', /Lệnh cho cán bộ Thị trấn Bắc Sơn/u);
    expect(help.text).toContain('/chuathi [trang]');
    expect(help.text).not.toContain('/capquyen');
    const districtHelp = await sayAndExpect(fake, district(), '/huongdan', /Lệnh cho cán bộ quản lý/u);
    expect(districtHelp.text).toContain('/capquyen <mã đơn vị>');
  });

  for (const cmd of ['bxh', 'thongke', 'chuathi', 'link', 'xuat', 'nhacnho']) {
    it(`/${cmd} for another unit should be refused with the reason, and nothing of it sent`, async () => {
      const after = mark(official());
      const reply = await sayAndExpect(fake, official(), OTHER_UNIT.replace('{cmd}', cmd), /Bạn là cán bộ của Thị trấn Bắc Sơn, chỉ xem và gửi được cho đơn vị mình/u);
      expectNoOutsiders(reply.text!);
      expect(reply.text).not.toContain(VU_LE.name);
      expect(official().botMessages().filter((m) => m.message_id > after && (m.photo || m.document))).toHaveLength(0);
    });
  }

  for (const line of ['/bxhxa', '/bxhdv', '/bxhvd', '/guinhacnho', `/capquyen ${TOWN.code}`, '/dsquyen', '/thuhoiquyen 1']) {
    it(`${line} should be refused to a unit official: district officials only`, async () => {
      const reply = await sayAndExpect(fake, official(), line, /Lệnh này chỉ dành cho cán bộ huyện/u);
      expectNoOutsiders(reply.text!);
      expect(reply.text).not.toMatch(/Hoàng Văn An|telegram:/u);
    });
  }

  it('/xacnhan of a district announcement should find nothing for a unit official, and leave it pending', async () => {
    const ask = await sayAndExpect(fake, district(), '/thongbao Thông báo của huyện', /nguyên văn tới/u);
    const id = /\/xacnhan ([a-z0-9-]+)/u.exec(ask.text!)![1]!;
    await sayAndExpect(fake, official(), `/xacnhan ${id}`, /Không có yêu cầu gửi nào đang chờ xác nhận/u);
    const run = await bot.app.db.selectFrom('reminder_runs').select('status').where('run_id', '=', id).executeTakeFirstOrThrow();
    expect(run.status).toBe('pending_confirmation');
  });

  it('should refuse an expired code, and a revoked official is out at once; both recorded', async () => {
    const ask = await sayAndExpect(fake, district(), `/capquyen ${VU_LE.code}`, /Mã cấp quyền cán bộ Xã Vũ Lễ/u);
    const code = CODE.exec(ask.text!)![1]!;
    skewMs = 24 * 3_600_000 + 60_000;
    try {
      await sayAndExpect(fake, fake.user(5003, 'Muộn'), `/nhanquyen ${code}`, /Mã đã hết hạn/u);
    } finally {
      skewMs = 0;
    }
    const list = await sayAndExpect(fake, district(), '/dsquyen', /1 cán bộ đơn vị/u);
    const id = /#(\d+) Cán bộ Thị trấn/u.exec(list.text!)![1]!;
    await sayAndExpect(fake, district(), `/thuhoiquyen ${id}`, /Đã thu hồi quyền cán bộ Thị trấn Bắc Sơn của Cán bộ Thị trấn \(telegram:5001\)/u);
    const after = mark(official());
    official().send('/bxh');
    await botSays(fake, official(), /Nghị định 13\/2023|Hướng dẫn/u, after);
    expect(sentAfter(after)).not.toMatch(/Hoàng Văn An|cá nhân dẫn đầu/u);
    const audit = await bot.app.services.officials.audit();
    expect(audit.map((a) => [a.action, a.via, a.actor, a.unitCode])).toEqual([
      ['grant', 'code', `telegram:${UNIT_OFFICIAL}`, TOWN.code],
      ['revoke', 'chat', `telegram:${ADMIN_ID}`, TOWN.code],
    ]);
    expect(audit.every((a) => a.at > 0)).toBe(true);
    await sayAndExpect(fake, district(), `/thuhoiquyen ${id}`, /Không có cán bộ đơn vị đang có quyền với số/u);
  });
});

describe('Telegram menus by role', () => {
  it('should give a unit official from officials.csv their role’s menu, and the district its own', async () => {
    const bank = copyBank();
    const dir = tempDir();
    const fake = await startFakeTelegram();
    writeFileSync(join(bank.dir, 'units', 'officials.csv'), `channel,account_id,unit_code,name\ntelegram,7001,${TOWN.code},Lò Văn Tệp\n`);
    const bot = await startTestBot(fake, dir.path, { env: { QUESTION_BANK_DIR: bank.dir } });
    try {
      const menu = (id: number) => (fake.commands.get(JSON.stringify({ type: 'chat', chat_id: String(id) })) as { command: string }[]).map((c) => c.command);
      expect(menu(7001)).toEqual(expect.arrayContaining(['thi', 'bxh', 'thongke', 'chuathi', 'link', 'xuat', 'thongbao', 'nhacnho']));
      expect(menu(7001)).not.toContain('capquyen');
      expect(menu(7001)).not.toContain('bxhxa');
      expect(menu(ADMIN_ID)).toEqual(expect.arrayContaining(['bxhxa', 'capquyen', 'dsquyen', 'thuhoiquyen']));
      await sayAndExpect(fake, fake.user(7001, 'Tệp'), '/huongdan', /Lệnh cho cán bộ Thị trấn Bắc Sơn/u);
    } finally {
      await bot.stop();
      await fake.close();
      dir.remove();
      bank.cleanup();
    }
  });
});
