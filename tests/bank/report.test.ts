import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { countsTable, formatReport } from '../../src/cli/bank-report.ts';
import { loadEnv } from '../../src/config/env.ts';
import { seededRandom } from '../../src/core/random.ts';
import { answerQuestion, startOrResume } from '../../src/services/quiz.ts';
import { copyBank } from '../helpers/bank.ts';
import { registerSynthetic } from '../helpers/participants.ts';
import { simulateContest } from '../helpers/simulate.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const OPENS = Date.parse('2026-12-07T00:00:00+07:00');
let bank: ReturnType<typeof copyBank>;
let app: App;
let now = OPENS;

beforeEach(async () => {
  bank = copyBank();
  now = OPENS + 3600_000;
  const env = loadEnv({ QUESTION_BANK_DIR: bank.dir, DATABASE_URL: testDatabaseUrl(bank.tmp, 'quiz.sqlite'), CONTEST_CLOSES_AT: new Date(OPENS + 28 * 86400_000).toISOString(), LOG_LEVEL: 'silent' });
  app = await createApp(env, { now: () => now, random: seededRandom(11), log: pino({ level: 'silent' }) });
});
afterEach(async () => {
  await app.close();
  bank.cleanup();
});

describe('questions report', () => {
  it('should count questions per topic and difficulty', () => {
    const table = countsTable(app.bank);
    expect(table[0]).toMatch(/Chủ đề\s+Dễ\s+Trung bình\s+Khó\s+Tổng/u);
    expect(table.at(-1)).toMatch(/Tổng\s+89\s+149\s+43\s+281$/u);
  });

  it('should say when there is no database yet', () => {
    expect(formatReport(app.bank)).toContain('Chưa có cơ sở dữ liệu');
  });

  it('should list questions never drawn, the share correct and the most chosen wrong option', async () => {
    const person = await registerSynthetic(app.db, 1, '06325', now);
    const started = await startOrResume(app.deps, person.id);
    if (started.kind !== 'question') throw new Error(started.kind);
    const item = started.item;
    const wrongShown = (item.correctShown + 1) % item.shownOptions.length;
    await answerQuestion(app.deps, person.id, wrongShown, { attemptId: started.attempt.id, position: item.position });
    const data = await app.services.bankReport.data();
    expect(data.versions).toHaveLength(10);
    const row = data.versions.find((v) => v.questionId === item.questionId)!;
    expect(row).toMatchObject({ drawn: 1, answered: 1, correct: 0, topWrong: { index: item.optionOrder[wrongShown], count: 1 } });
    expect(data.versions.filter((v) => v.answered === 0)).toHaveLength(9);
    const text = formatReport(app.bank, data);
    expect(text).toContain('Câu chưa từng được rút / never drawn: 271 / 281');
    expect(text).toContain(`${item.questionId.padEnd(12)}    1     0%`);
  });

  it('should add up a simulated contest run through the quiz service', async () => {
    const done = await simulateContest(app, { participants: 12, attemptsPerRound: 1, random: seededRandom(5), setNow: (at) => (now = at) });
    expect(done.attempts).toBe(48);
    const data = await app.services.bankReport.data();
    expect(data.versions.reduce((s, v) => s + v.answered, 0)).toBe(done.answers);
    const { n } = await app.db.selectFrom('answers').select((eb) => eb.fn.countAll<number>().as('n')).where('is_correct', '=', 1).executeTakeFirstOrThrow();
    expect(data.versions.reduce((s, v) => s + v.correct, 0)).toBe(Number(n));
    for (const v of data.versions) if (v.topWrong) expect(v.topWrong.index).not.toBe(v.correctIndex);
  });
});
