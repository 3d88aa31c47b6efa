import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import { migrateToLatest, openDatabase, sqlitePath, type DB } from './db.ts';

/** One table after the copy: rows and the sum of every integer column, in the SQLite file and in PostgreSQL. */
export interface TableCheck {
  table: string;
  rows: { sqlite: number; postgres: number };
  sums: { column: string; sqlite: number; postgres: number }[];
  ok: boolean;
}

/** Something the operator must fix (a missing file, a non-empty target); the message says what. */
export class CopyError extends Error {
  override name = 'CopyError';
}

interface TableInfo {
  name: string;
  columns: string[];
  /** Columns declared `integer` (ids, scores, counts, flags): summed to check the copy. Times are `bigint`. */
  integerColumns: string[];
  /** Foreign keys to the table itself (participants.invited_by → participants.id). */
  selfRefs: { from: string; to: string }[];
  /** Other tables this one references. */
  references: string[];
}

type Row = Record<string, unknown>;

/**
 * Tables the target's triggers fill from the rows copied into others (unit_totals from participants): copying them
 * too would count everything twice. They are still emptied with --force and compared by the check.
 */
const KEPT_BY_TRIGGERS = new Set(['unit_totals']);
type AnyDb = Kysely<any>;

/**
 * Copies every table of an SQLite database into a PostgreSQL one, the bot stopped: both migrated to the latest
 * schema, tables in foreign-key order, rows in batches, all in one transaction (a failure leaves the target as it
 * was), identity sequences moved past the copied ids; then counts rows and sums integer columns on both sides.
 * A target that already has rows is refused unless `force` (its rows are then deleted first, in the same transaction).
 */
export async function copySqliteToPostgres(sqliteUrl: string, postgresUrl: string, opts: { force?: boolean; batchRows?: number } = {}): Promise<TableCheck[]> {
  const file = sqlitePath(sqliteUrl);
  if (!existsSync(file)) throw new CopyError(`Không thấy tệp SQLite / no such SQLite file: ${file}`);
  await migrated(openDatabase(file));
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  const target = openDatabase(postgresUrl, { poolSize: 2 });
  try {
    await migrated(target, false);
    const tables = dependencyOrder(readTables(source));
    const filled = await nonEmptyTables(target, tables);
    if (filled.length > 0 && !opts.force) {
      throw new CopyError(`Cơ sở dữ liệu đích đã có dữ liệu / the target already has rows in: ${filled.join(', ')} (--force deletes them first)`);
    }
    await target.transaction().execute(async (trx) => {
      for (const t of [...tables].reverse()) await trx.deleteFrom(t.name as never).execute();
      for (const t of tables) if (!KEPT_BY_TRIGGERS.has(t.name)) await copyTable(source, trx, t, opts.batchRows ?? 1000);
      await resetIdentities(trx);
    });
    return await checkTables(source, target, tables);
  } finally {
    source.close();
    await target.destroy();
  }
}

async function migrated(db: DB, close = true): Promise<void> {
  try {
    const { error } = await migrateToLatest(db);
    if (error) throw error;
  } finally {
    if (close) await db.destroy();
  }
}

/** The app's tables (not SQLite's own, not kysely's migration bookkeeping) with their columns and self-references. */
function readTables(source: SQLite.Database): TableInfo[] {
  const names = source
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`)
    .pluck()
    .all() as string[];
  return names.map((name) => {
    const columns = source.pragma(`table_info("${name}")`) as { name: string; type: string }[];
    const keys = source.pragma(`foreign_key_list("${name}")`) as { table: string; from: string; to: string }[];
    return {
      name,
      columns: columns.map((c) => c.name),
      integerColumns: columns.filter((c) => c.type.toLowerCase() === 'integer').map((c) => c.name),
      selfRefs: keys.filter((k) => k.table === name).map((k) => ({ from: k.from, to: k.to })),
      references: [...new Set(keys.filter((k) => k.table !== name).map((k) => k.table))],
    };
  });
}

/** Referenced tables before the tables that reference them. */
function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  let waiting = tables;
  while (waiting.length > 0) {
    const ready = waiting.filter((t) => t.references.every((r) => placed.has(r)));
    if (ready.length === 0) throw new CopyError(`Khóa ngoại vòng tròn / circular foreign keys between ${waiting.map((t) => t.name).join(', ')}`);
    for (const t of ready) placed.add(t.name);
    ordered.push(...ready);
    waiting = waiting.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

async function nonEmptyTables(db: DB, tables: TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const t of tables) if (await (db as AnyDb).selectFrom(t.name).select(sql`1`.as('x')).limit(1).executeTakeFirst()) filled.push(t.name);
  return filled;
}

/**
 * Rows in rowid order, `batchRows` per insert (fewer for wide tables: PostgreSQL takes at most 65,535 parameters).
 * A self-reference to a row not copied yet is left null and set once the whole table is in.
 */
async function copyTable(source: SQLite.Database, trx: Transaction<any>, table: TableInfo, batchRows: number): Promise<void> {
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(60_000 / table.columns.length)));
  const seen = new Map(table.selfRefs.map((r) => [r.to, new Set<unknown>()]));
  const later: { ref: { from: string; to: string }; key: unknown; value: unknown }[] = [];
  let batch: Row[] = [];
  for (const row of source.prepare(`select * from "${table.name}" order by rowid`).iterate() as IterableIterator<Row>) {
    for (const ref of table.selfRefs) {
      const value = row[ref.from];
      if (value !== null && !seen.get(ref.to)!.has(value)) {
        later.push({ ref, key: row[ref.to], value });
        row[ref.from] = null;
      }
    }
    for (const [column, keys] of seen) keys.add(row[column]);
    batch.push(row);
    if (batch.length === perBatch) {
      await trx.insertInto(table.name).values(batch).execute();
      batch = [];
    }
  }
  if (batch.length > 0) await trx.insertInto(table.name).values(batch).execute();
  for (const { ref, key, value } of later) await trx.updateTable(table.name).set(ref.from, value).where(ref.to, '=', key).execute();
}

/** Identity columns continue after the highest copied id (the copy inserted ids explicitly). */
async function resetIdentities(trx: Transaction<any>): Promise<void> {
  const identities = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
  for (const { table_name: t, column_name: c } of identities.rows) {
    await sql`select setval(pg_get_serial_sequence(${t}, ${c}), coalesce((select max(${sql.ref(c)}) from ${sql.table(t)}), 0) + 1, false)`.execute(trx);
  }
}

async function checkTables(source: SQLite.Database, target: DB, tables: TableInfo[]): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const t of tables) {
    const sums = t.integerColumns.map((c) => `coalesce(sum("${c}"), 0) as "${c}"`);
    const there = source.prepare(`select ${['count(*) as "rows"', ...sums].join(', ')} from "${t.name}"`).get() as Record<string, number>;
    const here = (await sql<Record<string, number>>`select ${sql.raw(['count(*) as "rows"', ...sums].join(', '))} from ${sql.table(t.name)}`.execute(target)).rows[0]!;
    const check: TableCheck = {
      table: t.name,
      rows: { sqlite: there.rows!, postgres: Number(here.rows) },
      sums: t.integerColumns.map((c) => ({ column: c, sqlite: there[c]!, postgres: Number(here[c]) })),
      ok: false,
    };
    check.ok = check.rows.sqlite === check.rows.postgres && check.sums.every((s) => s.sqlite === s.postgres);
    checks.push(check);
  }
  return checks;
}
