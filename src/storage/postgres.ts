import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { databaseKind, type PostgresLimits } from '../config/env.ts';
import type { DB } from './db.ts';
import type { Database } from './schema.ts';

// PostgreSQL's side of storage: the pg pool as the app uses it (numbers as SQLite gives them, limits on every wait)
// and the health probe's connection of its own.

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

export function openPostgres(connectionString: string, max: number, limits: PostgresLimits | undefined): DB {
  // pg is loaded when the first query needs the pool: an SQLite process never holds it.
  const pool = async () => {
    const { default: driver } = await import('pg');
    // The connect limit bounds opening a connection to the server, never the wait for a free one: pg's pool applies
    // its connectionTimeoutMillis to both, and in a rush (every connection busy, each query bounded by query_timeout)
    // a wait longer than that is load, not a fault — answering it with 503s would tell people the system is down.
    const { connectionTimeoutMillis, ...perQuery } = clientLimits(limits);
    class Client extends driver.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, ...(connectionTimeoutMillis ? { connectionTimeoutMillis } : {}) });
      }
    }
    const p = new driver.Pool({ connectionString, max, types: pgTypes(driver.types), ...perQuery, Client });
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

