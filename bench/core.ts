import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { createApp } from '../src/app.ts';
import { envSchema } from '../src/config/env.ts';
import { seededRandom } from '../src/core/random.ts';
import { answerQuestion, startOrResume } from '../src/services/quiz.ts';
import { sqlitePath } from '../src/storage/db.ts';
import { MISSING_ACCOUNTS_SQL } from '../src/storage/repos/accounts.ts';
import { topIndividuals, unitResults } from '../src/storage/repos/leaderboards.ts';
import { percentile, report, type BenchDir } from './util.ts';

const PARTICIPANTS = 100_000;
const ACTIVE = 3_000;

/** Seeds registered participants straight through SQLite (setup, not measured). */
function seedParticipants(file: string, count: number, communes: string[], now: number): void {
  const db = new SQLite(file);
  const insert = db.prepare(
    `insert into participants (channel, external_id, chat_id, full_name, commune_code, consent_at, registered_at, step, invite_code, created_at)
     values ('bench', ?, ?, ?, ?, ?, ?, 'ready', ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`u${i}`, `u${i}`, `Người dự thi ${i}`, communes[i % communes.length], now, now, `inv${i}`, now);
  })();
  db.exec(MISSING_ACCOUNTS_SQL);
  db.close();
}

/** The floor: plain better-sqlite3 single-row inserts, one transaction each, same file settings. */
function floorInsertsPerSecond(file: string, count: number, offset: number): number {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec('create table if not exists floor (attempt_id integer, position integer, chosen_index integer, is_correct integer, answered_at integer, primary key (attempt_id, position))');
  const insert = db.prepare('insert into floor values (?, ?, ?, ?, ?)');
  const one = db.transaction((i: number) => insert.run(Math.floor(i / 10), i % 10, i % 4, i % 2, i));
  const start = performance.now();
  for (let i = offset; i < offset + count; i++) one(i);
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return count / seconds;
}

export async function benchCore(dir: BenchDir): Promise<Record<string, number>> {
  const databaseUrl = join(dir.path, 'core.sqlite');
  let now = Date.parse('2023-07-12T09:00:00+07:00');
  const env = envSchema.parse({ DATABASE_URL: databaseUrl, DEMO: 'off', LOG_LEVEL: 'silent' });
  const app = await createApp(env, { now: () => now, random: seededRandom(1), log: pino({ level: 'silent' }) });
  const communes = app.deps.units.filter((u) => u.kind === 'commune').map((u) => u.code);
  seedParticipants(sqlitePath(databaseUrl), PARTICIPANTS, communes, now);

  // Everyone in the active set starts an attempt (setup), then answers all questions (measured). The floor is measured
  // between the chunks, so both see the same machine load.
  const random = seededRandom(2);
  // Answers are taps (bound to their question), as on Telegram: the attempt of each person, by id.
  const attempts = new Map<number, number>();
  const positions = new Map<number, number>();
  for (let id = 1; id <= ACTIVE; id++) {
    const started = await startOrResume(app.deps, id);
    if (started.kind === 'question') attempts.set(id, started.attempt.id);
  }
  let answers = 0;
  let answerSeconds = 0;
  const floors: number[] = [];
  const chunk = ACTIVE / 3;
  for (let c = 0; c < 3; c++) {
    floors.push(floorInsertsPerSecond(join(dir.path, 'floor.sqlite'), 10_000, c * 10_000));
    const start = performance.now();
    for (let q = 0; q < app.campaign.questionsPerAttempt; q++) {
      for (let id = c * chunk + 1; id <= (c + 1) * chunk; id++) {
        const result = await answerQuestion(app.deps, id, Math.floor(random() * 4), { attemptId: attempts.get(id)!, position: positions.get(id) ?? 0 });
        if (result.kind === 'next') positions.set(id, result.item.position);
        answers++;
        now += 7;
      }
    }
    answerSeconds += (performance.now() - start) / 1000;
  }
  const answersPerSecond = answers / answerSeconds;
  const floor = floors.reduce((a, b) => a + b, 0) / floors.length;

  // Spread finished results over the rest so leaderboards rank 100,000 people (setup).
  const raw = new SQLite(sqlitePath(databaseUrl));
  raw.prepare(`update participants set finished_attempts = 1 + id % 3, overall_score = id % 11, overall_duration_ms = (id * 7919) % 900000, overall_finished_at = ? where id > ?`).run(now, ACTIVE);
  raw.close();

  const timings: number[] = [];
  const unitTimings: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    await topIndividuals(app.db, { limit: 10 });
    timings.push(performance.now() - t0);
    const t1 = performance.now();
    await unitResults(app.db, 'commune');
    unitTimings.push(performance.now() - t1);
  }
  await app.close();
  const results = {
    participants: PARTICIPANTS,
    answers,
    answersPerSecond,
    floorInsertsPerSecond: floor,
    ratioToFloor: answersPerSecond / floor,
    topIndividualsP50Ms: percentile(timings, 50),
    topIndividualsP95Ms: percentile(timings, 95),
    communeBoardP50Ms: percentile(unitTimings, 50),
    communeBoardP95Ms: percentile(unitTimings, 95),
  };
  report('core + storage (SQLite)', results);
  return results;
}
