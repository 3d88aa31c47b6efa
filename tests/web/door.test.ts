import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, tempDir, textUser } from '../helpers/app.ts';
import { cookieOf, getAs, mainText, postForm } from './dashboard-support.ts';
import { csrfOf } from './quiz-support.ts';
import { codeOf, COMMUNE, COMMUNE_NAME, openRegistration, playOnWeb, postRegistration, registerOnWeb } from './door-support.ts';
import { playOnce, startWebApp } from './support.ts';

/** The open door (issue 23) through fastify inject: registration, re-entry, deletion, the limits, the hidden field. */
describe('web quiz: the open door (fastify inject)', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let n = 0;
  /** A fresh address for each registration, so that the tests stay under the per-address limit. */
  const ip = () => `203.0.113.${++n}`;
  const rows = () => web.app.db.selectFrom('participants').selectAll().where('channel', '=', 'web').orderBy('id').execute();

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should register a web-only person from a unit\'s link, count them for the unit, sign them in and show their code', async () => {
    const page = await openRegistration(http(), `u-${COMMUNE}`);
    expect(page.res.statusCode).toBe(200);
    const text = mainText(page.res.body);
    expect(text).toContain('Bạn tham gia qua đường link của Xã Long Đống: kết quả được tính cho đơn vị này.');
    expect(text).toContain('Khi thi trên web, số điện thoại là bắt buộc');
    expect(page.res.body).not.toContain('name="xa"'); // the link answered the commune
    expect(page.res.body).toContain('name="co-quan"');
    const session = await registerOnWeb(http(), { name: 'Lường Thị Hoa', phone: '0912 345 678', via: `u-${COMMUNE}`, ip: ip() });
    const [row] = (await rows()).slice(-1);
    expect(row).toMatchObject({ full_name: 'Lường Thị Hoa', phone: '0912345678', commune_code: COMMUNE, joined_via_unit: COMMUNE, consent_version: 'nd13-2023-v4' });
    expect(row!.registered_at).not.toBeNull();
    expect(row!.external_id).toMatch(/^[A-Za-z0-9_-]{22}$/u);
    const invitation = await web.app.db.selectFrom('invitations').selectAll().where('invitee_id', '=', row!.id).executeTakeFirst();
    expect(invitation?.unit_code).toBe(COMMUNE);
    const home = await getAs(http(), '/thi?da-dang-ky=1', session);
    expect(mainText(home.body)).toContain('Đăng ký thành công. Chào mừng Lường Thị Hoa!');
    expect(codeOf(home.body)).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/u);
    const totals = await web.app.db.selectFrom('unit_totals').selectAll().where('code', '=', COMMUNE).executeTakeFirstOrThrow();
    expect(Number(totals.registered)).toBeGreaterThanOrEqual(1);
    // Ten questions, then the result with the code, the invite link and the deletion page.
    const result = await playOnWeb(http(), session);
    const shown = mainText(result.body);
    expect(shown).toContain('Kết quả lượt thi');
    expect(codeOf(result.body)).toBe(codeOf(home.body));
    expect(shown).toContain(`https://cds.example.vn/thi/dang-ky?moi=r-${row!.invite_code}`);
    expect(result.body).toContain('href="/thi/xoa-du-lieu"');
    expect(shown).not.toContain('được gửi trong chat'); // no chat to send the announcement to
    const after = await web.app.db.selectFrom('unit_totals').selectAll().where('code', '=', COMMUNE).executeTakeFirstOrThrow();
    expect(Number(after.participants)).toBeGreaterThanOrEqual(1);
  });

  it('should show what is wrong beside each field and keep what was typed', async () => {
    const res = await postRegistration(http(), { name: 'Hoa 123', phone: '12345', commune: '', consent: false, ip: ip() });
    expect(res.statusCode).toBe(400);
    const text = mainText(res.body);
    expect(text).toContain('Bạn cần đánh dấu &quot;Tôi đồng ý&quot; để tham gia.');
    expect(text).toContain('Hãy chọn xã, thị trấn của bạn trong danh sách.');
    expect(text).toContain('Họ và tên chỉ gồm chữ cái (có dấu)');
    expect(text).toContain('Số điện thoại chưa đúng: 10 hoặc 11 số');
    expect(res.body).toContain('value="Hoa 123"');
    expect(res.body).toContain('value="12345"');
    expect(res.body).toMatch(/id="ho-ten"[^>]*aria-describedby="ho-ten-goi-y ho-ten-loi"[^>]*aria-invalid="true"/u);
    // Without the page's cookie (CSRF): refused, the form back with what was typed.
    const forged = await postForm(http(), '/thi/dang-ky', { 'dong-y': '1', xa: COMMUNE, 'ho-ten': 'Nguyễn Văn Giả', sdt: '0912000111', csrf: 'x' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('value="Nguyễn Văn Giả"');
    expect(mainText(forged.body)).toContain('Biểu mẫu đã hết hiệu lực');
  });

  it('should take two people with one phone, never refusing nor hinting, each with their own attempts, and flag both for review', async () => {
    const before = (await rows()).length;
    const a = await registerOnWeb(http(), { name: 'Hoàng Văn Cha', phone: '0987654321', ip: ip() });
    const res = await postRegistration(http(), { name: 'Hoàng Thị Con', phone: '+84 987 654 321', ip: ip() });
    expect(res.statusCode).toBe(303);
    const b = cookieOf(res, 'cds_thi')!;
    const added = (await rows()).slice(before);
    expect(added.map((r) => [r.full_name, r.phone])).toEqual([
      ['Hoàng Văn Cha', '0987654321'],
      ['Hoàng Thị Con', '0987654321'],
    ]);
    expect(mainText((await playOnWeb(http(), a)).body)).toContain('Bạn còn 2 lượt thi');
    expect(mainText((await playOnWeb(http(), b)).body)).toContain('Bạn còn 2 lượt thi');
    // Both flagged for the officials' review (issue 25), each naming the other.
    await web.app.services.integrity.refresh();
    const review = await web.app.services.integrity.review();
    const flagged = review.people.filter((p) => p.flags.some((f) => f.key.startsWith('phone:')));
    expect(flagged.map((p) => [p.name, p.flags.find((f) => f.key.startsWith('phone:'))!.evidence])).toEqual([
      ['Hoàng Văn Cha', { kind: 'phone', people: 2, otherIds: [added[1]!.id] }],
      ['Hoàng Thị Con', { kind: 'phone', people: 2, otherIds: [added[0]!.id] }],
    ]);
  });

  it('should let a person back in with phone and code, and refuse a wrong code without saying which part', async () => {
    const session = await registerOnWeb(http(), { name: 'Đinh Văn Lâm', phone: '0977111222', ip: ip() });
    const code = codeOf((await getAs(http(), '/thi', session)).body)!;
    const open = async () => {
      const res = await http().inject({ method: 'GET', url: '/thi/vao-lai' });
      return { csrf: csrfOf(res.body), cookie: cookieOf(res, 'cds_thi_dk')!, res };
    };
    const page = await open();
    expect(mainText(page.res.body)).toContain('Nhập số điện thoại bạn đã đăng ký trên web và mã vào lại 8 ký tự');
    const wrongCode = code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA';
    const wrong = await postForm(http(), '/thi/vao-lai', { sdt: '0977111222', ma: wrongCode, csrf: page.csrf }, { cookie: page.cookie, ip: ip() });
    expect(wrong.statusCode).toBe(401);
    expect(mainText(wrong.body)).toContain('Số điện thoại hoặc mã chưa đúng. Hãy kiểm tra lại.');
    expect(cookieOf(wrong, 'cds_thi')).toBeUndefined();
    const again = await open();
    const right = await postForm(http(), '/thi/vao-lai', { sdt: '0977 111 222', ma: code.toLowerCase().replace('-', ' '), csrf: again.csrf }, { cookie: again.cookie, ip: ip() });
    expect(right.statusCode, right.body).toBe(303);
    expect(right.headers.location).toBe('/thi');
    const other = cookieOf(right, 'cds_thi')!;
    expect(other).not.toBe(session);
    expect((await getAs(http(), '/thi', other)).body).toContain('Bạn đang làm bài với tên: Đinh Văn Lâm');
  });

  it('should limit re-entry attempts per phone', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) {
      const res = await http().inject({ method: 'GET', url: '/thi/vao-lai' });
      const wrong = await postForm(http(), '/thi/vao-lai', { sdt: '0966000111', ma: 'AAAA-AAAA', csrf: csrfOf(res.body) }, { cookie: cookieOf(res, 'cds_thi_dk')!, ip: ip() });
      last = wrong.statusCode;
      if (i < 10) expect(wrong.statusCode).toBe(401);
      else expect(mainText(wrong.body)).toContain('Bạn đã thử quá nhiều lần. Vui lòng đợi 10 phút rồi thử lại.');
    }
    expect(last).toBe(429);
  });

  it('should delete on the last four digits, end the sessions, and give no fresh attempts to the same phone registering again', async () => {
    const session = await registerOnWeb(http(), { name: 'Vi Văn Xóa', phone: '0955333444', ip: ip() });
    await playOnWeb(http(), session);
    const id = (await rows()).slice(-1)[0]!.id;
    const page = await getAs(http(), '/thi/xoa-du-lieu', session);
    expect(mainText(page.body)).toContain('nếu đăng ký lại bằng số điện thoại này trong cuộc thi, bạn không có thêm lượt thi');
    const wrong = await postForm(http(), '/thi/xoa-du-lieu', { 'so-cuoi': '1234', csrf: csrfOf(page.body) }, { cookie: session });
    expect(wrong.statusCode).toBe(400);
    expect(mainText(wrong.body)).toContain('4 số cuối chưa đúng. Dữ liệu của bạn chưa bị xóa.');
    const done = await postForm(http(), '/thi/xoa-du-lieu', { 'so-cuoi': '3444', csrf: csrfOf(page.body) }, { cookie: session });
    expect(done.statusCode).toBe(200);
    expect(mainText(done.body)).toContain('Đã xóa dữ liệu cá nhân của bạn');
    const row = await web.app.db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.full_name, row.phone, row.web_code_hash, row.deleted_at !== null, row.phone_hash !== null]).toEqual([null, null, null, true, true]);
    expect(await web.app.db.selectFrom('web_sessions').selectAll().where('account_id', '=', row.external_id).execute()).toEqual([]);
    expect((await getAs(http(), '/thi', session)).statusCode).toBe(401);
    // Registering again with that phone: the same row, the attempt used stays used.
    const back = await registerOnWeb(http(), { name: 'Vi Văn Xóa', phone: '0955 333 444', ip: ip() });
    expect((await rows()).slice(-1)[0]!.id).toBe(id);
    expect(mainText((await playOnWeb(http(), back)).body)).toContain('Bạn còn 1 lượt thi');
  });

  it('should keep an excluded web person excluded after they delete their data and register again with the same phone', async () => {
    const session = await registerOnWeb(http(), { name: 'Mạc Văn Loại', phone: '0955777888', ip: ip() });
    await playOnWeb(http(), session);
    const id = (await rows()).slice(-1)[0]!.id;
    await web.app.services.integrity.decide(id, 'excluded', 'làm bài hộ người khác', 'telegram:district');
    const page = await getAs(http(), '/thi/xoa-du-lieu', session);
    expect((await postForm(http(), '/thi/xoa-du-lieu', { 'so-cuoi': '7888', csrf: csrfOf(page.body) }, { cookie: session })).statusCode).toBe(200);
    await registerOnWeb(http(), { name: 'Mạc Văn Loại', phone: '0955 777 888', ip: ip() });
    const row = await web.app.db.selectFrom('participants').select(['id', 'excluded', 'full_name']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ id, excluded: 1, full_name: 'Mạc Văn Loại' });
  });

  it('should give no fresh attempts on the web to a chat person who gave a phone and deleted their data', async () => {
    await playOnce(web.app, { id: 'chat-xoa', name: 'Lộc Văn Chat', commune: 1, phone: '0944555666', answer: 'A' });
    const u = textUser(web.app, 'chat-xoa');
    await u.say('/xoadulieu');
    expect(await u.say('1')).toContain('Đã xóa dữ liệu cá nhân của bạn');
    const back = await registerOnWeb(http(), { name: 'Lộc Văn Chat', phone: '0944 555 666', ip: ip() });
    expect(mainText((await playOnWeb(http(), back)).body)).toContain('Bạn còn 1 lượt thi');
  });

  it('should answer a filled hidden field with a neutral page and register nobody', async () => {
    const before = (await rows()).length;
    const res = await postRegistration(http(), { name: 'Robot Văn Bot', phone: '0911000999', ip: ip(), extra: { 'trang-web': 'http://spam.example' } });
    expect(res.statusCode).toBe(200);
    expect(mainText(res.body)).toContain('Cảm ơn bạn. Yêu cầu đã được nhận.');
    expect(cookieOf(res, 'cds_thi')).toBeUndefined();
    expect((await rows()).length).toBe(before);
  });

  it('should take 60 registrations per 10 minutes from one address (IPv6: its /64), refuse the 61st in Vietnamese, and never limit a signed-in person', async () => {
    const first = await registerOnWeb(http(), { name: 'Người Đầu Tiên', phone: '0900000000', ip: '2001:db8:1:2::1' });
    for (let i = 1; i < 60; i++) await registerOnWeb(http(), { name: 'Người Họp Xã', phone: `09000000${String(i).padStart(2, '0')}`, ip: `2001:db8:1:2::${(i + 1).toString(16)}` });
    const refused = await postRegistration(http(), { name: 'Người Thứ Sáu Mốt', phone: '0900000061', ip: '2001:db8:1:2:ffff::1' });
    expect(refused.statusCode).toBe(429);
    expect(mainText(refused.body)).toContain('Mạng bạn đang dùng đã có quá nhiều lượt đăng ký trong 10 phút qua.');
    expect(refused.body).toContain('value="Người Thứ Sáu Mốt"');
    // Another /64, or the next window: registered.
    expect((await postRegistration(http(), { name: 'Người Mạng Khác', phone: '0900000062', ip: '2001:db8:1:3::1' })).statusCode).toBe(303);
    // A signed-in person from the full address plays on.
    const start = await http().inject({ method: 'GET', url: '/thi', headers: { cookie: first }, remoteAddress: '2001:db8:1:2::1' });
    expect(start.statusCode).toBe(200);
    const begun = await postForm(http(), '/thi/bat-dau', { csrf: csrfOf(start.body) }, { cookie: first, ip: '2001:db8:1:2::1' });
    expect(begun.statusCode).toBe(303);
    clock.advance(10 * 60_000);
    expect((await postRegistration(http(), { name: 'Người Sau Mười Phút', phone: '0900000063', ip: '2001:db8:1:2::1' })).statusCode).toBe(303);
  });
});

