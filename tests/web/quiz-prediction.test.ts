import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock, tempDir } from '../helpers/app.ts';
import { getAs, mainText, postForm } from './dashboard-support.ts';
import { answer, chatPerson, csrfOf, enter, questionForm } from './quiz-support.ts';
import { startWebApp } from './support.ts';

const START = '2023-07-05T09:00:00+07:00';

/** The web quiz after an attempt (issue 22): the tie-break prediction, then the round's published results. */
describe('web quiz: prediction and round results (fastify inject)', () => {
  const dir = tempDir();
  const clock = testClock(START);
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let people = 0;
  /** A fresh Zalo person signed in on the web: their chat and session cookie. */
  async function signedIn() {
    people += 1;
    const p = await chatPerson(web.app, `zalo-p${people}`, `Người Dự Đoán ${String.fromCharCode(64 + people)}`);
    return { ...p, session: await enter(http(), (await p.thi()).token) };
  }
  /** Answers the whole attempt on the web (option `o` each time): the result page. */
  async function playWeb(session: string, o = 0) {
    let page = await getAs(http(), '/thi', session);
    for (let q = 0; q < 10; q++) {
      clock.advance(1_000);
      const res = await answer(http(), session, questionForm(page.body), o);
      expect(res.statusCode).toBe(303);
      page = await getAs(http(), res.headers.location as string, session);
    }
    return { page, attemptId: /name="a" value="(\d+)"/u.exec(page.body)?.[1] ?? '' };
  }
  const predictions = (attemptId: string) => web.app.db.selectFrom('predictions').select('value').where('attempt_id', '=', Number(attemptId)).execute();
  const predict = (session: string, form: { a: string; csrf: string }, v: string) => postForm(http(), '/thi/du-doan', { a: form.a, csrf: form.csrf, v }, { cookie: session });

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  it('should ask the prediction on the result page with a labelled numeric field, stamped as shown as it renders', async () => {
    const { session } = await signedIn();
    const { page, attemptId } = await playWeb(session);
    const text = mainText(page.body);
    expect(text).toMatch(/^Kết quả lượt thi 🏁 Hoàn thành!/u);
    expect(text).toContain('Câu hỏi dự đoán Dùng để phân định khi bằng điểm');
    expect(text).toContain(web.app.campaign.predictionQuestion);
    expect(page.body).toContain('<label for="du-doan" class="qtext">');
    expect(page.body).toMatch(/<input id="du-doan" name="v" type="text" inputmode="numeric"/u);
    expect(page.body).toContain('Gửi dự đoán</button>');
    const attempt = await web.app.db.selectFrom('attempts').select('prediction_shown_at').where('id', '=', Number(attemptId)).executeTakeFirstOrThrow();
    expect(attempt.prediction_shown_at).not.toBeNull();
  });

  it('should refuse what the chat refuses with the chat\'s words, record a valid value once, and show it', async () => {
    const { session } = await signedIn();
    const { page, attemptId } = await playWeb(session);
    const form = { a: attemptId, csrf: csrfOf(page.body) };
    const bad = await predict(session, form, 'khoảng 100');
    expect(bad.statusCode).toBe(400);
    expect(mainText(bad.body)).toContain('Vui lòng gõ một số nguyên không âm, ví dụ 150 (gõ 0 nếu bạn dự đoán không có ai).');
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('value="khoảng 100"');
    const large = await predict(session, form, '20000000');
    expect(large.statusCode).toBe(400);
    expect(mainText(large.body)).toContain('Số dự đoán tối đa là 10.000.000.');
    expect(await predictions(attemptId)).toEqual([]);
    // Without the session's CSRF value: refused, nothing recorded.
    expect((await predict(session, { a: attemptId, csrf: 'x' }, '150')).statusCode).toBe(403);
    // Vietnamese thousands separators, as in the chat; a second POST (double tap, back and resend) records nothing.
    const ok = await predict(session, form, '1.250');
    expect([ok.statusCode, ok.headers.location]).toEqual([303, `/thi/ket-qua/${attemptId}`]);
    const again = await predict(session, form, '99');
    expect([again.statusCode, again.headers.location]).toEqual([303, `/thi/ket-qua/${attemptId}`]);
    expect(await predictions(attemptId)).toEqual([{ value: 1250 }]);
    const result = await getAs(http(), `/thi/ket-qua/${attemptId}`, session);
    expect(mainText(result.body)).toContain('Đã ghi nhận dự đoán của bạn: 1.250.');
    expect(result.body).not.toContain('action="/thi/du-doan"');
    // Another person's attempt: refused.
    const other = await signedIn();
    expect((await predict(other.session, { a: attemptId, csrf: csrfOf((await getAs(http(), '/thi', other.session)).body) }, '5')).statusCode).toBe(404);
  });

  it('should answer the chat\'s prediction step too: a number typed in the chat afterwards is not taken for it', async () => {
    const person = await signedIn();
    // The whole attempt in the chat: it asks the prediction; the person answers it on the web instead.
    let last = '';
    for (let q = 0; q < 10; q++) last = await person.user.say('A');
    expect(last).toContain('Câu hỏi dự đoán');
    const attempt = (await web.app.services.quiz.finishedAttempts((await web.app.services.participants.find('zalo', `zalo-p${people}`))!.id)).at(-1)!;
    const result = await getAs(http(), `/thi/ket-qua/${attempt.id}`, person.session);
    expect(result.body).toContain('action="/thi/du-doan"');
    expect((await predict(person.session, { a: String(attempt.id), csrf: csrfOf(result.body) }, '42')).statusCode).toBe(303);
    await person.user.say('77');
    expect(await predictions(String(attempt.id))).toEqual([{ value: 42 }]);
  });

  it('should show the round\'s published winners on the result page once final, and take no prediction after the close', async () => {
    const { session } = await signedIn();
    const { page, attemptId } = await playWeb(session, 1);
    expect(mainText(page.body)).toContain('Kết quả vòng thi Kết quả Tuần 1 được công bố sau khi vòng đóng lúc 00:00 10/07/2023.');
    const csrf = csrfOf(page.body);
    // Round 1 has closed and its review time (results.review_days, 3) has passed: the web clicks here are faster than
    // anyone reads, so the attempt is flagged and the results waited for the review. The session lasts until the
    // campaign's close.
    clock.set('2023-07-13T09:00:00+07:00');
    try {
      const result = await getAs(http(), `/thi/ket-qua/${attemptId}`, session);
      expect(result.statusCode).toBe(200);
      const published = (await web.app.services.public.winners(3)).find((w) => w.round.id === web.app.campaign.rounds[0]!.id)!;
      expect(published.winners.length).toBeGreaterThan(0);
      const text = mainText(result.body);
      expect(text).toContain('Kết quả vòng thi Tuần 1 Giải Họ và tên Đơn vị');
      for (const w of published.winners) expect(text).toContain(`${w.prize} ${w.name} ${w.unit}`);
      expect(result.body).toContain('<a href="/#ket-qua">Xem kết quả chung trên trang chủ</a>');
      expect(result.body).not.toContain('action="/thi/du-doan"');
      const late = await predict(session, { a: attemptId, csrf }, '10');
      expect(mainText(late.body)).toContain('Vòng thi của lượt này đã đóng, không nhận dự đoán nữa.');
      expect(await predictions(attemptId)).toEqual([]);
    } finally {
      clock.set(START);
    }
  });
});
