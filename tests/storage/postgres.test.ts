import { sql } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DB } from '../../src/storage/db.ts';
import { totals, topIndividuals } from '../../src/storage/repos/leaderboards.ts';
import { postgresTestDatabase } from '../helpers/db.ts';
import { registerSynthetic } from '../helpers/participants.ts';

// PostgreSQL in both suites: what only PostgreSQL can show (several migrating processes, pg's string-typed int8).
describe('PostgreSQL', () => {
  const dbs: DB[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
  });
  function open(url: string, opts: Parameters<typeof openDatabase>[1] = { poolSize: 2 }): DB {
    const db = openDatabase(url, opts);
    dbs.push(db);
    return db;
  }

  it("should let kysely's migrator lock keep two processes from migrating the same database at once", async () => {
    const url = postgresTestDatabase(`migrate-race-${process.pid}-${Date.now()}`);
    const [a, b] = await Promise.all([migrateToLatest(open(url)), migrateToLatest(open(url))]);
    expect([a.error, b.error]).toEqual([undefined, undefined]);
    // One applied every migration, the other found nothing left to do.
    const all = Object.keys(migrations).length;
    expect([a.results!.length, b.results!.length].sort()).toEqual([0, all]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(dbs[0]!);
    expect(rows[0]!.n).toBe(all);
  });

  it('should give bigint times, counts and sums back as JavaScript numbers, as SQLite does', async () => {
    const db = open(postgresTestDatabase(`numbers-${process.pid}-${Date.now()}`));
    expect((await migrateToLatest(db)).error).toBeUndefined();
    await db.insertInto('units').values({ code: 'X', kind: 'commune', name: 'Xã X', unit_group: 'xa', population: 100, active: 1 }).execute();
    const at = Date.parse('2030-07-10T08:00:00+07:00');
    const p = await registerSynthetic(db, 1, 'X', at);
    expect(p.created_at).toBe(at);
    const attempt = await db
      .insertInto('attempts')
      .values({ participant_id: p.id, round_id: 'r1', started_at: at, deadline_at: at + 600_000, question_count: 10, finished_at: at + 90_000, score: 10, duration_ms: 90_000, open_marker: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(attempt).toMatchObject({ id: 1, started_at: at, duration_ms: 90_000 });
    await db.insertInto('best_results').values({ participant_id: p.id, round_id: 'r1', attempt_id: attempt.id, score: 10, duration_ms: 90_000, finished_at: at + 90_000, prediction: 3 }).execute();
    await db.updateTable('participants').set({ overall_score: 10, overall_duration_ms: 90_000, overall_finished_at: at + 90_000 }).execute();

    expect(await totals(db)).toEqual({ registered: 1, participated: 1, attempts: 1, perfect: 1, byChannel: [{ channel: 'test', registered: 1, participated: 1 }] });
    expect(await topIndividuals(db, { roundId: 'r1', limit: 10 })).toMatchObject([{ participantId: 1, score: 10, durationMs: 90_000, finishedAt: at + 90_000, prediction: 3 }]);
    const { rows } = await sql<{ n: unknown; s: unknown }>`select count(*) as n, sum(duration_ms) as s from attempts`.execute(db);
    expect(rows[0]).toStrictEqual({ n: 1, s: 90_000 });
  });

  it('should let a query wait for a busy pool longer than the connect limit: a rush is load, not a fault', async () => {
    const limits = { connectTimeoutMs: 300, queryTimeoutMs: 10_000, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0, keepAliveMs: 10_000 };
    const db = open(postgresTestDatabase(`pool-wait-${process.pid}-${Date.now()}`), { poolSize: 1, limits });
    await sql`select 1`.execute(db);
    // The one connection is busy for a second; the second query waits for it, three times the connect limit.
    const busy = sql`select pg_sleep(1)`.execute(db);
    const waited = sql<{ n: number }>`select 2 as n`.execute(db);
    await busy;
    expect((await waited).rows).toEqual([{ n: 2 }]);
  });

  it('should end a query the server does not answer in time and destroy its connection instead of reusing it', async () => {
    const limits = { connectTimeoutMs: 2000, queryTimeoutMs: 500, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0, keepAliveMs: 10_000 };
    const db = open(postgresTestDatabase(`timeouts-${process.pid}-${Date.now()}`), { poolSize: 1, limits });
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
    const first = await pid();
    // A query that outlasts the client's limit: pg's code-less "Query read timeout", given ETIMEDOUT.
    await expect(sql`select pg_sleep(3)`.execute(db)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    // The only pooled connection was destroyed: the next query gets a new one at once instead of waiting behind the sleep.
    const started = performance.now();
    expect(await pid()).not.toBe(first);
    expect(performance.now() - started).toBeLessThan(1500);
    // Inside a transaction too: the rollback does not wait out a second timeout, and the error is the timeout's.
    const inTx = performance.now();
    await expect(db.transaction().execute((tx) => sql`select pg_sleep(3)`.execute(tx))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(performance.now() - inTx).toBeLessThan(1500);
  });

  it('should let the server cancel a statement running past statement_timeout', async () => {
    const limits = { connectTimeoutMs: 2000, queryTimeoutMs: 5000, statementTimeoutMs: 300, idleInTransactionTimeoutMs: 0, keepAliveMs: 0 };
    const db = open(postgresTestDatabase(`statement-timeout-${process.pid}-${Date.now()}`), { poolSize: 1, limits });
    await expect(sql`select pg_sleep(2)`.execute(db)).rejects.toMatchObject({ code: '57014' });
    // The connection is fine afterwards: the server ended the statement, not the session.
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one).toBe(1);
  });
});
