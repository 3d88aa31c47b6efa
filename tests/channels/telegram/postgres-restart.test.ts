import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from '../../support/fake-telegram/index.ts';
import { startOwnPostgres, type OwnPostgres } from '../../helpers/own-postgres.ts';
import { exitOf, logLines, startMain, waitForLog, type MainProcess } from '../../helpers/processes.ts';
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

/** Ten answers, one per question, every counter equal to a recount from them, and nothing left half-way in the inbox. */
async function expectQuizIntact(server: OwnPostgres, externalId: string): Promise<void> {
  const db = new pg.Client({ connectionString: server.url('quiz') });
  await db.connect();
  try {
    const one = async (query: string, params: unknown[] = []) => (await db.query(query, params)).rows[0] as Record<string, unknown>;
    const person = await one(`select id, overall_score, finished_attempts from participants where channel = 'telegram' and external_id = $1`, [externalId]);
    const attempt = await one('select id, score, finished_at from attempts where participant_id = $1', [person.id]);
    const answers = await one('select count(*)::int as n, count(distinct position)::int as positions, sum(is_correct)::int as correct from answers where attempt_id = $1', [attempt.id]);
    const best = await one('select score from best_results where participant_id = $1', [person.id]);
    expect(answers).toEqual({ n: 10, positions: 10, correct: attempt.score });
    expect(attempt.finished_at).not.toBeNull();
    expect(best.score).toBe(attempt.score);
    expect(person).toMatchObject({ overall_score: attempt.score, finished_attempts: 1 });
    // Every update stored was processed; none is left half-way.
    await waitFor('the inbox to settle', async () => Number((await one(`select count(*)::int as n from inbox where status in ('received', 'processing')`)).n) === 0);
  } finally {
    await db.end();
  }
}

/** Until every update is processed and every reply settled (nothing the bot still has to write for An). */
async function settled(server: OwnPostgres): Promise<void> {
  const db = new pg.Client({ connectionString: server.url('quiz') });
  await db.connect();
  try {
    const busy = async () => {
      const { rows } = await db.query<{ n: number }>(
        `select (select count(*)::int from inbox where status in ('received', 'processing')) + (select count(*)::int from outbox where status = 'pending') as n`,
      );
      return rows[0]!.n;
    };
    await waitFor('every update processed and every reply settled', async () => (await busy()) === 0);
  } finally {
    await db.end();
  }
}

/**
 * A bot (src/main.ts in a child process, polling the fake Telegram) on a PostgreSQL server of the test's own, and An
 * registered, two questions into an attempt. Started inside the test, not in a hook: without the server binaries the
 * test fails (with what is missing), never skips.
 */
function ownServerBot(prefix: string) {
  const dir = tempDir();
  const made: { server?: OwnPostgres; fake?: FakeTelegram; bot?: MainProcess } = {};
  return {
    async start() {
      const server = (made.server = await startOwnPostgres());
      await server.createDatabase('quiz');
      const tg = (made.fake = await startFakeTelegram());
      const env = telegramEnv(tg, dir.path, { DATABASE_URL: server.url('quiz'), LOG_LEVEL: 'info', ROLE: 'bot', BULLMQ_PREFIX: `${prefix}-${process.pid}` });
      const bot = (made.bot = startMain(env));
      await waitForLog(bot, /^took the polling lease/u);
      const health = `${String((await waitForLog(bot, /^web pages served$/u)).url)}/healthz`;
      const an = tg.user(7401, 'An');
      await registerByTaps(tg, an, 'Xã Tân Tri', 'Hoàng Văn An');
      await tapAndExpect(tg, an, 'Bắt đầu thi', /^Câu 1\/10/u);
      await answerCurrent(tg, an);
      await answerCurrent(tg, an);
      // Câu 3 has arrived, but its reply may not be marked delivered yet: a fault met there would tell An about the
      // incident before the tap the tests make, and An is told once per incident.
      await settled(server);
      return { server, tg, bot, health, an };
    },
    async cleanup() {
      const { bot, fake, server } = made;
      if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
      if (bot) await exitOf(bot);
      await fake?.close();
      await server?.destroy();
      dir.remove();
    },
  };
}

