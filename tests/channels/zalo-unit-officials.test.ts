import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.ts';
import { startFakeZalo, type FakeZalo } from '../support/fake-zalo.ts';
import { ADMIN_ID, botSays, mark, sayAndExpect, tempDir } from '../helpers/telegram.ts';
import { startZaloTestBot, zaloPhotos, zaloUser, type ZaloTestBot } from '../helpers/zalo.ts';
import { CODE, expectNoOutsiders, seedTwoCommunes, TOWN, VU_LE, workbookText } from '../helpers/officials.ts';

const BOT_LINK = 'https://zalo.me/1234567890123456789';
const OFFICIAL = 'a0b1c2d3e4f5061728394a5b'; // Zalo ids are hex strings
const DOWNLOAD = /(http:\/\/127\.0\.0\.1:\d+\/downloads\/\S+)/u;

describe('Zalo unit officials (granted from Telegram)', () => {
  let dir: ReturnType<typeof tempDir>;
  let zalo: FakeZalo;
  let telegram: FakeTelegram;
  let bot: ZaloTestBot;
  const official = () => zaloUser(zalo, OFFICIAL, 'Cán bộ Thị trấn');
  const district = () => telegram.user(ADMIN_ID, 'Cán bộ huyện');
  let afterGrant = 0;
  let districtSends = 0;

  beforeAll(async () => {
    dir = tempDir('cds-zalo-officials-');
    zalo = await startFakeZalo();
    telegram = await startFakeTelegram();
    bot = await startZaloTestBot(zalo, dir.path, { telegram, env: { ZALO_BOT_LINK: BOT_LINK } });
    await seedTwoCommunes(bot.app);
    const ask = await sayAndExpect(telegram, district(), `/capquyen ${TOWN.code}`, /Mã cấp quyền cán bộ Thị trấn Bắc Sơn/u);
    const code = CODE.exec(ask.text!)![1]!;
    afterGrant = mark(district());
    districtSends = district().messages().length - district().botMessages().length;
    await official().say(`/nhanquyen ${code}`, /Bạn đã được cấp quyền cán bộ Thị trấn Bắc Sơn[\s\S]*Lệnh cho cán bộ Thị trấn Bắc Sơn/u);
  });
  afterAll(async () => {
    await bot.stop();
    await telegram.close();
    await zalo.close();
    dir.remove();
  });

  it('should tell the Telegram grantor that the code was used on Zalo, without their sending anything', async () => {
    await botSays(telegram, district(), new RegExp(`Mã cấp quyền cán bộ Thị trấn Bắc Sơn đã được dùng lúc .+ bởi Cán bộ Thị trấn \\(zalo:${OFFICIAL}\\)`, 'u'), afterGrant);
    expect(district().messages().length - district().botMessages().length).toBe(districtSends);
  });

  it('/bxh should rank the unit’s participants only', async () => {
    const reply = await official().say('/bxh', /cá nhân dẫn đầu — Thị trấn Bắc Sơn/u);
    expect(reply).toMatch(/1\. Hoàng Văn An — Thị trấn Bắc Sơn — 10 điểm[\s\S]*2\. Lý Thị Bình/u);
    expectNoOutsiders(reply);
  });

  it('/thongke should give the unit’s figures and rank', async () => {
    const reply = await official().say('/thongke', /Thống kê — Thị trấn Bắc Sơn/u);
    expect(reply).toContain('Đăng ký: 3\nĐã dự thi (hoàn thành ít nhất một lượt): 2');
    expect(reply).toContain('Xếp hạng: 1/18 xã, thị trấn');
  });

  it('/ketquavong should list the rounds, then give a round’s winners (provisional while it is open) as plain text', async () => {
    const list = await official().say('/ketquavong', /Kết quả các vòng thi/u);
    expect(list).toMatch(/\n1\. Tuần 1 \([^)]+\): đã chốt kết quả\n2\. Tuần 2 \([^)]+\): đã chốt kết quả\n3\. Tuần 3 \([^)]+\): chưa chốt — vòng thi đang mở\n4\. Tuần 4 \([^)]+\): chưa mở$/u);
    const open = await official().say('/ketquavong 3', /Kết quả Tuần 3 \(vòng 3\) — chưa chốt — vòng thi đang mở/u);
    expect(open).toContain('danh sách dưới đây là tạm tính');
    expect(open).toMatch(/\nGiải nhất — 1\. Hoàng Văn An — Thị trấn Bắc Sơn — 10\/10 điểm/u);
    expect(await official().say('/ketquavong 1', /Kết quả Tuần 1 \(vòng 1\) — đã chốt kết quả/u)).toContain('Vòng này chưa có ai hoàn thành bài thi.');
    expect(await official().say('/ketquavong 9', /Không có vòng thi số "9"/u)).toContain('gõ /ketquavong 1 đến /ketquavong 4');
  });

  it('/chuathi should list the unit’s people who have not finished, with phones', async () => {
    const reply = await official().say('/chuathi', /1 người đã đăng ký nhưng chưa hoàn thành/u);
    expect(reply).toContain('1. Hà Thị Chờ — 0912000111 (telegram)');
    expectNoOutsiders(reply);
  });

  it('/link should give the bot’s Zalo address with the code to type, and the QR as a photo', async () => {
    const reply = await official().say('/link', /Quét mã QR/u);
    expect(reply).toContain(`${BOT_LINK} — mở Zalo, nhắn cho bot: /start u-${TOWN.code}`);
    expect(reply).not.toContain(VU_LE.code);
    const [qr] = await zaloPhotos(zalo, OFFICIAL);
    expect(qr!.type).toBe('image/png');
    expect(qr!.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('/xuat should give a download link to the unit’s workbook', async () => {
    const reply = await official().say('/xuat', /⬇️ bao-cao-bac-son-2023-06325-.+\.xlsx: http/u);
    const download = await fetch(DOWNLOAD.exec(reply)![1]!);
    const wb = await workbookText(Buffer.from(await download.arrayBuffer()));
    expect(wb.rows('Cá nhân').slice(1).map((r) => r[1])).toEqual(['Hoàng Văn An', 'Lý Thị Bình']);
    expectNoOutsiders(wb.text);
  });

  it('/thongbao should ask for the unit’s participants and be confirmed by typing /xacnhan; /nhacnho shows it', async () => {
    const ask = await official().say('/thongbao Họp dân lúc 19 giờ', /sẽ được gửi nguyên văn tới 3 người/u);
    const id = /\/xacnhan ([a-z0-9-]+)/u.exec(ask)![1]!;
    await official().say(`/xacnhan ${id}`, /Đã ghi nhận|Đã đưa vào hàng đợi/u);
    const run = await bot.app.db.selectFrom('reminder_runs').select(['scope', 'status']).where('run_id', '=', id).executeTakeFirstOrThrow();
    expect(run).toEqual({ scope: TOWN.code, status: 'requested' });
    const overview = await official().say('/nhacnho', /Nhắc nhở — Thị trấn Bắc Sơn/u);
    expect(overview).toContain('Thông báo của đơn vị hôm nay: 1/3.');
  });

  for (const cmd of ['bxh', 'thongke', 'chuathi', 'link', 'xuat', 'nhacnho']) {
    it(`/${cmd} for another unit should be refused with the reason`, async () => {
      const reply = await official().say(`/${cmd} ${VU_LE.code}`, /Bạn là cán bộ của Thị trấn Bắc Sơn, chỉ xem và gửi được cho đơn vị mình/u);
      expectNoOutsiders(reply);
      expect(reply).not.toMatch(/downloads|Xã Vũ Lễ/u);
    });
  }

  for (const line of ['/bxhxa', '/bxhvd', '/guinhacnho', `/capquyen ${VU_LE.code}`, '/dsquyen', '/thuhoiquyen 1']) {
    it(`${line} should be refused to a unit official on Zalo`, async () => {
      const reply = await official().say(line, /Lệnh này chỉ dành cho cán bộ huyện/u);
      expectNoOutsiders(reply);
    });
  }

  it('should count a unit code typed on Zalo as joining through the unit’s link', async () => {
    const citizen = zaloUser(zalo, 'b1c2d3e4f5a6b7c8d9e0f1a2', 'Người Zalo');
    await citizen.say('Xin chào', /Để tham gia, bạn đồng ý/u);
    // The note, then the step still to answer (consent) again.
    await citizen.say(`/start u-${VU_LE.code}`, /Bạn tham gia qua đường link của Xã Vũ Lễ\.[\s\S]*Để tham gia, bạn đồng ý/u);
    await citizen.say('1', /cơ quan, đơn vị, tổ chức/u); // consent; the commune question is answered by the code
    const row = (await findParticipant(bot.app.db, 'zalo', 'b1c2d3e4f5a6b7c8d9e0f1a2'))!;
    expect([row.joined_via_unit, row.commune_code]).toEqual([VU_LE.code, VU_LE.code]);
    await citizen.say('0', /họ và tên/u);
    await citizen.say('Lương Văn Zalo', /số điện thoại/u);
    await citizen.say('0', /Đăng ký thành công/u);
    const invite = await citizen.say('/moi', /link/u);
    expect(invite).toMatch(new RegExp(`${BOT_LINK} — mở Zalo, nhắn cho bot: /start r-`, 'u'));
  });
});
