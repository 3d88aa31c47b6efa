import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, tempDir, textUser } from '../helpers/app.ts';
import { BOT_USERNAME, playOnce, startWebApp, ZALO_LINK } from './support.ts';

const PEOPLE = [
  { id: 'p1', name: 'Hoàng Văn Minh', commune: 1, phone: '0912000001', answer: 'A' },
  { id: 'p2', name: 'Lý Thị Hoa', commune: 2, phone: '0912000002', answer: 'B' },
  { id: 'p3', name: 'Nông Văn Sơn', commune: 3, phone: '0912000003', answer: 'C' },
  { id: 'p4', name: 'Vi Thị Lan', commune: 4, phone: '0912000004', answer: 'D' },
  { id: 'p5', name: 'Hà Văn Tú', commune: 1, phone: '0912000005', answer: 'A' },
];
const KB = 1024;

describe('public web pages (fastify inject)', () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const get = (url: string) => web.http.fastify.inject({ method: 'GET', url });

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path });
    for (const person of PEOPLE) {
      clock.advance(60_000);
      await playOnce(web.app, person);
    }
    clock.set('2023-07-12T09:00:00+07:00'); // round 1 has closed, round 2 is open
    // The people here answer instantly, faster than anyone reads: the district reviewed them and found them valid,
    // so round 1's results need not wait for results.review_days.
    for (const p of (await web.app.services.integrity.review()).people) await web.app.services.integrity.decide(p.participantId, 'valid', 'kiểm tra', 'test:district');
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should serve every public page as cacheable Vietnamese HTML under 150 KB, with no script', async () => {
    for (const url of ['/', '/don-vi', '/don-vi/06325', '/don-vi/06325/poster', '/the-le']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=15');
      expect(res.rawPayload.length, url).toBeLessThan(150 * KB);
      expect(res.body).toContain('<html lang="vi">');
      expect(res.body).not.toMatch(/<script/iu);
    }
  });

  it('should send security headers that forbid scripts and framing by other sites', async () => {
    const res = await get('/');
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The webhooks' scope is left alone.
    expect((await get('/healthz')).headers['content-security-policy']).toBeUndefined();
  });

  it('should serve the stylesheet and fonts under content-hashed URLs, cached for a year', async () => {
    const page = (await get('/')).body;
    const css = /href="(\/static\/site\.[0-9a-f]{12}\.css)"/u.exec(page)?.[1];
    expect(css).toBeDefined();
    const sheet = await get(css!);
    expect([sheet.statusCode, sheet.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    const fonts = [...sheet.body.matchAll(/url\('(\/static\/be-vietnam-pro-\d00\.[0-9a-f]{12}\.ttf)'\)/gu)].map((m) => m[1]!);
    expect(fonts).toHaveLength(2);
    for (const font of fonts) {
      const res = await get(font);
      expect([res.statusCode, res.headers['content-type'], res.headers['cache-control']]).toEqual([200, 'font/ttf', 'public, max-age=31536000, immutable']);
    }
    expect((await get(css!.replace(/\.[0-9a-f]{12}\./u, '.000000000000.'))).statusCode).toBe(404);
  });

  it('should show the campaign, how to join, live totals, rankings, charts and the winners of the closed round', async () => {
    const page = (await get('/')).body;
    expect(page).toContain('Cuộc thi trắc nghiệm tìm hiểu về chuyển đổi số huyện Bắc Sơn năm 2023');
    expect(page).toContain('Ủy ban nhân dân huyện Bắc Sơn');
    expect(page).toContain('Quyết định 749/QĐ-TTg');
    expect(page).toMatch(/Tuần 2 đang mở đến hết ngày 16\/07\/2023\. <strong>Còn 18 ngày<\/strong>/u);
    expect(page).toContain(`https://t.me/${BOT_USERNAME}?start=web`);
    expect(page).toContain(ZALO_LINK);
    expect(page.match(/<div class="qr"/gu)).toHaveLength(2);
    expect(page).toMatch(/<dt>Người đăng ký<\/dt><dd>5<\/dd>/u);
    expect(page).toMatch(/<dt>Lượt thi<\/dt><dd>5<\/dd>/u);
    expect(page.match(/<figure class="chart"[^>]*><svg/gu)).toHaveLength(4);
    const winners = await web.app.services.boards.individuals({ round: web.app.campaign.rounds[0]!, limit: 3 });
    for (const w of winners) expect(page).toContain(w.name);
  });

  it('should name only the winners of closed rounds and never show a phone number', async () => {
    const winners = new Set((await web.app.services.boards.individuals({ round: web.app.campaign.rounds[0]!, limit: 3 })).map((w) => w.name));
    const others = PEOPLE.filter((p) => !winners.has(p.name));
    expect(others.length).toBe(2);
    // The phones were given and stored (as typed, or normalised): neither form may appear.
    const stored = (await web.app.db.selectFrom('participants').select('phone').execute()).map((r) => r.phone).filter((p): p is string => p !== null);
    expect(stored).toHaveLength(PEOPLE.length);
    for (const url of ['/', '/don-vi', '/don-vi/06325', '/the-le']) {
      const page = (await get(url)).body;
      for (const phone of [...PEOPLE.map((p) => p.phone), ...stored]) expect(page, url).not.toContain(phone);
      for (const p of others) expect(page, url).not.toContain(p.name);
    }
  });

  it("should give a unit's page its figures, rank, invite link with QR code and poster", async () => {
    const list = (await get('/don-vi')).body;
    expect(list).toContain('href="/don-vi/06325"');
    expect(list).toContain('https://cds.example.vn/don-vi/06325');
    const page = (await get('/don-vi/06325')).body;
    expect(page).toContain('<h1>Thị trấn Bắc Sơn</h1>');
    expect(page).toMatch(/Hạng \d+\/18 trong các xã, thị trấn/u);
    expect(page).toContain(`https://t.me/${BOT_USERNAME}?start=u-06325`);
    expect(page).toContain('/start u-06325');
    expect(page).toContain('href="/don-vi/06325/poster"');
    expect(page).toMatch(/<div class="qr"[^>]*><svg/u);
    const poster = (await get('/don-vi/06325/poster')).body;
    expect(poster).toContain('THAM GIA CUỘC THI');
    expect(poster).not.toContain('<nav>');
  });

  it('should answer an unknown unit and an unknown address with a Vietnamese 404 page', async () => {
    for (const url of ['/don-vi/khong-co', '/don-vi/99999/poster', '/khong-co-trang-nay']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Không tìm thấy trang');
    }
    expect((await get('/don-vi/khong-co')).body).toContain('Không có đơn vị nào mang mã &quot;khong-co&quot;.');
    // Not a GET: no page, a plain 404.
    expect((await web.http.fastify.inject({ method: 'POST', url: '/khong-co' })).statusCode).toBe(404);
  });

  it('should count registrations and finished attempts per local day from the opening day until today', async () => {
    const days = await web.app.services.public.perDay();
    expect(days).toHaveLength(10); // 03/07 … 12/07
    expect(days[0]!.dayStart).toBe(Date.parse('2023-07-03T00:00:00+07:00'));
    expect(days.map((d) => d.registered)).toEqual([0, 0, 5, 0, 0, 0, 0, 0, 0, 0]);
    expect(days.map((d) => d.finishedAttempts)).toEqual([0, 0, 5, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("should greet a newcomer who follows the home page's link like one who typed /start", async () => {
    expect(await textUser(web.app, 'from-web').say('/start web')).toContain('Chào mừng bạn đến với');
  });

  it('should state the rules from the campaign file', async () => {
    const page = (await get('/the-le')).body;
    expect(page).toContain('Mỗi lượt thi gồm 10 câu hỏi trắc nghiệm');
    expect(page).toContain('trong 15 phút');
    expect(page).toContain('tối đa 3 lượt trong mỗi vòng');
    expect(page).toContain('câu hỏi dự đoán');
    expect(page).toContain('Tuần 4');
    // The legal basis is the campaign's own (the 2023 campaign keeps Decree 13; a new one defaults to Law 91/2025).
    expect(page).toContain(`Dữ liệu cá nhân được bảo vệ theo ${web.app.campaign.privacy.law};`);
    // The basis of the populations behind "per 1,000 inhabitants" (population_basis in the campaign file).
    expect(page).toContain(
      '<li>Số người dự thi trên 1.000 dân của mỗi xã, thị trấn tính theo số dân: Tổng điều tra dân số và nhà ở ngày 1/4/2019; ' +
        'Thị trấn Bắc Sơn và Xã Bắc Quỳnh (sáp nhập ngày 1/1/2020) là tổng số dân của các đơn vị hợp thành.</li>',
    );
  });
});