/** An answers questions 4 to 10 and the prediction: one "Hoàn thành!", and one fault notice for the whole incident. */
async function finishQuiz(tg: FakeTelegram, an: FakeUser): Promise<void> {
  for (let n = 4; n <= 10; n += 1) await answerCurrent(tg, an);
  await botSays(tg, an, /Câu hỏi dự đoán/u);
  await sayAndExpect(tg, an, '1.250', /Đã ghi nhận dự đoán của bạn: 1\.250/u);
  expect(an.botMessages().filter((m) => /Hoàn thành!/u.test(m.text ?? ''))).toHaveLength(1);
  expect(an.botMessages().filter((m) => FAULT.test(m.text ?? ''))).toHaveLength(1);
}

/** /healthz while the database fails: 503 with a reason code, never the error's text (host, port). */
async function expectFailingHealth(health: string, port: number, reason: string): Promise<void> {
  const down = await fetch(health, { signal: AbortSignal.timeout(10_000) });
  expect(down.status).toBe(503);
  const text = await down.text();
  expect(JSON.parse(text)).toEqual({ status: 'failing', reason, since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u) });
  expect(text).not.toContain(String(port));
  expect(text).not.toContain('127.0.0.1');
}

// In both suites: the test runs a PostgreSQL server of its own (initdb, pg_ctl on a free port), which it may stop.
describe('PostgreSQL restarted during a quiz', () => {
  const setup = ownServerBot('test-pg-restart');
  afterAll(() => setup.cleanup(), 60_000);

  it('should tell the person about the fault and report 503 while it is down, then continue the quiz with nothing half-written', async () => {
    const { server, tg, bot, health, an } = await setup.start();

    await server.stop();
    const before = mark(an);
    expect(tapFirstOption(an)).toBe(3);
    await botSays(tg, an, FAULT, before, 60_000);
    await expectFailingHealth(health, server.port, 'database_unreachable');

    await server.start();
    // The tap made during the outage was not acknowledged to Telegram: redelivered, it is answered by itself.
    await botSays(tg, an, /^Câu 4\/10/u, before, 60_000);
    await waitFor('/healthz to recover', async () => (await fetch(health)).status === 200);
    await finishQuiz(tg, an);
    await expectQuizIntact(server, '7401');

    bot.kill('SIGTERM');
    expect((await exitOf(bot)).code).toBe(0);
  }, 240_000);
});

// PostgreSQL that stops answering without closing anything (SIGSTOP to every process of the server): the bot's waits
// end by the pool's limits (the defaults: DATABASE_QUERY_TIMEOUT_MS 20 s, DATABASE_CONNECT_TIMEOUT_MS 5 s).
describe('PostgreSQL frozen during a quiz', () => {
  const setup = ownServerBot('test-pg-freeze');
  afterAll(() => setup.cleanup(), 60_000);

  it('should tell the people who write about the fault and answer 503 within seconds while it hangs, then continue the quiz with nothing lost or half-written', async () => {
    const { server, tg, bot, health, an } = await setup.start();
    // The probe's own connection is open before the freeze: it must not wait on it for ever either.
    expect((await fetch(health)).status).toBe(200);

    await server.freeze();
    const before = mark(an);
    expect(tapFirstOption(an)).toBe(3);
    const probedAt = Date.now();
    await expectFailingHealth(health, server.port, 'database_timeout');
    expect(Date.now() - probedAt).toBeLessThan(5000);
    await botSays(tg, an, FAULT, before, 90_000);
    // Someone writing later in the same incident is told too (the poll goes on while the database hangs).
    const binh = tg.user(7402, 'Bình');
    binh.send('/start');
    await botSays(tg, binh, FAULT, 0, 90_000);

    // Operators: one line for the incident, one when the inbox sweeps began to fail — not one per retry.
    const said = (msg: RegExp) => logLines(bot).filter((l) => Number(l.level) >= 40 && msg.test(String(l.msg))).length;
    expect(said(/^database writes fail/u)).toBe(1);
    expect(said(/^inbox sweep failed/u)).toBeLessThanOrEqual(1);
    await server.thaw();
    // Neither message was acknowledged to Telegram: redelivered, each is answered by itself.
    await botSays(tg, an, /^Câu 4\/10/u, before, 90_000);
    await botSays(tg, binh, /Nghị định 13\/2023/u, 0, 90_000);
    await waitFor('/healthz to recover', async () => (await fetch(health)).status === 200, 60_000);
    await finishQuiz(tg, an);
    expect(binh.botMessages().filter((m) => FAULT.test(m.text ?? ''))).toHaveLength(1);
    await expectQuizIntact(server, '7401');

    bot.kill('SIGTERM');
    expect((await exitOf(bot)).code).toBe(0);
  }, 300_000);
});
