import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, tempDir, textUser } from '../helpers/app.ts';
import { askWeb, cookieOf, getAs, mainText, postForm, setCookies, signInToken, DISTRICT_ID } from './dashboard-support.ts';
import { answer, chatPerson, csrfOf, enter, openLink, questionForm, QUIZ_LINK } from './quiz-support.ts';
import { startWebApp } from './support.ts';

const START = '2023-07-05T09:00:00+07:00';

/** The web quiz (issue 22) through fastify inject: the personal link, the session, and a quiz on the chat's rules. */
describe('web quiz (fastify inject)', () => {
  const dir = tempDir();
  const clock = testClock(START);
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let people = 0;
  /** A fresh Zalo person (a new number each time) who typed /thi: their link and chat. */
  async function fresh(channel = 'zalo') {
    people += 1;
    const p = await chatPerson(web.app, `${channel}-${people}`, `Người Thử ${String.fromCharCode(64 + people)}`, channel);
    return { ...p, link: await p.thi() };
  }
  const answersOf = async (attemptId: string) => web.app.db.selectFrom('answers').select(['position', 'answered_at']).where('attempt_id', '=', Number(attemptId)).orderBy('position').execute();

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path, env: { ADMIN_TELEGRAM_IDS: DISTRICT_ID } });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('/thi should offer "Làm bài trên web" with a one-time link in Zalo and the local chat, not where there are buttons', async () => {
    const zalo = await fresh('zalo');
    expect(zalo.link.text).toContain('🌐 Làm bài trên web (bấm chọn đáp án thay vì gõ): https://cds.example.vn/thi/vao?t=');
    expect(zalo.link.text).toContain('hết hạn lúc 09:10 05/07/2023');
    const local = await fresh('terminal');
    expect(local.link.url).toMatch(/^https:\/\/cds\.example\.vn\/thi\/vao\?t=/u);
    // Telegram has buttons: the question comes with them, and no link.
    const telegram = textUser(web.app, 'tg-1', { channel: 'telegram' });
    await telegram.register('Người Telegram', 1);
    const reply = await web.app.conversation.handle({
      channel: 'telegram',
      userId: 'tg-1',
      chatId: 'tg-1',
      isAdmin: false,
      capabilities: { buttons: true, maxLength: 4096, contactButton: true },
      inviteLink: (p) => p,
      input: { kind: 'text', text: '/thi' },
    });
    expect(reply.messages.map((m) => m.text).join('\n')).not.toMatch(QUIZ_LINK);
  });

  it('should show the button on every GET of the link and spend it only by its POST; a second POST is refused', async () => {
    const { link } = await fresh();
    for (let i = 0; i < 2; i++) {
      const page = await openLink(http(), link.token);
      expect(page.res.statusCode).toBe(200);
      expect(page.res.body).toContain('<form method="post" action="/thi/vao">');
      expect(page.res.body).toContain('<button class="button big" type="submit">Vào làm bài</button>');
      expect(page.res.headers['cache-control']).toBe('no-store');
    }
    const page = await openLink(http(), link.token);
    const res = await postForm(http(), '/thi/vao', { t: link.token, csrf: page.csrf }, { cookie: page.cookie });
    expect(res.statusCode).toBe(303);
    const cookie = setCookies(res).find((c) => c.startsWith('cds_thi='))!;
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).toMatch(/^cds_thi=[A-Za-z0-9_-]{43}$/u);
    // Until the contest closes (31/7/2023 00:00 +07), from 5/7 09:00.
    const maxAge = (Date.parse('2023-07-31T00:00:00+07:00') - Date.parse(START)) / 1000;
    expect(attributes.sort()).toEqual(['HttpOnly', `Max-Age=${maxAge}`, 'Path=/thi', 'SameSite=Lax', 'Secure']);
    const again = await postForm(http(), '/thi/vao', { t: link.token, csrf: page.csrf }, { cookie: page.cookie });
    expect(again.statusCode).toBe(410);
    expect(mainText(again.body)).toContain('Link này đã được dùng. Gõ /thi trong chat với bot để nhận link mới.');
    expect(cookieOf(again, 'cds_thi')).toBeUndefined();
    expect((await openLink(http(), link.token)).res.statusCode).toBe(410);
  });

  it('should refuse an expired link (410) on GET and POST, an unknown one (403), and an official\'s /web link', async () => {
    const { link } = await fresh();
    const page = await openLink(http(), link.token);
    clock.advance(10 * 60_000 + 1);
    try {
      const get = await openLink(http(), link.token);
      expect(get.res.statusCode).toBe(410);
      expect(mainText(get.res.body)).toContain('Link này đã hết hạn.');
      const post = await postForm(http(), '/thi/vao', { t: link.token, csrf: page.csrf }, { cookie: page.cookie });
      expect(post.statusCode).toBe(410);
    } finally {
      clock.set(START);
    }
    expect((await openLink(http(), 'x'.repeat(43))).res.statusCode).toBe(403);
    // The two kinds of link never open each other's pages.
    const official = await signInToken(web.app, DISTRICT_ID);
    expect((await openLink(http(), official)).res.statusCode).toBe(403);
    const quizLink = (await fresh()).link.token;
    expect((await http().inject({ method: 'GET', url: `/quan-tri/dang-nhap?t=${quizLink}` })).statusCode).toBe(403);
    expect((await askWeb(web.app, DISTRICT_ID)).text).toContain('/quan-tri/dang-nhap?t=');
  });

  it('should refuse the link\'s POST without its CSRF cookie and value, leaving the link unspent', async () => {
    const { link } = await fresh();
    const page = await openLink(http(), link.token);
    expect((await postForm(http(), '/thi/vao', { t: link.token }, { cookie: page.cookie })).statusCode).toBe(403);
    expect((await postForm(http(), '/thi/vao', { t: link.token, csrf: page.csrf })).statusCode).toBe(403);
    expect(await enter(http(), link.token)).toMatch(/^cds_thi=/u);
  });

  it('should show the current question, name whose session it is, and stamp the question as shown when it renders', async () => {
    const { link } = await fresh();
    const session = await enter(http(), link.token);
    clock.advance(5_000);
    const res = await getAs(http(), '/thi', session);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain('Câu 1/10');
    // The attempt began at 09:00 with /thi in the chat: 15 minutes.
    expect(text).toContain('Nộp trước 09:15');
    expect(res.body).toContain('Bạn đang làm bài với tên: Người Thử');
    expect(res.body).toContain('<button type="submit" class="link">Không phải tôi</button>');
    const form = questionForm(res.body);
    expect(form.options).toHaveLength(4);
    expect(res.body).not.toMatch(/correct|dung=|is_correct/u);
    const row = await web.app.db.selectFrom('attempt_questions').select('shown_at').where('attempt_id', '=', Number(form.a)).where('position', '=', 0).executeTakeFirstOrThrow();
    // Stamped by the chat at /thi (09:00); the page keeps the earliest stamp.
    expect(Number(row.shown_at)).toBe(Date.parse(START));
    clock.set(START);
  });

  it('should record an answer POSTed twice once, and refuse an answer to another question with the current one', async () => {
    const { link } = await fresh();
    const session = await enter(http(), link.token);
    const form = questionForm((await getAs(http(), '/thi', session)).body);
    const first = await answer(http(), session, form, 0);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/thi');
    const second = await answer(http(), session, form, 1);
    expect(second.statusCode).toBe(409);
    expect(mainText(second.body)).toContain('Câu trả lời đó không được ghi nhận');
    expect(mainText(second.body)).toContain('Câu 2/10');
    expect((await answersOf(form.a)).map((a) => a.position)).toEqual([0]);
    // An answer for question 4 while question 2 is current: refused, nothing recorded, question 2 shown.
    const ahead = await answer(http(), session, { ...form, p: '3' }, 0);
    expect(ahead.statusCode).toBe(409);
    expect(mainText(ahead.body)).toContain('Câu 2/10');
    expect((await answersOf(form.a)).map((a) => a.position)).toEqual([0]);
  });

  it('should refuse an answer without the session\'s CSRF value (403), recording nothing', async () => {
    const { link } = await fresh();
    const session = await enter(http(), link.token);
    const form = questionForm((await getAs(http(), '/thi', session)).body);
    const res = await answer(http(), session, { ...form, csrf: '' }, 0);
    expect(res.statusCode).toBe(403);
    expect(mainText(res.body)).toContain('Biểu mẫu đã hết hiệu lực.');
    expect(await answersOf(form.a)).toEqual([]);
    // Without the cookie: no session at all.
    expect((await postForm(http(), '/thi/tra-loi', { a: form.a, p: form.p, csrf: form.csrf, o: '0' })).statusCode).toBe(401);
  });

  it('should show "Hết giờ" with the result for a POST after the deadline, not an error', async () => {
    const { link } = await fresh();
    const session = await enter(http(), link.token);
    const form = questionForm((await getAs(http(), '/thi', session)).body);
    clock.advance(15 * 60_000);
    try {
      const late = await answer(http(), session, form, 0);
      expect(late.statusCode).toBe(303);
      const result = await getAs(http(), late.headers.location as string, session);
      expect(result.statusCode).toBe(200);
      const text = mainText(result.body);
      expect(text).toMatch(/^Hết giờ ⏰ Đã hết thời gian làm bài/u);
      expect(text).toContain('Bạn trả lời đúng 0/10 câu');
      expect(await answersOf(form.a)).toEqual([]);
    } finally {
      clock.set(START);
    }
  });

  it('should play whole attempts shared with the chat: the same attempts per round, whichever answers', async () => {
    const person = await fresh();
    // Question 1 in the chat, the rest on the web.
    await person.user.say('A');
    const session = await enter(http(), person.link.token);
    let page = await getAs(http(), '/thi', session);
    expect(mainText(page.body)).toContain('Câu 2/10');
    const attemptId = questionForm(page.body).a;
    for (let q = 2; q <= 10; q++) {
      const form = questionForm(page.body);
      expect(form.p).toBe(String(q - 1));
      clock.advance(1_000);
      const res = await answer(http(), session, form, 1);
      expect(res.statusCode).toBe(303);
      page = await getAs(http(), res.headers.location as string, session);
    }
    let text = mainText(page.body);
    expect(text).toMatch(/^Kết quả lượt thi 🏁 Hoàn thành! Bạn trả lời đúng \d+\/10 câu trong 9 giây\./u);
    expect(text).toContain('Các câu trả lời chưa đúng:');
    expect(text).toContain('Đáp án đúng:');
    expect(text).toContain('Nguồn:');
    expect(text).toContain('Bạn còn 2 lượt thi trong vòng này');
    expect(page.body).toContain('Thi lượt tiếp</button>');
    // The answers' times are the requests' arrival (the service clock), one second apart.
    expect((await answersOf(attemptId)).map((a) => Number(a.answered_at) - Date.parse(START))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => s * 1000));
    // Attempt 2 in the chat: its count includes the web's.
    const second = await person.user.say('/thi');
    expect(second).toContain('lượt thi 2/3');
    for (let q = 0; q < 10; q++) await person.user.say('B');
    // Attempt 3 from the result page's "Thi lượt tiếp".
    const start = await postForm(http(), '/thi/bat-dau', { csrf: csrfOf(page.body) }, { cookie: session });
    expect(start.statusCode).toBe(303);
    page = await getAs(http(), '/thi', session);
    for (let q = 1; q <= 10; q++) {
      const res = await answer(http(), session, questionForm(page.body), 2);
      page = await getAs(http(), res.headers.location as string, session);
    }
    text = mainText(page.body);
    expect(text).toContain('Bạn đã dùng hết lượt thi của vòng này.');
    expect(page.body).not.toContain('Thi lượt tiếp');
    // The chat and the web agree: no attempt left in the round.
    expect(await person.user.say('/thi')).toContain('hết');
    const refused = await postForm(http(), '/thi/bat-dau', { csrf: csrfOf(page.body) }, { cookie: session });
    expect(refused.statusCode).toBe(200);
    expect(mainText(refused.body)).toContain('Chưa thể thi');
    const attempts = await web.app.services.quiz.finishedAttempts((await web.app.services.participants.find('zalo', `zalo-${people}`))!.id);
    expect(attempts).toHaveLength(3);
  });

  it('"Không phải tôi" should end the session on this browser', async () => {
    const { link } = await fresh();
    const session = await enter(http(), link.token);
    const page = await getAs(http(), '/thi', session);
    const out = await postForm(http(), '/thi/thoat', { csrf: csrfOf(page.body) }, { cookie: session });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/thi/vao?ra=1');
    expect(setCookies(out).find((c) => c.startsWith('cds_thi='))).toContain('Max-Age=0');
    const after = await getAs(http(), '/thi', session);
    expect(after.statusCode).toBe(401);
    expect(mainText(after.body)).toContain('gõ /thi trong chat với bot');
  });

  it('should end the session of a person who deleted their data in the chat', async () => {
    const person = await fresh();
    const session = await enter(http(), person.link.token);
    expect((await getAs(http(), '/thi', session)).statusCode).toBe(200);
    // Confirmed with its button's data (a typed "1" would answer the open question).
    const ask = await person.user.reply('/xoadulieu');
    const confirm = ask.messages.flatMap((m) => m.choices ?? [])[0]!;
    expect((await person.user.tap(confirm.data)).messages.map((m) => m.text).join('\n')).toContain('vẫn được tính ẩn danh');
    const after = await getAs(http(), '/thi', session);
    expect(after.statusCode).toBe(401);
    expect(mainText(after.body)).toContain('Phiên làm bài đã kết thúc.');
  });

  it('should say up front when the round\'s close cuts the attempt short', async () => {
    // Round 1 closes at 10/7 00:00: an attempt begun at 23:50 has 10 minutes, not 15.
    clock.set('2023-07-09T23:50:00+07:00');
    try {
      const { link } = await fresh();
      const session = await enter(http(), link.token);
      const text = mainText((await getAs(http(), '/thi', session)).body);
      expect(text).toContain('Nộp trước 00:00');
      expect(text).toContain('Vòng thi đóng lúc 00:00, nên lượt thi này kết thúc sớm hơn thời gian làm bài.');
    } finally {
      clock.set(START);
    }
  });
});
