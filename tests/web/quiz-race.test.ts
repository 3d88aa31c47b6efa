import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { tempDir, testClock } from '../helpers/app.ts';
import { getAs, mainText } from './dashboard-support.ts';
import { answer, chatPerson, enter, questionForm } from './quiz-support.ts';
import { startWebApp } from './support.ts';

const START = '2023-07-05T09:00:00+07:00';

/** Runs `fn` after `turns` turns of the event loop. */
async function later<T>(turns: number, fn: () => Promise<T>): Promise<T> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
  return fn();
}
const PEOPLE = 4;

/**
 * A web answer (POST /thi/tra-loi) and a chat answer (typed in Zalo, through the dialogue) of the same person arriving
 * at the same instant (issue 22): the quiz service locks the open attempt's row first (PostgreSQL), so they run one
 * after the other — one is recorded, the other reads it and is told so, and every counter counts it once. Run on both
 * databases, many times over (each question of several people's attempts), since which one wins depends on the
 * interleaving. Without the lock the answers' key alone still records one answer (nothing is counted twice), but on
 * PostgreSQL the chat's loser, having read the question before the web's answer was committed, was refused as if its
 * question were stale ("Câu hỏi này đã được trả lời…") instead of being shown where the attempt now is.
 */
describe('web and chat answers of the same person at the same instant', () => {
  const dir = tempDir();
  const clock = testClock(START);
  let web: Awaited<ReturnType<typeof startWebApp>>;
  const http = () => web.http.fastify;
  let people = 0;

  beforeAll(async () => {
    web = await startWebApp({ now: clock.now, dir: dir.path });
  });
  afterAll(async () => {
    await web.close();
    dir.remove();
  });

  /** A fresh Zalo person signed in on the web, on question 1 of a new attempt (the page rendered: shown). */
  async function onTheWeb() {
    people += 1;
    const person = await chatPerson(web.app, `race-${people}`, `Người Đua ${String.fromCharCode(64 + people)}`);
    const session = await enter(http(), (await person.thi()).token);
    const id = (await web.app.services.participants.find('zalo', `race-${people}`))!.id;
    return { ...person, session, id, page: async () => (await getAs(http(), '/thi', session)).body };
  }
  const answersOf = (attemptId: string) =>
    web.app.db.selectFrom('answers').select(['position', 'chosen_index', 'is_correct']).where('attempt_id', '=', Number(attemptId)).orderBy('position').execute();
  const attemptOf = (attemptId: string) => web.app.db.selectFrom('attempts').selectAll().where('id', '=', Number(attemptId)).executeTakeFirstOrThrow();

  it('should record one of the two answers to each question, tell the other, and count the attempt once', async () => {
    const wins = { web: 0, chat: 0 };
    const finished: string[] = [];
    for (let n = 0; n < PEOPLE; n++) {
      const person = await onTheWeb();
      let body = await person.page();
      const attemptId = questionForm(body).a;
      for (let q = 1; q <= 10; q++) {
        const form = questionForm(body);
        expect(mainText(body)).toContain(`Câu ${q}/10`);
        expect(form.p).toBe(String(q - 1));
        clock.advance(1_000);
        // The web chooses A, the chat types B: the recorded choice tells which one won.
        // Which one reaches the database first varies with the turns of the event loop the chat's answer waits.
        const [webRes, chatText] = await Promise.all([answer(http(), person.session, form, 0), later(q % 4, () => person.user.say('B'))]);
        const recorded = await answersOf(attemptId);
        expect(recorded.map((r) => r.position)).toEqual([...Array(q).keys()]);
        const chosenShown = await shownChoice(attemptId, q - 1);
        if (chosenShown === 0) {
          wins.web += 1;
          // The web's answer was recorded: its redirect; the chat was shown where the attempt is now.
          expect(webRes.statusCode).toBe(303);
          if (q < 10) expect(chatText).toContain(`Bạn đang làm dở một lượt thi — tiếp tục từ câu chưa trả lời.\nCâu ${q + 1}/10`);
          else expect(chatText).toMatch(/Chưa hiểu yêu cầu của bạn|Hoàn thành|Đã hết giờ/u);
        } else {
          expect(chosenShown).toBe(1);
          wins.chat += 1;
          // The chat's answer was recorded: its next question (or the end); the web told in Vietnamese.
          if (q < 10) {
            expect(chatText).toContain(`Câu ${q + 1}/10`);
            expect(webRes.statusCode).toBe(409);
            expect(mainText(webRes.body)).toContain('Câu trả lời đó không được ghi nhận: câu hỏi ấy đã được trả lời hoặc không phải câu đang chờ.');
            expect(mainText(webRes.body)).toContain(`Câu ${q + 1}/10`);
          } else {
            expect(chatText).toContain('Hoàn thành! Bạn trả lời đúng');
            expect(webRes.statusCode).toBe(303);
            expect(webRes.headers.location).toBe(`/thi/ket-qua/${attemptId}`);
          }
        }
        body = await person.page();
      }
      finished.push(attemptId);
      body = (await getAs(http(), `/thi/ket-qua/${attemptId}`, person.session)).body;
      // Counted once: the score is the correct answers, one finished attempt, the person's and the units' totals.
      const recorded = await answersOf(attemptId);
      expect(recorded).toHaveLength(10);
      const attempt = await attemptOf(attemptId);
      expect(attempt.finished_at).not.toBeNull();
      expect(Number(attempt.score)).toBe(recorded.filter((r) => Number(r.is_correct) === 1).length);
      const row = await web.app.db.selectFrom('participants').select(['finished_attempts', 'overall_score']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(Number(row.finished_attempts)).toBe(1);
      expect(Number(row.overall_score)).toBe(Number(attempt.score));
      expect(mainText(body)).toContain(`Bạn trả lời đúng ${Number(attempt.score)}/10 câu`);
      expect(mainText(body)).toContain('Bạn còn 2 lượt thi trong vòng này');
    }
    const scores = await Promise.all(finished.map(async (a) => Number((await attemptOf(a)).score)));
    const totals = await web.app.db.selectFrom('unit_totals').select((eb) => [eb.fn.sum<number>('attempts').as('attempts'), eb.fn.sum<number>('score_sum').as('score')]).where('code', 'like', '%').executeTakeFirstOrThrow();
    // Each person counts under their commune (and no agency): the units' sums are the attempts' once each.
    expect(Number(totals.attempts)).toBe(PEOPLE);
    expect(Number(totals.score)).toBe(scores.reduce((a, b) => a + b, 0));
    // Every answer was one of the two (never both, never neither), and each side won some races: both orders were run.
    expect(wins.web + wins.chat).toBe(PEOPLE * 10);
    expect(wins.web).toBeGreaterThan(0);
    expect(wins.chat).toBeGreaterThan(0);
  });

  it('should let two answers meant for different questions, racing, advance the attempt by one question only', async () => {
    for (let n = 0; n < PEOPLE; n++) {
      const person = await onTheWeb();
      // Question 1 answered on the web; the web now shows question 2, while the chat still shows question 1.
      const first = questionForm(await person.page());
      expect((await answer(http(), person.session, first, 0)).statusCode).toBe(303);
      const body = await person.page();
      const second = questionForm(body);
      expect(mainText(body)).toContain('Câu 2/10');
      clock.advance(1_000);
      // The web answers question 2; the chat, meaning question 1, types an answer at the same instant.
      const [webRes, chatText] = await Promise.all([answer(http(), person.session, second, 0), later(n % 4, () => person.user.say('B'))]);
      const recorded = await answersOf(first.a);
      // One of them took question 2; question 3 (shown to no one) was not answered.
      expect(recorded.map((r) => r.position)).toEqual([0, 1]);
      const webWon = (await shownChoice(first.a, 1)) === 0;
      if (webWon) {
        expect(webRes.statusCode).toBe(303);
        expect(chatText).toContain('Bạn đang làm dở một lượt thi — tiếp tục từ câu chưa trả lời.\nCâu 3/10');
      } else {
        expect(chatText).toContain('Câu 3/10');
        expect(webRes.statusCode).toBe(409);
        expect(mainText(webRes.body)).toContain('Câu trả lời đó không được ghi nhận');
      }
      expect(mainText(await person.page())).toContain('Câu 3/10');
    }
  });

  /** The shown position of the option recorded for question `position` of an attempt (null while unanswered). */
  const shownChoice = async (attemptId: string, position: number) => (await getAttemptItems(web.app.db, Number(attemptId)))[position]!.chosenShown;
});
