import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, tempDir, textUser } from '../helpers/app.ts';
import { grantUnit, person, TOWN } from '../helpers/officials.ts';
import { DISTRICT_ID, getAs, mainText, postForm, signIn, signInToken } from './dashboard-support.ts';
import { COMMUNE, COMMUNE_NAME, playOnWeb, registerOnWeb } from './door-support.ts';
import { csrfOf, enter, openLink, QUIZ_LINK } from './quiz-support.ts';
import { startWebApp } from './support.ts';

/**
 * The officials' fallback sign-in link (issue 23): from a person's row in the dashboard, a unit official for their
 * unit's people, a district official for anyone; attempts made in the session it opens are flagged for review.
 */
describe("the officials' fallback sign-in link", () => {
  const dir = tempDir();
  const clock = testClock('2023-07-05T09:00:00+07:00');
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let district = '';
  let unit = '';
  let own = '';
  let hoa = 0;
  let outsider = 0;

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID } });
    own = await registerOnWeb(http(), { name: 'Lường Thị Hoa', phone: '0912 345 678', commune: COMMUNE, ip: '203.0.113.7' });
    hoa = (await web.app.db.selectFrom('participants').select('id').where('full_name', '=', 'Lường Thị Hoa').executeTakeFirstOrThrow()).id;
    outsider = await person(web.app, 'Đinh Văn Khác', TOWN.code, '0987000333');
    await grantUnit(web.app, COMMUNE, { channel: 'telegram', userId: '5001' }, DISTRICT_ID);
    district = await signIn(http(), await signInToken(web.app, DISTRICT_ID));
    unit = await signIn(http(), await signInToken(web.app, '5001'));
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  const issue = (cookie: string, csrf: string, personId: number, unitCode: string) => postForm(http(), '/quan-tri/link-dang-nhap', { csrf, nguoi: String(personId), 'don-vi': unitCode }, { cookie });

  it("should let a unit official issue a one-time link with its QR code for one of their people, and refuse another unit's person", async () => {
    // An attempt in the person's own session first (the registration's): not flagged.
    expect((await playOnWeb(http(), own)).statusCode).toBe(200);

    const list = await getAs(http(), `/quan-tri/don-vi/${COMMUNE}`, unit);
    expect(mainText(list.body)).toContain('Lường Thị Hoa Tạo link đăng nhập cho người này');
    const csrf = csrfOf(list.body);
    expect((await issue(unit, 'x', hoa, COMMUNE)).statusCode).toBe(403);
    const refused = await issue(unit, csrf, outsider, COMMUNE);
    expect(refused.statusCode).toBe(403);
    expect(mainText(refused.body)).toContain(`Bạn là cán bộ của ${COMMUNE_NAME}`);
    expect((await issue(unit, csrf, outsider, TOWN.code)).statusCode).toBe(403);
    expect(await web.app.db.selectFrom('web_sign_in_tokens').select('token_hash').where('issued_by', 'is not', null).execute()).toHaveLength(0);

    const page = await issue(unit, csrf, hoa, COMMUNE);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const text = mainText(page.body);
    expect(text).toContain('Link đăng nhập cho Lường Thị Hoa');
    expect(text).toContain('Link dùng được một lần, hết hạn lúc 09:10 05/07/2023.');
    expect(text).toContain('Các bài thi làm trong phiên đăng nhập bằng link này được đánh dấu để cán bộ huyện kiểm tra');
    expect(text).toContain('Link do telegram:5001 tạo lúc 09:00 05/07/2023.');
    expect(page.body).toMatch(/<div class="qr" role="img" aria-label="Mã QR: link đăng nhập trang thi"><svg /u);
    const token = QUIZ_LINK.exec(text)![2]!;
    const row = await web.app.db.selectFrom('web_sign_in_tokens').select(['kind', 'channel', 'issued_by']).where('issued_by', 'is not', null).executeTakeFirstOrThrow();
    expect(row).toEqual({ kind: 'participant', channel: 'web', issued_by: 'telegram:5001' });

    // The link signs the person in, once; the session carries the official who issued it.
    const session = await enter(http(), token);
    expect((await getAs(http(), '/thi', session)).body).toContain('Lường Thị Hoa');
    expect((await openLink(http(), token)).res.statusCode).toBe(410);
    const opened = await web.app.db.selectFrom('web_sessions').select('opened_by').where('opened_by', 'is not', null).execute();
    expect(opened).toEqual([{ opened_by: 'telegram:5001' }]);

    expect((await playOnWeb(http(), session)).statusCode).toBe(200);
    const attempts = await web.app.db.selectFrom('attempts').select(['opened_by']).where('participant_id', '=', hoa).orderBy('id').execute();
    expect(attempts).toEqual([{ opened_by: null }, { opened_by: 'telegram:5001' }]);
    // Back in the person's own session, the next attempt is theirs alone.
    expect((await playOnWeb(http(), own)).statusCode).toBe(200);
    const all = await web.app.db.selectFrom('attempts').select(['opened_by']).where('participant_id', '=', hoa).orderBy('id').execute();
    expect(all.map((a) => a.opened_by)).toEqual([null, 'telegram:5001', null]);
  });

  it('should show the flag "opened by an official" with the official named, for that attempt only', async () => {
    const text = mainText((await getAs(http(), '/quan-tri/kiem-tra', district)).body);
    expect(text).toContain(`#${hoa} Lường Thị Hoa`);
    expect(text.match(/làm trong phiên đăng nhập do cán bộ telegram:5001 mở hộ \(link dự phòng\)/gu)).toHaveLength(1);
    // The unit official reads their unit's flags in the chat.
    const chat = await textUser(web.app, '5001', { channel: 'telegram' }).say('/kiemtra');
    expect(chat).toContain('Lường Thị Hoa');
    expect(chat.match(/do cán bộ telegram:5001 mở hộ/gu)).toHaveLength(1);
  });

  it('should let a district official issue the link for anyone, a chat person included', async () => {
    const csrf = csrfOf((await getAs(http(), `/quan-tri/don-vi/${TOWN.code}`, district)).body);
    const page = await issue(district, csrf, outsider, TOWN.code);
    expect(page.statusCode).toBe(200);
    expect(mainText(page.body)).toContain(`Link do telegram:${DISTRICT_ID} tạo lúc`);
    const session = await enter(http(), QUIZ_LINK.exec(mainText(page.body))![2]!);
    expect((await getAs(http(), '/thi', session)).body).toContain('Đinh Văn Khác');
    expect((await issue(district, csrf, outsider, COMMUNE)).statusCode).toBe(404);
  });
});
