import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/channels/telegram/render.ts';
import { testClock, tempDir } from '../helpers/app.ts';
import { expectNoOutsiders, seedTwoCommunes, TOWN, VU_LE, workbookText } from '../helpers/officials.ts';
import { askWeb, cookieOf, recordReminderRun, DISTRICT_ID, getAs, LINK, mainText, openSignInPage, postForm, setCookies, signIn, signInToken } from './dashboard-support.ts';
import { startWebApp } from './support.ts';

const UNIT_OFFICIAL = '5001';

/** The officials' dashboard through fastify inject: sign-in rules, sessions, roles, and what each page shows. */
describe("officials' dashboard (fastify inject)", () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  let officialId = 0;
  const http = () => web.http.fastify;

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID, ADMIN_ZALO_IDS: 'zalo-district' } });
    await seedTwoCommunes(web.app, 3);
    const code = await web.app.services.officials.createCode(TOWN.code, { channel: 'telegram', userId: DISTRICT_ID });
    if (code.kind !== 'created') throw new Error(code.kind);
    const granted = await web.app.services.officials.redeem(code.code, { channel: 'telegram', userId: UNIT_OFFICIAL, isDistrict: false });
    if (granted.kind !== 'granted') throw new Error(granted.kind);
    officialId = granted.official.id;
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('/web should send a sign-in link valid 10 minutes, without a link preview on Telegram', async () => {
    const message = await askWeb(web.app, DISTRICT_ID);
    expect(message.text).toMatch(/^🔐 Đường link đăng nhập trang quản trị \(dùng một lần, hết hạn lúc 09:10 05\/07\/2023\):\nhttps:\/\/cds\.example\.vn\/quan-tri\/dang-nhap\?t=/u);
    expect(message.noPreview).toBe(true);
    const [call] = renderMessage('42', message);
    expect(call!.payload.link_preview_options).toEqual({ is_disabled: true });
    // Someone who is no official gets no link.
    expect((await askWeb(web.app, '777')).text).not.toMatch(LINK);
  });

  it('/web should work on Zalo and in the local chat (after /admin) too', async () => {
    const zalo = await askWeb(web.app, 'zalo-district', 'zalo', true);
    expect(zalo.text).toMatch(LINK);
    const local = await askWeb(web.app, 'local-user', 'terminal', true);
    const token = LINK.exec(local.text)![2]!;
    const session = await signIn(http(), token);
    expect((await getAs(http(), '/quan-tri', session)).body).toContain('<div class="userbar"><span>Cán bộ quản lý cuộc thi</span>');
  });

  it('should store only a hash of the token', async () => {
    const token = await signInToken(web.app, DISTRICT_ID);
    const rows = await web.app.db.selectFrom('web_sign_in_tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/u.test(r.token_hash))).toBe(true);
  });

  it('should show the "Đăng nhập" button on every GET of the link, and spend the token only by its POST', async () => {
    const token = await signInToken(web.app, DISTRICT_ID);
    for (let i = 0; i < 2; i++) {
      const { res, csrf, cookie } = await openSignInPage(http(), token);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<button class="button" type="submit">Đăng nhập</button>');
      expect(res.body).toContain('<form method="post" action="/quan-tri/dang-nhap">');
      expect(csrf.length).toBeGreaterThan(20);
      expect(cookie).toBe(`cds_qt_dn=${csrf}`);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const session = await signIn(http(), token);
    const overview = await getAs(http(), '/quan-tri', session);
    expect(overview.statusCode).toBe(200);
    expect(mainText(overview.body)).toContain('Tổng quan Người đăng ký 7 Người đã dự thi 3 Lượt thi 3');
  });

  it('should set an HttpOnly, SameSite=Lax, Secure (https address) session cookie that expires in 8 hours, and redirect to the overview', async () => {
    const token = await signInToken(web.app, DISTRICT_ID);
    const page = await openSignInPage(http(), token);
    const res = await postForm(http(), '/quan-tri/dang-nhap', { t: token, csrf: page.csrf }, { cookie: page.cookie });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/quan-tri');
    const cookie = setCookies(res).find((c) => c.startsWith('cds_qt='))!;
    // Exactly these attributes, in whatever order the cookie serialiser writes them.
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).toMatch(/^cds_qt=[A-Za-z0-9_-]{43}$/u);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=28800', 'Path=/quan-tri', 'SameSite=Lax', 'Secure']);
    const sessions = await web.app.db.selectFrom('web_sessions').select('id_hash').execute();
    expect(sessions.some((s) => cookie.includes(s.id_hash))).toBe(false);
  });

  it('should refuse a reused link with a Vietnamese page (410), on GET and on POST', async () => {
    const token = await signInToken(web.app, DISTRICT_ID);
    const page = await openSignInPage(http(), token);
    await signIn(http(), token);
    const again = await openSignInPage(http(), token);
    expect(again.res.statusCode).toBe(410);
    expect(mainText(again.res.body)).toContain('Đường link này đã được dùng. Mỗi đường link chỉ đăng nhập được một lần');
    const post = await postForm(http(), '/quan-tri/dang-nhap', { t: token, csrf: page.csrf }, { cookie: page.cookie });
    expect(post.statusCode).toBe(410);
    expect(cookieOf(post, 'cds_qt')).toBeUndefined();
  });

  it('should refuse an expired link (410) and an unknown one (403)', async () => {
    const token = await signInToken(web.app, DISTRICT_ID);
    const page = await openSignInPage(http(), token);
    clock.advance(10 * 60_000 + 1);
    try {
      const get = await openSignInPage(http(), token);
      expect(get.res.statusCode).toBe(410);
      expect(mainText(get.res.body)).toContain('Đường link đã hết hạn (link có giá trị 10 phút)');
      const post = await postForm(http(), '/quan-tri/dang-nhap', { t: token, csrf: page.csrf }, { cookie: page.cookie });
      expect(post.statusCode).toBe(410);
    } finally {
      clock.set('2023-07-05T09:00:00+07:00');
    }
    const unknown = await openSignInPage(http(), 'x'.repeat(43));
    expect(unknown.res.statusCode).toBe(403);
    expect(mainText(unknown.res.body)).toContain('Đường link không đúng');
  });

  it('should refuse a form without its CSRF token (403) and leave the token unspent', async () => {
    const token = await signInToken(web.app, DISTRICT_ID);
    const page = await openSignInPage(http(), token);
    const missing = await postForm(http(), '/quan-tri/dang-nhap', { t: token }, { cookie: page.cookie });
    expect(missing.statusCode).toBe(403);
    expect(mainText(missing.body)).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ');
    const noCookie = await postForm(http(), '/quan-tri/dang-nhap', { t: token, csrf: page.csrf });
    expect(noCookie.statusCode).toBe(403);
    const session = await signIn(http(), token);
    // Signing out is a form too: without the session's token it is refused and the session stays.
    const out = await postForm(http(), '/quan-tri/dang-xuat', {}, { cookie: session });
    expect(out.statusCode).toBe(403);
    expect((await getAs(http(), '/quan-tri', session)).statusCode).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/u.exec((await getAs(http(), '/quan-tri', session)).body)![1]!;
    const signedOut = await postForm(http(), '/quan-tri/dang-xuat', { csrf }, { cookie: session });
    expect(signedOut.statusCode).toBe(303);
    expect(setCookies(signedOut).find((c) => c.startsWith('cds_qt='))).toContain('Max-Age=0');
    const after = await getAs(http(), '/quan-tri', session);
    expect(after.statusCode).toBe(401);
    expect(mainText(after.body)).toContain('nhắn /web cho bot của cuộc thi');
  });

  it('should let a unit official see their unit only: 403 on another unit and on district pages', async () => {
    const session = await signIn(http(), await signInToken(web.app, UNIT_OFFICIAL));
    const own = await getAs(http(), `/quan-tri/don-vi/${TOWN.code}`, session);
    expect(own.statusCode).toBe(200);
    expect(mainText(own.body)).toContain(`Người dự thi — ${TOWN.name}`);
    expect(own.body).toContain('0912000100');
    expectNoOutsiders(own.body);
    const other = await getAs(http(), `/quan-tri/don-vi/${VU_LE.code}`, session);
    expect(other.statusCode).toBe(403);
    expect(mainText(other.body)).toContain(`Bạn là cán bộ của ${TOWN.name}, chỉ xem được trang của đơn vị mình.`);
    expectNoOutsiders(other.body);
    for (const url of ['/quan-tri/don-vi', '/quan-tri/cau-hoi', '/quan-tri/tai-ve/de-nghi-khen-thuong.docx', `/quan-tri/tai-ve/bao-cao.xlsx?don-vi=${VU_LE.code}`]) {
      const res = await getAs(http(), url, session);
      expect(res.statusCode, url).toBe(403);
      expect(res.body, url).toContain('Không có quyền truy cập');
    }
    const overview = await getAs(http(), '/quan-tri', session);
    expect(mainText(overview.body)).toContain(`${TOWN.name} Người đăng ký 5 Người đã dự thi 2`);
    expect(overview.body).toContain('aria-label="Tham gia theo ngày"');
    expect(overview.body).not.toContain('Lượt thi hoàn thành theo đơn vị');
    const workbook = await getAs(http(), '/quan-tri/tai-ve/bao-cao.xlsx', session);
    expect(workbook.statusCode).toBe(200);
    const text = (await workbookText(workbook.rawPayload)).text;
    expect(text).toContain('Hoàng Văn An');
    expectNoOutsiders(text);
  });

  it('should shut a revoked unit official out at their next request', async () => {
    const session = await signIn(http(), await signInToken(web.app, UNIT_OFFICIAL));
    expect((await getAs(http(), '/quan-tri', session)).statusCode).toBe(200);
    const revoked = await web.app.services.officials.revoke(officialId, { channel: 'telegram', userId: DISTRICT_ID });
    expect(revoked.kind).toBe('revoked');
    const res = await getAs(http(), '/quan-tri', session);
    expect(res.statusCode).toBe(401);
    expect(mainText(res.body)).toContain('tài khoản không còn quyền cán bộ');
    expect((await getAs(http(), `/quan-tri/don-vi/${TOWN.code}`, session)).statusCode).toBe(401);
  });

  it('should answer the 11th sign-in attempt from one address within 10 minutes with 429', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 10; i++) expect((await postForm(http(), '/quan-tri/dang-nhap', { t: 'x', csrf: 'y' }, { ip })).statusCode).toBe(403);
    const blocked = await postForm(http(), '/quan-tri/dang-nhap', { t: 'x', csrf: 'y' }, { ip });
    expect(blocked.statusCode).toBe(429);
    expect(mainText(blocked.body)).toContain('Có quá nhiều lần đăng nhập từ địa chỉ này');
    // Another address is not affected; the next window lets this one in again.
    expect((await postForm(http(), '/quan-tri/dang-nhap', { t: 'x', csrf: 'y' }, { ip: '203.0.113.8' })).statusCode).toBe(403);
    clock.advance(10 * 60_000);
    try {
      expect((await postForm(http(), '/quan-tri/dang-nhap', { t: 'x', csrf: 'y' }, { ip })).statusCode).toBe(403);
    } finally {
      clock.set('2023-07-05T09:00:00+07:00');
    }
  });

  it('should ask for a sign-in on every page without a session (401)', async () => {
    for (const url of ['/quan-tri', '/quan-tri/don-vi', `/quan-tri/don-vi/${TOWN.code}`, '/quan-tri/cau-hoi', '/quan-tri/tai-ve', '/quan-tri/tai-ve/bao-cao.xlsx']) {
      const res = await http().inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.body).toContain('Cần đăng nhập');
      expectNoOutsiders(res.body);
    }
  });

  describe('district pages', () => {
    let session = '';
    beforeAll(async () => {
      session = await signIn(http(), await signInToken(web.app, DISTRICT_ID));
    });

    it('should serve every page as private Vietnamese HTML under 150 KB, with no script, under the security headers', async () => {
      for (const url of ['/quan-tri', '/quan-tri/don-vi', `/quan-tri/don-vi/${TOWN.code}`, '/quan-tri/cau-hoi', '/quan-tri/tai-ve']) {
        const res = await getAs(http(), url, session);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-store');
        expect(res.headers['x-robots-tag'], url).toBe('noindex, nofollow');
        expect(res.headers['content-security-policy'], url).toContain("script-src 'none'");
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
        expect(res.rawPayload.length, url).toBeLessThan(150 * 1024);
        expect(res.body, url).not.toMatch(/<script/iu);
      }
    });

    it('overview: totals, today vs yesterday, participation per day, reminder runs sent and failed', async () => {
      await recordReminderRun(web.app, { runId: 'slot-test', fireAt: clock.now() - 3_600_000, roundId: 'tuan-1', sent: 5, failed: 2 });
      const page = mainText((await getAs(http(), '/quan-tri', session)).body);
      expect(page).toContain('Tổng quan Người đăng ký 7 Người đã dự thi 3 Lượt thi 3');
      expect(page).toContain('Hôm nay (05/07/2023) 7 3 Hôm qua (04/07/2023) 0 0');
      expect(page).toContain('Tổng: 5 tin đã gửi, 2 tin lỗi.');
      expect(page).toContain('08:00 05/07/2023 Nhắc nhở theo lịch 5 2');
      // Each unit's attempts per day since the opening (3/7), the busiest first.
      expect(page).toContain(`Lượt thi hoàn thành theo đơn vị, 7 ngày gần nhất Xã, thị trấn Đơn vị 03/07 04/07 05/07 Cộng ${TOWN.name} 0 0 2 2 ${VU_LE.name} 0 0 1 1`);
      const days = await web.app.services.public.perDay(TOWN.code);
      expect(days.reduce((n, d) => n + d.registered, 0)).toBe(5);
    });

    it('units: a table sorted by the query parameter, a bar chart, filtered by kind', async () => {
      const byRank = mainText((await getAs(http(), '/quan-tri/don-vi', session)).body);
      expect(byRank).toMatch(new RegExp(`1 ${TOWN.name} 5 2 .*2 ${VU_LE.name} 2 1`, 'u'));
      const byName = await getAs(http(), '/quan-tri/don-vi?sort=name', session);
      const names = [...byName.body.matchAll(/<td><a href="\/quan-tri\/don-vi\/\d+">([^<]+)<\/a><\/td>/gu)].map((m) => m[1]!);
      expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
      expect(names).toHaveLength(18);
      expect(byName.body).toContain('<svg');
      const agencies = await getAs(http(), '/quan-tri/don-vi?kind=agency', session);
      expect(agencies.body).toContain('<option value="agency" selected>');
      expect(agencies.body).not.toContain(TOWN.name);
    });

    it("a unit's participants: search, finished or not this round, phones", async () => {
      const all = mainText((await getAs(http(), `/quan-tri/don-vi/${TOWN.code}`, session)).body);
      expect(all).toContain('5 người — trang 1/1');
      expect(all).toContain('Hoàng Văn An Tạo link đăng nhập cho người này 0912000100 Đánh dấu đã gọi xác minh Đã thi');
      expect(all).toContain('Hà Thị Chờ Tạo link đăng nhập cho người này 0912000111 Đánh dấu đã gọi xác minh Chưa thi');
      const waiting = mainText((await getAs(http(), `/quan-tri/don-vi/${TOWN.code}?status=waiting`, session)).body);
      expect(waiting).toContain('3 người');
      expect(waiting).not.toContain('Hoàng Văn An');
      const found = mainText((await getAs(http(), `/quan-tri/don-vi/${TOWN.code}?q=${encodeURIComponent('bình')}`, session)).body);
      expect(found).toContain('1 người');
      expect(found).toContain('Lý Thị Bình');
    });

    it('questions: the bank report, live', async () => {
      const page = mainText((await getAs(http(), '/quan-tri/cau-hoi', session)).body);
      expect(page).toMatch(/\d+ câu trả lời, đúng \d+%; \d+ câu cần xem lại\./u);
      expect(page).toContain('Phương án sai chọn nhiều nhất');
    });

    it('downloads: the /xuat workbook and the reward proposal', async () => {
      const list = await getAs(http(), '/quan-tri/tai-ve', session);
      expect(list.body).toContain('href="/quan-tri/tai-ve/bao-cao.xlsx"');
      const xlsx = await getAs(http(), '/quan-tri/tai-ve/bao-cao.xlsx', session);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''bao-cao-.+\.xlsx$/u);
      const book = await workbookText(xlsx.rawPayload);
      expect(book.text).toContain('Đinh Văn Khác');
      const docx = await getAs(http(), '/quan-tri/tai-ve/de-nghi-khen-thuong.docx', session);
      expect(docx.statusCode).toBe(200);
      expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });
});
