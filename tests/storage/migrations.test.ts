import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind, loadEnv } from '../../src/config/env.ts';
import { compareIndividuals, type IndividualResult } from '../../src/core/ranking.ts';
import { seededRandom } from '../../src/core/random.ts';
import { migrateToLatest, openDatabase, redactDatabaseUrl, sqlitePath, type DB } from '../../src/storage/db.ts';
import { topIndividuals } from '../../src/storage/repos/leaderboards.ts';
import { tempDir } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { runNode } from '../helpers/run.ts';
import { migrations } from '../../migrations/index.ts';
import { isPostgres } from '../../migrations/dialect.ts';
import { storeUpdate } from '../../src/storage/repos/inbox.ts';

describe('database', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  const dbs: DB[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
    for (const d of dirs.splice(0)) d.remove();
  });
  function fresh(): DB {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(testDatabaseUrl(dir.path, 'x.sqlite'));
    dbs.push(db);
    return db;
  }

  it('should migrate an empty database to the latest schema, then do nothing on a second run', async () => {
    const db = fresh();
    const first = await migrateToLatest(db);
    expect(first.error).toBeUndefined();
    expect(first.results?.every((r) => r.status === 'Success')).toBe(true);
    const second = await migrateToLatest(db);
    expect(second.results).toEqual([]);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['units', 'participants', 'question_versions', 'attempts', 'attempt_questions', 'answers', 'predictions', 'invitations']),
    );
  });

  it('should migrate with npm run db:migrate, then say the database is up to date', () => {
    const dir = tempDir();
    dirs.push(dir);
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: testDatabaseUrl(dir.path, 'cli.sqlite') };
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/db-migrate.ts'], { env, encoding: 'utf8' });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('✓ 2026-11-26-001-reminders');
    expect(run().stdout).toContain('database is up to date');
  });

  // SQLite only: kysely takes no migration lock there (PostgreSQL's is tested in postgres.test.ts).
  it('should let two processes migrating one new SQLite file at once both succeed, each migration applied once', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir.path, 'race.sqlite');
    // Both processes load first, then start migrating at the same instant (else start-up jitter keeps them apart).
    const at = Date.now() + 4000;
    const script = `import { migrateToLatest, openDatabase } from './src/storage/db.ts';
      const db = openDatabase(${JSON.stringify(file)});
      await new Promise((r) => setTimeout(r, ${at} - Date.now()));
      const { error, results } = await migrateToLatest(db);
      console.log(JSON.stringify({ error: error ? String(error) : null, applied: (results ?? []).length }));`;
    const migrate = () => runNode(['--import', 'tsx', '--input-type=module', '-e', script]);
    const outcomes = (await Promise.all([migrate(), migrate()])).map((r) => JSON.parse(r.stdout.trim() || JSON.stringify({ error: r.stderr })) as { error: string | null; applied: number });
    expect(outcomes.map((o) => o.error)).toEqual([null, null]);
    expect(outcomes.map((o) => o.applied).sort((x, y) => x - y)).toEqual([0, Object.keys(migrations).length]);
  }, 60_000);

  // SQLite only by nature (a pragma of the file): the app opens SQLite in WAL mode.
  it('should open an SQLite file in WAL mode from a sqlite: URL', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = openDatabase(`sqlite:${join(dir.path, 'wal.sqlite')}`);
    dbs.push(db);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
  });

  it('should accept a plain path or a sqlite: URL', () => {
    expect(sqlitePath('sqlite:///tmp/a.sqlite')).toBe('/tmp/a.sqlite');
    expect(sqlitePath('sqlite:/tmp/a.sqlite')).toBe('/tmp/a.sqlite');
    expect(sqlitePath('/tmp/a.sqlite')).toBe('/tmp/a.sqlite');
  });

  it('should pick the database by DATABASE_URL and refuse any other scheme at start-up, naming the variable', () => {
    expect(['postgres://u@h/db', 'postgresql://h/db', 'sqlite:x.sqlite', 'file:x.sqlite', './data/x.sqlite', 'C:\\data\\x.sqlite'].map(databaseKind)).toEqual([
      'postgres',
      'postgres',
      'sqlite',
      'sqlite',
      'sqlite',
      'sqlite',
    ]);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://localhost/quiz' })).toThrow(/DATABASE_URL: .*postgres/u);
    expect(redactDatabaseUrl('postgres://quiz:s3cr%40t@db:5432/quiz')).toBe('postgres://quiz:***@db:5432/quiz');
    expect(() => openDatabase('mysql://localhost/quiz')).toThrow(/DATABASE_URL: unsupported database "mysql:"/u);
  });

  it('should enforce one answer per attempt and question in the schema', async () => {
    const db = fresh();
    await migrateToLatest(db);
    await db.insertInto('participants').values({ channel: 't', external_id: '1', chat_id: '1', step: 'ready', invite_code: 'abcdefgh', created_at: 0 }).execute();
    await db.insertInto('attempts').values({ participant_id: 1, round_id: 'r', started_at: 0, deadline_at: 1, question_count: 1, open_marker: 1 }).execute();
    const answer = { attempt_id: 1, position: 0, chosen_index: 0, is_correct: 1, answered_at: 0 };
    await db.insertInto('answers').values(answer).execute();
    await expect(db.insertInto('answers').values({ ...answer, chosen_index: 2 }).execute()).rejects.toThrow(/unique/iu);
    await expect(
      db.insertInto('attempts').values({ participant_id: 1, round_id: 'r', started_at: 0, deadline_at: 1, question_count: 1, open_marker: 1 }).execute(),
    ).rejects.toThrow(/unique/iu);
  });

  it('should order a round leaderboard in SQL exactly as the core ranking rules do', async () => {
    const db = fresh();
    await migrateToLatest(db);
    const random = seededRandom(11);
    const rows: IndividualResult[] = [];
    for (let i = 1; i <= 300; i++) {
      await db.insertInto('participants').values({ channel: 't', external_id: String(i), chat_id: String(i), full_name: `P${i}`, step: 'ready', invite_code: `code${i}`, created_at: 0, registered_at: 0 }).execute();
      await db.insertInto('attempts').values({ participant_id: i, round_id: 'r', started_at: 0, deadline_at: 1, question_count: 10, open_marker: null }).execute();
      const row = {
        participantId: i,
        name: `P${i}`,
        score: Math.floor(random() * 3) + 8,
        durationMs: Math.floor(random() * 5) * 1000,
        finishedAt: Math.floor(random() * 3),
        prediction: random() < 0.2 ? null : Math.floor(random() * 60),
      };
      rows.push(row);
      await db
        .insertInto('best_results')
        .values({ participant_id: i, round_id: 'r', attempt_id: i, score: row.score, duration_ms: row.durationMs, finished_at: row.finishedAt, prediction: row.prediction })
        .execute();
    }
    for (const actualPerfect of [undefined, 37]) {
      const expected = [...rows].sort((a, b) => compareIndividuals(a, b, actualPerfect) || a.participantId - b.participantId).slice(0, 50);
      const got = await topIndividuals(db, { roundId: 'r', limit: 50, ...(actualPerfect === undefined ? {} : { actualPerfect }) });
      expect(got.map((r) => r.participantId)).toEqual(expected.map((r) => r.participantId));
    }
  });

  it('should key the inbox per bot (migration 105), keeping its rows, their ids, the id sequence and the indexes', async () => {
    const db = fresh();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('2026-12-01-095-unit-totals')).error).toBeUndefined();
    for (const id of ['1', '2', '3']) {
      await sql`insert into inbox (channel, update_id, chat_key, received_at, status) values ('telegram', ${id}, 'k', 1, 'processed')`.execute(db);
    }
    // The newest row pruned: its id must still never come back.
    await sql`delete from inbox where update_id = '3'`.execute(db);
    const indexes = async () => {
      const query = isPostgres(db)
        ? sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'inbox' and indexname not like '%pkey' and indexname <> 'inbox_update'`
        : sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'inbox' and sql is not null`;
      return (await query.execute(db)).rows.map((r) => r.name).sort();
    };
    const before = await indexes();
    expect((await migrateToLatest(db)).error).toBeUndefined();
    expect(await indexes()).toEqual(before);
    const rows = await db.selectFrom('inbox').select(['id', 'update_id', 'bot']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 1, update_id: '1', bot: '' },
      { id: 2, update_id: '2', bot: '' },
    ]);
    // Update 1 of another bot is stored, with a new id; the same bot's update 1 again is a duplicate.
    const store = (bot: string) => storeUpdate(db, { channel: 'telegram', bot, updateId: '1', chatKey: 'k', payload: '{}', at: 2 });
    expect(await store('b')).toBe(true);
    expect(await store('b')).toBe(false);
    expect(await store('')).toBe(false);
    expect((await db.selectFrom('inbox').select('id').where('bot', '=', 'b').executeTakeFirstOrThrow()).id).toBe(4);
  });
});
