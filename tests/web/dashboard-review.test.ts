import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { tempDir, testClock, textUser } from '../helpers/app.ts';
import { grantUnit, person, TOWN } from '../helpers/officials.ts';
import { DISTRICT_ID, getAs, mainText, postForm, signIn, signInToken } from './dashboard-support.ts';
import { startWebApp } from './support.ts';

/** The dashboard's review page (issue 25): district officials decide, with CSRF like every dashboard form. */
describe("the dashboard's review of flagged people", () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let district = '';
  let unit = '';
  let shared: number[] = [];
  let called = 0;

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID } });
    shared = [await person(web.app, 'Lục Văn Chung', TOWN.code, '0912777888'), await person(web.app, 'Lục Thị Chung', TOWN.code, '0912777888'), await person(web.app, 'Lục Văn Ba', TOWN.code, '0912777888')];
    called = await person(web.app, 'Hà Văn Riêng', TOWN.code, '0912000999');
    await grantUnit(web.app, TOWN.code, { channel: 'telegram', userId: '5001' }, DISTRICT_ID);
    district = await signIn(http(), await signInToken(web.app, DISTRICT_ID));
    unit = await signIn(http(), await signInToken(web.app, '5001'));
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should list the flagged people with their evidence and record a decision posted with the session\'s CSRF token, reversibly', async () => {
    const page = await getAs(http(), '/quan-tri/kiem-tra', district);
    expect(page.statusCode).toBe(200);
    const text = mainText(page.body);
    expect(text).toContain('3 người có dấu hiệu chưa được quyết định, 3 người có dấu hiệu');
    expect(text).toContain(`#${shared[0]} Lục Văn Chung — Thị trấn Bắc Sơn`);
    expect(text).toContain(`Một số điện thoại, 3 người đăng ký: cùng số với #${shared[1]}, #${shared[2]}.`);
    expect(text).not.toContain('Hà Văn Riêng');
    const csrf = /name="csrf" value="([^"]+)"/u.exec(page.body)![1]!;
    const registered = async () => (await web.app.services.boards.units('commune')).find((u) => u.code === TOWN.code)!.registered;
    expect(await registered()).toBe(4);

    const forged = await postForm(http(), '/quan-tri/kiem-tra', { csrf: 'x', nguoi: String(shared[2]), 'quyet-dinh': 'loai', 'ly-do': 'tài khoản phụ' }, { cookie: district });
    expect(forged.statusCode).toBe(403);
    expect(await registered()).toBe(4);
    const noReason = await postForm(http(), '/quan-tri/kiem-tra', { csrf, nguoi: String(shared[2]), 'quyet-dinh': 'loai', 'ly-do': ' ' }, { cookie: district });
    expect(noReason.statusCode).toBe(400);

    const posted = await postForm(http(), '/quan-tri/kiem-tra', { csrf, nguoi: String(shared[2]), 'quyet-dinh': 'loai', 'ly-do': 'tài khoản phụ của Lục Văn Chung' }, { cookie: district });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/quan-tri/kiem-tra#nguoi-${shared[2]}`);
    expect(await registered()).toBe(3);
    expect(mainText((await getAs(http(), '/quan-tri/kiem-tra', district)).body)).toMatch(/Đã quyết định: loại — (?:"|&quot;)tài khoản phụ của Lục Văn Chung(?:"|&quot;) \(telegram:900001, 09:00 05\/07\/2023\)/u);

    await postForm(http(), '/quan-tri/kiem-tra', { csrf, nguoi: String(shared[2]), 'quyet-dinh': 'hop-le', 'ly-do': 'đã gọi: vợ chồng và con dùng chung máy' }, { cookie: district });
    expect(await registered()).toBe(4);
    expect(mainText((await getAs(http(), '/quan-tri/kiem-tra', district)).body)).toMatch(/Đã quyết định: hợp lệ — (?:"|&quot;)đã gọi: vợ chồng và con dùng chung máy/u);
  });

  it('should let a unit official neither see the page nor decide', async () => {
    expect((await getAs(http(), '/quan-tri/kiem-tra', unit)).statusCode).toBe(403);
    const page = await getAs(http(), '/quan-tri', unit);
    const csrf = /name="csrf" value="([^"]+)"/u.exec(page.body)![1]!;
    const tried = await postForm(http(), '/quan-tri/kiem-tra', { csrf, nguoi: String(shared[0]), 'quyet-dinh': 'loai', 'ly-do': 'thử' }, { cookie: unit });
    expect(tried.statusCode).toBe(403);
    expect((await getAs(http(), '/quan-tri', district)).body).toContain('<a href="/quan-tri/kiem-tra">Kiểm tra</a>');
    expect((await getAs(http(), '/quan-tri', unit)).body).not.toContain('/quan-tri/kiem-tra');
  });

  it("should store a number shared with Telegram's contact button as verified, and let an official who called mark a typed one verified", async () => {
    const { app } = web;
    const tg = textUser(app, 'tg-contact', { channel: 'telegram' });
    for (const text of ['/start', '1', '1', '1', '0', 'Nông Văn Chia']) await tg.say(text);
    await app.conversation.handle({
      channel: 'telegram',
      userId: 'tg-contact',
      chatId: 'tg-contact',
      isAdmin: false,
      capabilities: { buttons: true, maxLength: 4096, contactButton: true },
      inviteLink: (payload) => `https://t.me/bot?start=${payload}`,
      input: { kind: 'contact', phone: '+84912555666', own: true },
    });
    const shared = (await findParticipant(app.db, 'telegram', 'tg-contact'))!;
    expect([shared.phone, shared.phone_verified_by, shared.phone_verified_at]).toEqual(['0912555666', 'telegram', clock.now()]);

    const page = await getAs(http(), `/quan-tri/don-vi/${TOWN.code}`, unit);
    expect(mainText(page.body)).toMatch(/0912777888 Đánh dấu đã gọi xác minh/u);
    const csrf = /name="csrf" value="([^"]+)"/u.exec(page.body)![1]!;
    const other = await postForm(http(), '/quan-tri/xac-minh-sdt', { csrf, nguoi: String(shared.id), 'don-vi': '06373' }, { cookie: unit });
    expect(other.statusCode).toBe(403);
        const ok = await postForm(http(), '/quan-tri/xac-minh-sdt', { csrf, nguoi: String(called), 'don-vi': TOWN.code }, { cookie: unit });
    expect(ok.statusCode).toBe(303);
    const row = (await app.db.selectFrom('participants').select(['phone_verified_at', 'phone_verified_by']).where('id', '=', called).executeTakeFirstOrThrow());
    expect([Number(row.phone_verified_at), row.phone_verified_by]).toEqual([clock.now(), 'telegram:5001']);
    expect(mainText((await getAs(http(), `/quan-tri/don-vi/${TOWN.code}`, unit)).body)).toContain('0912000999 đã xác minh (telegram:5001, 09:00 05/07/2023)');
  });
});
