import SQLite from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { databaseKind, envSchema } from '../../src/config/env.ts';
import { seededRandom } from '../../src/core/random.ts';
import { answerQuestion, startOrResume } from '../../src/services/quiz.ts';
import { sqlitePath } from '../../src/storage/db.ts';
import { percentile } from '../util.ts';
import { benchEnv, type Province } from './fixture.ts';
import { seedParticipants } from './seed.ts';

/** The bench clock: round 3 of the 2023 format is open (rounds 1–3 hold the seeded results). */
export const BENCH_NOW = Date.parse('2023-07-19T09:00:00+07:00');

export interface DatabaseNumbers {
  seedSeconds: number;
  answers: number;
  answersPerSecond: number;
  floorPerSecond: number;
  ratio: number;
  top10: [number, number];
  communes: [number, number];
  parents: [number, number];
}

/** Measures one database: seeds `participants`, answers through services + storage against its floor, times the boards. */
export async function benchDatabase(province: Province, databaseUrl: string, opts: { participants: number; active: number }): Promise<DatabaseNumbers> {
  let now = BENCH_NOW;
  const env = envSchema.parse(benchEnv(province, databaseUrl));
  const app = await createApp(env, { now: () => now, random: seededRandom(1), log: pino({ level: 'silent' }) });
  try {
    const units = (kind: string) => app.units.filter((u) => u.kind === kind).map((u) => u.code);
    const t0 = performance.now();
    await seedParticipants(app.db, { count: opts.participants, communes: units('commune'), agencies: units('agency'), opensAt: app.campaign.opensAt, rounds: ['tuan-1', 'tuan-2', 'tuan-3'] });
    const seedSeconds = (performance.now() - t0) / 1000;

    // The first `active` people start an attempt (setup), then answer every question (measured), in three chunks with
    // the floor measured between them so both see the same machine load.
    // Answers are taps (bound to their question), as on Telegram: the attempt of each person, by id.
    const attempts = new Map<number, number>();
    const positions = new Map<number, number>();
    for (let id = 1; id <= opts.active; id++) {
      const started = await startOrResume(app.deps, id);
      if (started.kind === 'question') attempts.set(id, started.attempt.id);
    }
    const floor = await floorFor(databaseUrl);
    const random = seededRandom(2);
    let answers = 0;
    let seconds = 0;
    const floors: number[] = [];
    const chunk = Math.ceil(opts.active / 3);
    try {
      for (let c = 0; c < 3; c++) {
        floors.push(await floor.perSecond(floor.batch));
        const start = performance.now();
        for (let q = 0; q < app.campaign.questionsPerAttempt; q++) {
          for (let id = c * chunk + 1; id <= Math.min(opts.active, (c + 1) * chunk); id++) {
            const result = await answerQuestion(app.deps, id, Math.floor(random() * 4), { attemptId: attempts.get(id)!, position: positions.get(id) ?? 0 });
            if (result.kind === 'next') positions.set(id, result.item.position);
            answers++;
            now += 7;
          }
        }
        seconds += (performance.now() - start) / 1000;
      }
    } finally {
      await floor.close();
    }
    const answersPerSecond = answers / seconds;
    const floorPerSecond = floors.reduce((a, b) => a + b, 0) / floors.length;
    return { seedSeconds, answers, answersPerSecond, floorPerSecond, ratio: answersPerSecond / floorPerSecond, ...(await timeBoards(app)) };
  } finally {
    await app.close();
  }
}

/** p50/p95 of the three boards an official asks for, through the boards service (what /bxh, /bxhxa, /bxhhuyen call). */
async function timeBoards(app: App): Promise<Pick<DatabaseNumbers, 'top10' | 'communes' | 'parents'>> {
  const t: Record<'top10' | 'communes' | 'parents', number[]> = { top10: [], communes: [], parents: [] };
  const time = async (k: keyof typeof t, fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    t[k].push(performance.now() - s);
  };
  for (let i = 0; i < 60; i++) {
    await time('top10', () => app.services.boards.individuals({ limit: 10 }));
    await time('communes', () => app.services.boards.units('commune'));
    await time('parents', () => app.services.boards.parents());
  }
  const p = (v: number[]): [number, number] => [percentile(v, 50), percentile(v, 95)];
  return { top10: p(t.top10), communes: p(t.communes), parents: p(t.parents) };
}

interface Floor {
  /** Inserts per measurement: PostgreSQL commits wait for the disk (fsync), so fewer. */
  batch: number;
  perSecond(count: number): Promise<number>;
  close(): Promise<void>;
}

const FLOOR_DDL = 'create table if not exists floor (attempt_id integer, position integer, chosen_index integer, is_correct integer, answered_at bigint, primary key (attempt_id, position))';

/** The floor: plain single-row insert transactions with the app's own client (better-sqlite3, or a `pg` pool client). */
async function floorFor(databaseUrl: string): Promise<Floor> {
  let next = 0;
  if (databaseKind(databaseUrl) === 'sqlite') {
    const db = new SQLite(sqlitePath(databaseUrl));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.exec(FLOOR_DDL);
    const insert = db.prepare('insert into floor values (?, ?, ?, ?, ?)');
    const one = db.transaction((i: number) => insert.run(Math.floor(i / 10), i % 10, i % 4, i % 2, i));
    return {
      batch: 5000,
      async perSecond(count) {
        const start = performance.now();
        for (let k = 0; k < count; k++) one(next++);
        return count / ((performance.now() - start) / 1000);
      },
      close: async () => void db.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const client = await pool.connect();
  await client.query(FLOOR_DDL);
  return {
    batch: 1000,
    async perSecond(count) {
      const start = performance.now();
      for (let k = 0; k < count; k++) {
        const i = next++;
        await client.query('BEGIN');
        await client.query('insert into floor values ($1, $2, $3, $4, $5)', [Math.floor(i / 10), i % 10, i % 4, i % 2, i]);
        await client.query('COMMIT');
      }
      return count / ((performance.now() - start) / 1000);
    },
    async close() {
      client.release();
      await pool.end();
    },
  };
}
