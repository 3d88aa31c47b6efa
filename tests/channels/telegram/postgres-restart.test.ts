import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../../support/fake-telegram/index.ts';
import { startOwnPostgres, type OwnPostgres } from '../../helpers/own-postgres.ts';
import { exitOf, startMain, waitForLog, type MainProcess } from '../../helpers/processes.ts';
import { botSays, currentQuestion, mark, registerByTaps, sayAndExpect, tapAndExpect, telegramEnv, tempDir } from '../../helpers/telegram.ts';
import { waitFor } from '../../helpers/wait.ts';
import { vi as texts } from '../../../src/messages/vi.ts';

const FAULT = new RegExp(texts.systemFault.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), 'u');

/** Taps the first option of the question on screen; returns its number. */
function tapFirstOption(user: FakeUser): number {
  const q = currentQuestion(user)!;
  user.tapData(q.message_id, q.reply_markup!.inline_keyboard![0]![0]!.callback_data!);
  return Number(/^Câu (\d+)/u.exec(q.text!)![1]);
}

async function answerCurrent(fake: FakeTelegram, user: FakeUser): Promise<void> {
  const after = mark(user);
  const n = tapFirstOption(user);
  await botSays(fake, user, n === 10 ? /Hoàn thành!/u : new RegExp(`^Câu ${n + 1}/`, 'u'), after);
}

// In both suites: the test runs a PostgreSQL server of its own (initdb, pg_ctl on a free port), which it may stop.
describe('PostgreSQL restarted during a quiz', () => {
  let server: OwnPostgres | undefined;
  let fake: FakeTelegram | undefined;
  let bot: MainProcess | undefined;
  const dir = tempDir();
  afterAll(async () => {
    if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
    if (bot) await exitOf(bot);
    await fake?.close();
    await server?.destroy();
    dir.remove();
  }, 60_000);

  it('should tell the person about the fault and report 503 while it is down, then continue the quiz with nothing half-written', async () => {
    // Started here, not in a hook: without the server binaries this test fails (with what is missing), never skips.
    server = await startOwnPostgres();
    await server.createDatabase('quiz');
    fake = await startFakeTelegram();
    const tg = fake;
    const env = telegramEnv(tg, dir.path, { DATABASE_URL: server.url('quiz'), LOG_LEVEL: 'info', ROLE: 'bot', BULLMQ_PREFIX: `test-pg-restart-${process.pid}` });
    bot = startMain(env);
    await waitForLog(bot, /^took the polling lease/u);
    const health = `${String((await waitForLog(bot, /^web pages served$/u)).url)}/healthz`;

    const an = tg.user(7401, 'An');
    await registerByTaps(tg, an, 'Xã Tân Tri', 'Hoàng Văn An');
    await tapAndExpect(tg, an, 'Bắt đầu thi', /^Câu 1\/10/u);
    await answerCurrent(tg, an);
    await answerCurrent(tg, an);

    await server.stop();
    const before = mark(an);
    expect(tapFirstOption(an)).toBe(3);
    await botSays(tg, an, FAULT, before, 30_000);
    const down = await fetch(health);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { status: string }).status).toBe('failing');

    await server.start();
    // The tap made during the outage was not acknowledged to Telegram: redelivered, it is answered by itself.
    await botSays(tg, an, /^Câu 4\/10/u, before, 60_000);
    await waitFor('/healthz to recover', async () => (await fetch(health)).status === 200);
    for (let n = 4; n <= 10; n += 1) await answerCurrent(tg, an);
    await botSays(tg, an, /Câu hỏi dự đoán/u);
    await sayAndExpect(tg, an, '1.250', /Đã ghi nhận dự đoán của bạn: 1\.250/u);
    expect(an.botMessages().filter((m) => /Hoàn thành!/u.test(m.text ?? ''))).toHaveLength(1);
    expect(an.botMessages().filter((m) => FAULT.test(m.text ?? ''))).toHaveLength(1);

    const db = new pg.Client({ connectionString: server.url('quiz') });
    await db.connect();
    try {
      const one = async (query: string, params: unknown[] = []) => (await db.query(query, params)).rows[0] as Record<string, unknown>;
      const person = await one(`select id, overall_score, finished_attempts from participants where channel = 'telegram' and external_id = '7401'`);
      const attempt = await one('select id, score, finished_at from attempts where participant_id = $1', [person.id]);
      const answers = await one('select count(*)::int as n, count(distinct position)::int as positions, sum(is_correct)::int as correct from answers where attempt_id = $1', [attempt.id]);
      const best = await one('select score from best_results where participant_id = $1', [person.id]);
      // Ten answers, one per question, and every counter equal to a recount from them.
      expect(answers).toEqual({ n: 10, positions: 10, correct: attempt.score });
      expect(attempt.finished_at).not.toBeNull();
      expect(best.score).toBe(attempt.score);
      expect(person).toMatchObject({ overall_score: attempt.score, finished_attempts: 1 });
      // Every update stored was processed; none is left half-way.
      await waitFor('the inbox to settle', async () => Number((await one(`select count(*)::int as n from inbox where status in ('received', 'processing')`)).n) === 0);
    } finally {
      await db.end();
    }

    bot.kill('SIGTERM');
    expect((await exitOf(bot)).code).toBe(0);
  }, 240_000);
});
