import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';

describe('conversation (channel-agnostic) on a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: App;
  const clock = testClock('2023-07-05T10:00:00+07:00');

  beforeEach(async () => {
    dir = tempDir();
    clock.set('2023-07-05T10:00:00+07:00');
    app = await createTestApp({ now: clock.now, dir: dir.path });
  });
  afterEach(async () => {
    await app.close();
    dir.remove();
  });

  it('should walk a newcomer through consent, commune, agency, name and phone', async () => {
    const u = textUser(app, 'farmer');
    const welcome = await u.say('/start');
    expect(welcome).toContain('Chào mừng bạn đến với Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số huyện Bắc Sơn năm 2023');
    expect(welcome).toContain('đến hết ngày 30/07/2023');
    expect(welcome).toContain('Nghị định 13/2023/NĐ-CP');
    expect(await u.say('không')).toContain('Vui lòng gõ 1 (Tôi đồng ý)');
    expect(await u.say('đồng ý')).toContain('Bạn sống hoặc làm việc ở xã, thị trấn nào?');
    expect(await u.say('99')).toContain('Chưa nhận ra xã, thị trấn');
    expect(await u.say('tan tri')).toContain('Bạn chọn Xã Tân Tri?');
    expect(await u.say('1')).toContain('hãy chọn đơn vị đó');
    expect(await u.say('Hội Nông dân huyện')).toContain('nhập họ và tên');
    expect(await u.say('Lan 🌸')).toContain('chỉ gồm chữ cái');
    expect(await u.say('A'.repeat(500))).toContain('không quá 80 ký tự');
    expect(await u.say('Lan\u200bAnh')).toContain('chỉ gồm chữ cái');
    expect(await u.say('Hà Thị Lan')).toContain('số điện thoại');
    expect(await u.say('12')).toContain('Số điện thoại chưa đúng');
    const done = await u.say('0912 345 678');
    expect(done).toContain('Đăng ký thành công');
    expect(done).toContain('Xã/thị trấn: Xã Tân Tri');
    expect(done).toContain('Đơn vị: Hội Nông dân huyện');
    const p = (await findParticipant(app.db, 'test', 'farmer'))!;
    expect([p.full_name, p.phone, p.commune_code, p.agency_code]).toEqual(['Hà Thị Lan', '0912345678', '06340', 'ND']);
    expect(p.consent_at).toBe(clock.now());
    expect(await u.say('/start')).toContain('Xin chào Hà Thị Lan (Xã Tân Tri)');
  });

  it('should ask to finish registration before a quiz command', async () => {
    const u = textUser(app, 'x');
    await u.say('/start');
    expect(await u.say('/thi')).toContain('Bạn chưa đăng ký xong');
  });

  it('should pre-select the commune of a unit link and record who invited whom', async () => {
    const first = textUser(app, 'first');
    await first.register('Hoàng Văn Minh', 2);
    const inviteText = await first.say('/moi');
    const payload = /\/start (r-[\w-]+)/u.exec(inviteText)![1]!;
    expect(inviteText).toContain('Đã có 0 người đăng ký');

    const second = textUser(app, 'second');
    expect(await second.say(`/start ${payload}`)).toContain('Bạn được Hoàng Văn Minh mời tham gia');
    await second.say('1');
    await second.say('5');
    await second.say('1');
    await second.say('0');
    await second.say('Nông Thị Hoa');
    await second.say('0');
    expect(await first.say('/moi')).toContain('Đã có 1 người đăng ký qua link của bạn, 0 người đã hoàn thành');
    await second.say('/thi');
    for (let i = 0; i < 10; i++) await second.say('A');
    expect(await first.say('/moi')).toContain('1 người đã hoàn thành');

    const third = textUser(app, 'third');
    expect(await third.say('/start u-06376')).toContain('Bạn tham gia qua đường link của Xã Nhất Hòa');
    const afterConsent = await third.say('1');
    expect(afterConsent).toContain('Xã/thị trấn của bạn: Xã Nhất Hòa (theo đường link');
    expect(afterConsent).toContain('hãy chọn đơn vị đó');

    const forged = textUser(app, 'forged');
    const reply = await forged.say('/start r-doesnotexist');
    expect(reply).toContain('Chào mừng');
    expect(reply).not.toContain('mời tham gia');
  });

  it('should allow /doixa until the first finished attempt, then refuse with a reason', async () => {
    const u = textUser(app, 'mover');
    await u.register('Vi Văn Tú', 1);
    expect(await u.say('/doixa')).toContain('Chọn xã, thị trấn mới');
    expect(await u.say('Vũ Lễ')).toContain('Bạn chọn Xã Vũ Lễ?');
    expect(await u.say('1')).toContain('Đã đổi xã/thị trấn thành Xã Vũ Lễ');
    await u.say('/thi');
    for (let i = 0; i < 10; i++) await u.say('B');
    expect(await u.say('/doixa')).toContain('không thể đổi xã');
  });

  it('should read a typed commune before bare-word commands and ask it back before storing it', async () => {
    const u = textUser(app, 'typist');
    await u.say('/start');
    await u.say('đồng ý');
    // "Thị trấn" folds to "thi tran": the commune, not the command /thi.
    expect(await u.say('Thị trấn Bắc Sơn')).toContain('Bạn chọn Thị trấn Bắc Sơn?');
    expect(await u.say('0')).toContain('Bạn sống hoặc làm việc ở xã, thị trấn nào?');
    // "đồng ý" sent twice: the second one is not stored as Xã Đồng Ý without asking.
    expect(await u.say('đồng ý')).toContain('Bạn chọn Xã Đồng Ý?');
    expect((await findParticipant(app.db, 'test', 'typist'))!.commune_code).toBeNull();
    expect(await u.say('/thi')).toContain('Bạn chưa đăng ký xong');
    expect(await u.say('đúng')).toContain('hãy chọn đơn vị đó');
    expect((await findParticipant(app.db, 'test', 'typist'))!.commune_code).toBe('06337');

    const mover = textUser(app, 'mover2');
    await mover.register('Lăng Văn Hải', 5);
    await mover.say('/doixa');
    const asked = await mover.say('Thị trấn Bắc Sơn');
    expect(asked).toContain('Bạn chọn Thị trấn Bắc Sơn?');
    expect(asked).not.toContain('Câu 1/');
    expect(await mover.say('1')).toContain('Đã đổi xã/thị trấn thành Thị trấn Bắc Sơn');
    expect(await mover.say('thi')).toContain('Câu 1/10');
  });

  it('should never tell a person on a channel without buttons to press one ("Bấm")', async () => {
    const u = textUser(app, 'nobuttons');
    const replies = [await u.say('/start'), await u.say('không'), await u.say('1'), await u.say('99'), await u.say('3'), await u.say('1'), await u.say('99')];
    replies.push(await u.say('0'), await u.say('Hà Văn Tâm'), await u.say('0'), await u.say('/doixa'), await u.say('xyz'));
    expect(replies.join('\n')).toContain('Đăng ký thành công');
    expect(replies.join('\n')).not.toMatch(/bấm/iu);
  });

  it('should delete personal data after confirmation and keep results only as anonymous unit counts', async () => {
    const u = textUser(app, 'leaver');
    await u.register('Lương Văn Đạt', 4);
    await u.say('/thi');
    for (let i = 0; i < 10; i++) await u.say('C');
    expect(await u.say('/xoadulieu')).toContain('Bạn có chắc muốn xóa');
    expect(await u.say('0')).toContain('Đã hủy');
    await u.say('/xoadulieu');
    expect(await u.say('1')).toContain('Đã xóa dữ liệu cá nhân');
    expect(await findParticipant(app.db, 'test', 'leaver')).toBeUndefined();
    const rows = await app.db.selectFrom('participants').selectAll().execute();
    expect(rows[0]!.full_name).toBeNull();
    const official = textUser(app, 'official', { isAdmin: true });
    expect(await official.say('/bxh')).toContain('Chưa có ai hoàn thành bài thi');
    expect(await official.say('/bxhxa')).toMatch(/1\. Xã Chiêu Vũ: 1 người dự thi, 1 lượt/u);
  });

  it('should give officials leaderboards and statistics, and others only the citizen help', async () => {
    const a = textUser(app, 'a');
    const b = textUser(app, 'b', { channel: 'other' });
    await a.register('Đinh Văn Ba', 2);
    await b.register('Mã Thị Bốn', 2);
    await a.say('/thi');
    for (let i = 0; i < 10; i++) await a.say('A');
    clock.advance(60_000);
    await b.say('/thi');
    for (let i = 0; i < 10; i++) await b.say('D');

    const citizen = await a.say('/bxh');
    expect(citizen).toContain('Hướng dẫn');
    expect(citizen).not.toContain('Đinh Văn Ba');

    const official = textUser(app, 'boss', { isAdmin: true });
    const board = await official.say('/bxh 5');
    expect(board).toMatch(/1\. .+ — Xã Bắc Quỳnh — \d+ điểm/u);
    expect(board).toContain('Đinh Văn Ba');
    expect(board).toContain('Mã Thị Bốn');
    expect(await official.say('/bxh tuan-9')).toContain('Không có vòng thi này');
    const communes = await official.say('/bxhxa');
    expect(communes).toMatch(/1\. Xã Bắc Quỳnh: 2 người dự thi, 2 lượt, [\d.]+‰ dân số/u);
    // Communes nobody from has taken part are listed after, unranked — not all "2." or "1.".
    expect(communes).toMatch(/\n— Thị trấn Bắc Sơn: 0 người dự thi/u);
    expect(communes.match(/^\d+\./gmu)).toEqual(['1.']);
    expect(await official.say('bxh xa')).toBe(communes);
    expect(await official.say('/bxh dv')).toContain('Xếp hạng cơ quan, đơn vị');
    expect(await official.say('BXH VD')).toBe(await official.say('/bxhvd'));
    const stats = await official.say('/thongke');
    expect(stats).toContain('Đăng ký: 2');
    expect(stats).toContain('Lượt thi: 2');
    expect(stats).toContain('Hôm nay: 2 đăng ký mới, 2 lượt thi');
    expect(stats).toContain('other 1 đăng ký/1 dự thi; test 1 đăng ký/1 dự thi');
  });
});