describe('web quiz: the doors on the public pages', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should link the home page, a unit\'s page and its poster (a QR code) to the web door', async () => {
    const get = (url: string) => web.http.fastify.inject({ method: 'GET', url });
    const home = (await get('/')).body;
    expect(home).toContain('<a class="button" href="https://cds.example.vn/thi/dang-ky">Thi ngay trên web</a>');
    expect(home).toContain('href="/thi/vao-lai"');
    const unit = (await get(`/don-vi/${COMMUNE}`)).body;
    expect(unit).toContain(`href="https://cds.example.vn/thi/dang-ky?moi=u-${COMMUNE}"`);
    expect(mainText(unit)).toContain(`bạn được tính cho ${COMMUNE_NAME}`);
    const poster = (await get(`/don-vi/${COMMUNE}/poster`)).body;
    expect(poster).toContain('aria-label="Mã QR: Thi trên web"');
    // Not signed in on /thi: the chat's way, and the web's doors.
    const thi = await get('/thi');
    expect(thi.statusCode).toBe(401);
    expect(thi.body).toContain('href="/thi/dang-ky"');
  });
});

describe('web quiz: the door\'s settings and the address behind a proxy', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  afterAll(() => dir.remove());
  const PROXY = '10.0.0.5';

  /** The shipped campaign with `web.registration` set to `setting`. */
  function campaignWith(setting: string): string {
    const file = join(dir.path, `campaign-${setting}.yaml`);
    writeFileSync(file, readFileSync('campaigns/bac-son-2023.yaml', 'utf8').replace(/^web:\n {2}registration: open$/mu, `web:\n  registration: ${setting}`));
    return file;
  }

  it('should send people to the chat with via-chat, close registration and re-entry with off, and keep the public pages\' door shut', async () => {
    for (const [setting, text, reEntry] of [
      ['via-chat', 'Cuộc thi này nhận đăng ký qua Telegram hoặc Zalo', 200],
      ['off', 'Cuộc thi này không nhận đăng ký hay vào lại trên web', 403],
    ] as const) {
      const web = await startWebApp({ now: clock.now, dir: join(dir.path, setting), env: { CAMPAIGN_FILE: campaignWith(setting) } });
      try {
        expect(web.app.campaign.web?.registration).toBe(setting);
        const page = await web.http.fastify.inject({ method: 'GET', url: '/thi/dang-ky' });
        expect(page.statusCode).toBe(403);
        expect(mainText(page.body)).toContain(text);
        const post = await postForm(web.http.fastify, '/thi/dang-ky', { 'dong-y': '1', xa: COMMUNE, 'ho-ten': 'Người Thử', sdt: '0912000000', csrf: 'x' });
        expect(post.statusCode).toBe(403);
        expect((await web.http.fastify.inject({ method: 'GET', url: '/thi/vao-lai' })).statusCode).toBe(reEntry);
        expect((await web.http.fastify.inject({ method: 'GET', url: '/' })).body).not.toContain('/thi/dang-ky');
        expect(await web.app.db.selectFrom('participants').selectAll().execute()).toEqual([]);
      } finally {
        await web.close();
      }
    }
  });

  it('should count a registration under the client\'s address given by a trusted proxy (TRUST_PROXY), as the sign-in limit does', async () => {
    const web = await startWebApp({ now: clock.now, dir: join(dir.path, 'proxy'), env: { TRUST_PROXY: PROXY } });
    try {
      const http = web.http.fastify;
      const page = await http.inject({ method: 'GET', url: '/thi/dang-ky', headers: { 'x-forwarded-for': '198.51.100.77' }, remoteAddress: PROXY });
      const form = new URLSearchParams({ 'dong-y': '1', xa: COMMUNE, 'ho-ten': 'Hà Văn Mạng', sdt: '0912000001', csrf: csrfOf(page.body) }).toString();
      const res = await http.inject({
        method: 'POST',
        url: '/thi/dang-ky',
        payload: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(page, 'cds_thi_dk')!, 'x-forwarded-for': '198.51.100.77' },
        remoteAddress: PROXY,
      });
      expect(res.statusCode, res.body).toBe(303);
      const counters = await web.app.db.selectFrom('web_sign_in_attempts').select(['ip', 'count']).execute();
      expect(counters.map((c) => [c.ip, Number(c.count)])).toEqual([['dang-ky|198.51.100.77', 1]]);
    } finally {
      await web.close();
    }
  });
});
