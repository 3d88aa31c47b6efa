import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { answerQuestion, startOrResume } from '../../src/services/quiz.ts';
import { getAttemptItems } from '../../src/storage/repos/attempts.ts';
import { findParticipant } from '../../src/storage/repos/participants.ts';
import { createTestApp, tempDir, testClock, textUser } from '../helpers/app.ts';

// Week 2 of the shipped 2023 campaign.
const WEEK2 = '2023-07-12T09:00:00+07:00';

describe('quiz on a real SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let app: App;
  const clock = testClock(WEEK2);

  beforeEach(async () => {
    dir = tempDir();
    clock.set(WEEK2);
    app = await createTestApp({ now: clock.now, dir: dir.path });
  });
  afterEach(async () => {
    await app.close();
    dir.remove();
  });

  async function registered(name = 'Lộc Văn Thành') {
    const user = textUser(app, `u-${name}`);
    await user.register(name, 3);
    const p = (await findParticipant(app.db, 'test', `u-${name}`))!;
    return { user, id: p.id };
  }

  it('should resume an attempt with the same questions and option order after a restart', async () => {
    const { user, id } = await registered();
    await user.say('/thi');
    await user.say('A');
    const before = await startOrResume(app.deps, id);
    expect(before.kind).toBe('question');
    const itemsBefore = await getAttemptItems(app.db, before.kind === 'question' ? before.attempt.id : 0);
    await app.close();

    app = await createTestApp({ now: clock.now, dir: dir.path, seed: 999 });
    const after = await startOrResume(app.deps, id);
    expect(after.kind === 'question' && after.resumed).toBe(true);
    if (after.kind !== 'question' || before.kind !== 'question') throw new Error('unreachable');
    expect(after.item.position).toBe(1);
    expect(after.attempt.id).toBe(before.attempt.id);
    expect(await getAttemptItems(app.db, after.attempt.id)).toEqual(itemsBefore);
    expect(await textUser(app, 'u-Lộc Văn Thành').say('B')).toContain('Câu 3/10');
  });

  it('should record a repeated answer to the same question only once', async () => {
    const { user, id } = await registered();
    await user.say('/thi');
    const start = await startOrResume(app.deps, id);
    if (start.kind !== 'question') throw new Error('no question');
    const tap = { attemptId: start.attempt.id, position: 0 };
    expect((await answerQuestion(app.deps, id, 1, tap)).kind).toBe('next');
    expect((await answerQuestion(app.deps, id, 2, tap)).kind).toBe('stale');
    const items = await getAttemptItems(app.db, start.attempt.id);
    expect(items[0]!.chosenShown).toBe(1);
  });

  it('should count a typed answer only from the time its question was shown, keeping the earliest stamp', async () => {
    const { id } = await registered();
    const start = await startOrResume(app.deps, id);
    if (start.kind !== 'question') throw new Error('no question');
    const attemptId = start.attempt.id;
    // Never shown (its message failed or expired): not applied.
    expect((await answerQuestion(app.deps, id, 1)).kind).toBe('unshown');
    await app.services.quiz.markShown(attemptId, 0, clock.now() + 5_000);
    await app.services.quiz.markShown(attemptId, 0, clock.now() + 1_000);
    await app.services.quiz.markShown(attemptId, 0, clock.now() + 9_000);
    expect((await getAttemptItems(app.db, attemptId))[0]!.shownAt).toBe(clock.now() + 1_000);
    // Received before it was shown: early (no earlier answer to be a copy of).
    expect((await answerQuestion(app.deps, id, 1)).kind).toBe('early');
    // At the very millisecond it was shown: counts.
    clock.advance(1_000);
    expect((await answerQuestion(app.deps, id, 1)).kind).toBe('next');
    await app.services.quiz.markShown(attemptId, 1, clock.now() + 500);
    // The same letter again before the next question was shown: a copy of the answer just given; another letter: early.
    expect((await answerQuestion(app.deps, id, 1)).kind).toBe('duplicate');
    expect((await answerQuestion(app.deps, id, 2)).kind).toBe('early');
    // A tap says which question it answers: counted whenever it arrives.
    expect((await answerQuestion(app.deps, id, 2, { attemptId, position: 1 })).kind).toBe('next');
    expect((await getAttemptItems(app.db, attemptId)).map((i) => i.chosenShown).slice(0, 3)).toEqual([1, 2, null]);
  });

  it('should accept exactly one of several concurrent answers to one question', async () => {
    const { id } = await registered();
    const start = await startOrResume(app.deps, id);
    if (start.kind !== 'question') throw new Error('no question');
    const tap = { attemptId: start.attempt.id, position: 0 };
    const results = await Promise.all([0, 1, 2, 3, 0, 1].map((i) => answerQuestion(app.deps, id, i, tap)));
    expect(results.filter((r) => r.kind === 'next')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'stale')).toHaveLength(5);
    const answered = (await getAttemptItems(app.db, start.attempt.id)).filter((i) => i.chosenShown !== null);
    expect(answered).toHaveLength(1);
  });

  it('should refuse answers after the time allowed and close the attempt with unanswered questions wrong', async () => {
    const { user } = await registered();
    await user.say('/thi');
    await user.say('A');
    clock.advance(15 * 60_000 + 1);
    const reply = await user.say('B');
    expect(reply).toContain('Đã hết thời gian làm bài');
    expect(reply).toMatch(/Hoàn thành! Bạn trả lời đúng [01]\/10 câu trong 15 phút 0 giây/u);
    expect(reply).toContain('(chưa trả lời)');
  });

  it('should allow three attempts per round and refuse a fourth, and count the best one', async () => {
    const { user, id } = await registered();
    for (let n = 0; n < 3; n++) {
      await user.say('/thi');
      for (let q = 0; q < 10; q++) await user.say(String((q + n) % 4 + 1));
      await user.say('bỏ qua');
      clock.advance(60_000);
    }
    expect(await user.say('/thi')).toContain('Bạn đã dùng hết 3 lượt thi của vòng này');
    const p = (await findParticipant(app.db, 'test', 'u-Lộc Văn Thành'))!;
    const scores = await app.db.selectFrom('attempts').select('score').where('participant_id', '=', id).execute();
    expect(p.overall_score).toBe(Math.max(...scores.map((s) => s.score!)));
  });

  it('should let the next round start fresh attempts', async () => {
    const { user } = await registered();
    for (let n = 0; n < 3; n++) {
      await user.say('/thi');
      for (let q = 0; q < 10; q++) await user.say('A');
    }
    clock.set('2023-07-17T08:00:00+07:00');
    expect(await user.say('/thi')).toContain('Tuần 3 — lượt thi 1/3');
  });

  it('should refuse quiz actions after closing, saying the closing date and the final result', async () => {
    const { user } = await registered();
    await user.say('/thi');
    for (let q = 0; q < 10; q++) await user.say('A');
    clock.set('2023-07-31T00:00:05+07:00');
    const reply = await user.say('/thi');
    expect(reply).toContain('Cuộc thi đã kết thúc vào ngày 30/07/2023');
    expect(reply).toMatch(/Kết quả chung cuộc của bạn: \d+ điểm, xếp hạng 1/u);
    expect(await user.say('A')).toContain('Cuộc thi đã kết thúc vào ngày 30/07/2023');
  });

  it('should close an attempt interrupted by the contest closing, refusing the late answer', async () => {
    const { user } = await registered();
    clock.set('2023-07-30T23:55:00+07:00');
    await user.say('/thi');
    await user.say('A');
    clock.set('2023-07-31T00:01:00+07:00');
    const reply = await user.say('B');
    expect(reply).toContain('Đã hết thời gian làm bài');
    const [attempt] = await app.db.selectFrom('attempts').selectAll().execute();
    expect(attempt!.finished_at).toBe(Date.parse('2023-07-31T00:00:00+07:00'));
    const answers = await app.db.selectFrom('answers').selectAll().execute();
    expect(answers).toHaveLength(1);
  });

  it('should validate the prediction and keep it on the best result', async () => {
    const { user, id } = await registered();
    await user.say('/thi');
    for (let q = 0; q < 10; q++) await user.say('A');
    expect(await user.say('abc')).toContain('Vui lòng gõ một số nguyên');
    expect(await user.say('-3')).toContain('Vui lòng gõ một số nguyên');
    expect(await user.say('1.250')).toContain('Đã ghi nhận dự đoán của bạn: 1.250');
    const best = await app.db.selectFrom('best_results').selectAll().where('participant_id', '=', id).executeTakeFirstOrThrow();
    expect(best.prediction).toBe(1250);
  });
});
