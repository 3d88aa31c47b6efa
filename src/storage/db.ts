import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteAdapter, SqliteDialect, sql, type MigrationResultSet, type SqliteDatabase } from 'kysely';
import { databaseKind, type PostgresLimits } from '../config/env.ts';
import { migrations } from '../../migrations/index.ts';
import { openPostgres } from './postgres.ts';

// The health probe opens a connection of its own: part of opening the database, for the entry points that do.
export { openDatabaseProbe, type DatabaseProbe } from './postgres.ts';
import type { Database } from './schema.ts';

export type DB = Kysely<Database>;

/**
 * Opens the database DATABASE_URL names: postgres:// or postgresql:// → PostgreSQL over a pool of `poolSize`
 * connections, with `limits` on every wait (none when absent: the command-line tools, migrations); a path, sqlite: or
 * file: → SQLite. Any other scheme throws (the env check refuses it first).
 */
export function openDatabase(databaseUrl: string, opts: { poolSize?: number; limits?: PostgresLimits } = {}): DB {
  const kind = databaseKind(databaseUrl);
  if (kind === 'postgres') return openPostgres(databaseUrl, opts.poolSize ?? 10, opts.limits);
  if (kind === 'sqlite') return openSqlite(databaseUrl);
  throw new Error(`DATABASE_URL: unsupported database "${databaseUrl.split(':')[0]}:" (expected postgres://, postgresql://, sqlite:, file: or a path)`);
}

/** The URL without its password, for logs. */
export function redactDatabaseUrl(databaseUrl: string): string {
  if (databaseKind(databaseUrl) !== 'postgres' || !URL.canParse(databaseUrl)) return databaseUrl;
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** "sqlite:./data/x.sqlite", "sqlite:///abs/x.sqlite", "file:x.sqlite" or a plain path → file path (":memory:" kept). */
export function sqlitePath(databaseUrl: string): string {
  const stripped = databaseUrl.replace(/^(sqlite|file):(\/\/)?/u, '');
  return stripped === ':memory:' ? stripped : resolve(stripped);
}

/**
 * Opens the SQLite database with the settings the app relies on: WAL (readers never block the writer), foreign keys,
 * a busy timeout (a second process waits instead of failing), synchronous=NORMAL (safe with WAL), secure_delete
 * (erased values are overwritten with zeros, not left in free space: a deleted name is unreadable on disk).
 */
function openSqlite(databaseUrl: string): DB {
  const path = sqlitePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // The busy timeout first: two processes opening a new file at once both switch it to WAL, and one must wait.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('secure_delete = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query anew; reusing prepared statements by their SQL text saves a parse and plan per query
 * (a tenth of the work on the bot's hot path). Bounded, because queries with value lists vary in text.
 * Safe while nothing streams (kysely's stream() iterates a statement, which could then not be shared).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * After personal data was erased: SQLite copies the WAL into the database file and truncates the WAL, so the old
 * page versions holding the data are gone from disk. PostgreSQL: nothing to do here.
 */
export async function flushErasedData(db: DB): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

/**
 * Runs all pending migrations. Never throws: returns kysely's `{ error, results }`. PostgreSQL: kysely's migrator
 * lock keeps two processes apart. SQLite: kysely takes no lock there, so two processes opening a new file (ROLE=bot
 * and ROLE=worker started together) would both run the same migration; all of them run in one write transaction
 * (BEGIN IMMEDIATE), so the second process waits (busy timeout), then finds nothing pending — and a failing
 * migration leaves the schema as it was.
 */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return migrator.migrateToLatest();
  await sql`begin immediate`.execute(db);
  let result: MigrationResultSet | undefined;
  try {
    result = await migrator.migrateToLatest();
    return result;
  } finally {
    await sql.raw(result && !result.error ? 'commit' : 'rollback').execute(db);
  }
}

/**
 * Whether the database takes row locks (PostgreSQL: `SELECT … FOR UPDATE`). SQLite has none and needs none: one writer
 * at a time, and within a process a transaction holds the one connection until it ends.
 */
export function locksRows(db: DB): boolean {
  return !(db.getExecutor().adapter instanceof SqliteAdapter);
}

/** Runs `fn` in a transaction, or inside the caller's when `db` already is one (an update processed by the inbox). */
export function inTransaction<T>(db: DB, fn: (tx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Why a database could not be opened or written at start-up, in words an operator can act on. */
export function describeOpenFailure(databaseUrl: string, err: unknown): string {
  const code = (err as { code?: string })?.code ?? '';
  const where = redactDatabaseUrl(databaseUrl);
  const why =
    code === 'EROFS'
      ? 'hệ thống tệp chỉ đọc / the file system is read-only'
      : code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM'
        ? 'tệp hoặc thư mục chỉ đọc, không có quyền ghi / the file or its folder is read-only (no write permission)'
        : code === 'EEXIST' || code === 'ENOTDIR'
          ? 'một phần của đường dẫn là tệp chứ không phải thư mục / part of the path is a file, not a folder'
          : code === 'SQLITE_CANTOPEN'
            ? 'không mở được tệp (đường dẫn là thư mục, hoặc thư mục không tồn tại) / cannot open the file (the path is a folder, or its folder is missing)'
            : code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
              ? 'tệp không phải cơ sở dữ liệu SQLite hoặc đã hỏng / the file is not an SQLite database, or it is damaged'
              : (err as Error)?.message ?? String(err);
  return `DATABASE_URL: không mở được cơ sở dữ liệu ${where}: ${why}${code ? ` (${code})` : ''} / cannot open the database`;
}
