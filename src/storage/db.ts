import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { Database } from './schema.ts';

export type DB = Kysely<Database>;

/** "sqlite:./data/x.sqlite", "sqlite:///abs/x.sqlite", "file:x.sqlite" or a plain path → file path (":memory:" kept). */
export function sqlitePath(databaseUrl: string): string {
  const stripped = databaseUrl.replace(/^(sqlite|file):(\/\/)?/u, '');
  return stripped === ':memory:' ? stripped : resolve(stripped);
}

/**
 * Opens the SQLite database with the settings the app relies on: WAL (readers never block the writer), foreign keys,
 * a busy timeout (a second process waits instead of failing), synchronous=NORMAL (safe with WAL).
 */
export function openDatabase(databaseUrl: string): DB {
  const path = sqlitePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query anew; the app runs the same few hundred SQL texts over and over, so prepared statements
 * are kept (bounded). Safe because kysely's SQLite driver runs one query at a time on its single connection.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      stmt = sqlite.prepare(source);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get: (target, key) => {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Runs all pending migrations. Never throws: returns kysely's `{ error, results }`. */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return migrator.migrateToLatest();
}
