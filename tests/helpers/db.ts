import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

/** The PostgreSQL server tests create their databases on: TEST_DATABASE_URL (`npm run test:pg`), else the CI one. */
const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Databases this test file created; the setup file drops them when the file ends. */
const created = new Set<string>();

/**
 * The DATABASE_URL of a test's store named `file` in `dir`: that SQLite file, or — under `npm run test:pg` — a fresh
 * PostgreSQL database of its own. The same dir and file give the same database (a restarted app finds its data).
 */
export function testDatabaseUrl(dir: string, file = 'test.sqlite'): string {
  return process.env.TEST_DATABASE_URL ? postgresTestDatabase(join(dir, file)) : join(dir, file);
}

/**
 * A PostgreSQL database named after `key` (created on first use, dropped when the test file ends), in both suites:
 * for what only PostgreSQL can show. Created synchronously, so env helpers stay plain functions.
 */
export function postgresTestDatabase(key: string): string {
  const name = `cdsq_t_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  if (!created.has(name)) {
    // template0 and a C collation: nobody else connects to the template, and text sorts as on SQLite.
    const ddl = `create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`;
    execFileSync('psql', ['-qX', '-v', 'ON_ERROR_STOP=1', '-d', PG_SERVER, '-c', ddl], { stdio: ['ignore', 'ignore', 'pipe'] });
    created.add(name);
  }
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops every database this test file created, closing connections a test left open. */
export async function dropTestDatabases(): Promise<void> {
  if (created.size === 0) return;
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  try {
    for (const name of created) await client.query(`drop database if exists "${name}" with (force)`);
    created.clear();
  } finally {
    await client.end();
  }
}
