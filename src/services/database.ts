import { backupSqlite } from '../storage/backup.ts';
import { CopyError, copySqliteToPostgres } from '../storage/copy.ts';

/**
 * Whole-database operations for the operators' command-line tools (npm run db:backup, db:copy): a consistent copy of
 * a live SQLite file, and a district's data moved from SQLite to PostgreSQL (the bot stopped), checked table by table.
 */

/** A finished backup: where it is, and the rows per table read back from the file itself. */
export interface BackupReport {
  file: string;
  tables: { table: string; rows: number }[];
}

/** One table after a copy: rows and the sum of every integer column on both sides; `ok` when they agree. */
export interface TableComparison {
  table: string;
  rows: { sqlite: number; postgres: number };
  sums: { column: string; sqlite: number; postgres: number }[];
  ok: boolean;
}

/** A copy done (each table compared), or refused for something the operator must fix (the reason says what). */
export type CopyOutcome = { kind: 'copied'; tables: TableComparison[] } | { kind: 'refused'; reason: string };

/** Backs up the SQLite database `databaseUrl` names into `destination`; safe while the bot runs. */
export function backupDatabase(databaseUrl: string, destination: string): Promise<BackupReport> {
  return backupSqlite(databaseUrl, destination);
}

/** Copies every table of an SQLite database into an empty PostgreSQL one (`force`: emptied first), then compares them. */
export async function copyDatabase(sqliteUrl: string, postgresUrl: string, opts: { force?: boolean } = {}): Promise<CopyOutcome> {
  try {
    return { kind: 'copied', tables: await copySqliteToPostgres(sqliteUrl, postgresUrl, opts) };
  } catch (err) {
    if (err instanceof CopyError) return { kind: 'refused', reason: err.message };
    throw err;
  }
}
