import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type MigrationResultSet, type PostgresPool, type PostgresPoolClient, type SqliteDatabase } from 'kysely';
import type pg from 'pg';
import { databaseKind, type Env } from '../config/env.ts';
import { migrations } from '../../migrations/index.ts';
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

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** bigint columns, count(*) and sum() come back from pg as strings; as numbers the code sees what SQLite gives. */
function numberFromPg(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) && !text.includes('.')) throw new RangeError(`PostgreSQL integer ${text} is beyond JavaScript's safe range`);
  return n;
}

function pgTypes(types: typeof pg.types) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID || oid === NUMERIC_OID ? numberFromPg : types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
}

/**
 * How long PostgreSQL may keep the app waiting (milliseconds; 0 = no limit). A server that stops answering (frozen,
 * cut off by the network) would otherwise hold every query, and with it every person's update, for ever.
 */
export interface PostgresLimits {
  /** Opening a connection, and waiting for a free one when the pool is busy (client side). */
  connectTimeoutMs: number;
  /** Waiting for a query's answer (client side); the connection is then destroyed, never reused. */
  queryTimeoutMs: number;
  /** The server cancels a statement running longer (statement_timeout). Below the query timeout. */
  statementTimeoutMs: number;
  /** The server ends a session left idle inside a transaction (idle_in_transaction_session_timeout). */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive probes start after the connection has been quiet this long (a host gone from the network). */
  keepAliveMs: number;
}

/** The pool's limits from DATABASE_*_MS (src/config/env.ts has the defaults, .env.example says why). */
export function postgresLimits(env: Pick<Env, 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_QUERY_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DATABASE_KEEPALIVE_MS'>): PostgresLimits {
  return {
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: env.DATABASE_QUERY_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAliveMs: env.DATABASE_KEEPALIVE_MS,
  };
}

/** pg's client settings for `limits` (a 0 is left out: pg's own default, no limit). */
function clientLimits(limits: PostgresLimits | undefined): pg.ClientConfig {
  if (!limits) return {};
  const set = (ms: number) => (ms > 0 ? ms : undefined);
  return {
    ...(set(limits.connectTimeoutMs) ? { connectionTimeoutMillis: limits.connectTimeoutMs } : {}),
    ...(set(limits.queryTimeoutMs) ? { query_timeout: limits.queryTimeoutMs } : {}),
    ...(set(limits.statementTimeoutMs) ? { statement_timeout: limits.statementTimeoutMs } : {}),
    ...(set(limits.idleInTransactionTimeoutMs) ? { idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs } : {}),
    ...(set(limits.keepAliveMs) ? { keepAlive: true, keepAliveInitialDelayMillis: limits.keepAliveMs } : {}),
  };
}

/**
 * pg reports a server that does not answer with errors that carry no code ("Query read timeout", "timeout exceeded
 * when trying to connect", "Connection terminated…"). They get Node's codes here, ETIMEDOUT or ECONNRESET, so that
 * everything above storage tells them from a bug as it does a refused connection (ECONNREFUSED) — and true is
 * returned when the connection they came from can no longer be used.
 */
function tagConnectionError(err: unknown): boolean {
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== undefined) return false;
  const timeout = /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated due to connection timeout|timeout expired)$/u.test(err.message);
  const lost = /^(Connection terminated|Client has encountered a connection error|Client was closed)/u.test(err.message);
  if (!timeout && !lost) return false;
  Object.assign(err, { code: timeout ? 'ETIMEDOUT' : 'ECONNRESET' });
  return true;
}

/** Whether an error means the database did not answer or the connection broke (also a batch's shared failure). */
export function isConnectionLoss(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code === 'ETIMEDOUT' || code.startsWith('ECONN') || code.startsWith('08') || code.startsWith('57P'));
}

/**
 * The pool as kysely sees it, with one change: a connection whose query timed out or broke is destroyed when it is
 * released, and refuses further queries at once (a transaction's ROLLBACK would otherwise queue behind the query that
 * never ends, and wait out a second timeout). pg keeps such a connection busy until the server answers.
 */
function guardedPool(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect().catch((err: unknown) => {
        tagConnectionError(err);
        throw err;
      });
      let broken: Error | undefined;
      const query = (text: string, params: readonly unknown[]) => {
        if (broken) return Promise.reject(Object.assign(new Error(`connection unusable after: ${broken.message}`), { code: (broken as { code?: string }).code }));
        return client.query(text, params as unknown[]).catch((err: unknown) => {
          if (tagConnectionError(err)) broken = err as Error;
          throw err;
        });
      };
      return {
        query: query as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(broken ?? (destroy ? true : undefined)),
      };
    },
    end: () => pool.end(),
  };
}

function openPostgres(connectionString: string, max: number, limits: PostgresLimits | undefined): DB {
  // pg is loaded when the first query needs the pool: an SQLite process never holds it.
  const pool = async () => {
    const { default: driver } = await import('pg');
    const p = new driver.Pool({ connectionString, max, types: pgTypes(driver.types), ...clientLimits(limits) });
    // An idle connection that breaks (server restart) is dropped from the pool; without a listener it would crash the
    // process. The next query opens a new connection, and the query in flight fails where it is awaited.
    p.on('error', () => {});
    return guardedPool(p);
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * The database answers, asked on a connection of its own — not through the pool, which may be full of queries
 * waiting on a server that hangs. The connection is kept for the next probe and dropped after any failure. Resolves
 * when `select 1` came back within `timeoutMs`, else rejects (ETIMEDOUT for no answer). SQLite: always resolves (the
 * file is in this process; its failures show as failing writes).
 */
export interface DatabaseProbe {
  probe(): Promise<void>;
  close(): Promise<void>;
}

export function openDatabaseProbe(databaseUrl: string, timeoutMs = 2000): DatabaseProbe {
  if (databaseKind(databaseUrl) !== 'postgres') return { probe: async () => undefined, close: async () => undefined };
  let client: pg.Client | undefined;
  let inFlight: Promise<void> | undefined;
  const drop = () => {
    const c = client;
    client = undefined;
    // end() destroys the socket of a connection with a query in flight; a connect in progress ends by its own timeout.
    void c?.end().catch(() => undefined);
  };
  const ask = async () => {
    let c = client;
    if (!c) {
      const { default: driver } = await import('pg');
      c = new driver.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, keepAlive: true });
      c.on('error', () => {});
      client = c;
      await c.connect();
    }
    await c.query('select 1');
  };
  const bounded = async () => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`the database did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    try {
      await Promise.race([ask(), deadline]);
    } catch (err) {
      tagConnectionError(err);
      drop();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    // Requests arriving together share one probe.
    probe: () => (inFlight ??= bounded().finally(() => (inFlight = undefined))),
    async close() {
      await inFlight?.catch(() => undefined);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
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
